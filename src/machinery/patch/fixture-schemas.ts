/**
 * @module machinery/patch/fixture-schemas
 * Small hand-built schemas (Pod, Deployment, ConfigMap) with upstream's patch tags, used by the patch
 * tests so that machinery can be tested without the api layer.
 */
import type { PatchField, PatchSchema } from './schema-walker.js';

type Extra = Omit<PatchField, 'kind' | 'items' | 'values' | 'object'>;

const scalar: PatchField = { kind: 'scalar' };

function schema(fields: Record<string, PatchField>): PatchSchema {
  return { field: (name) => fields[name] };
}
function obj(fields: Record<string, PatchField>, extra: Extra = {}): PatchField {
  return { kind: 'object', object: schema(fields), ...extra };
}
function arr(items: PatchField, extra: Extra = {}): PatchField {
  return { kind: 'array', items, ...extra };
}
function map(values: PatchField, extra: Extra = {}): PatchField {
  return { kind: 'map', values, ...extra };
}
const mergeList = (item: PatchField, key: string, extra: Extra = {}) =>
  arr(item, { patchStrategy: 'merge', mergeKey: key, listType: 'map', listMapKeys: [key], ...extra });

const ownerReference = obj({
  apiVersion: scalar,
  kind: scalar,
  name: scalar,
  uid: scalar,
  controller: scalar,
});

export const objectMeta = obj({
  name: scalar,
  generateName: scalar,
  namespace: scalar,
  uid: scalar,
  resourceVersion: scalar,
  generation: scalar,
  creationTimestamp: scalar,
  labels: map(scalar),
  annotations: map(scalar),
  finalizers: arr(scalar, { patchStrategy: 'merge', listType: 'set' }),
  ownerReferences: mergeList(ownerReference, 'uid'),
  managedFields: arr(obj({ manager: scalar, operation: scalar, fieldsV1: scalar }), { listType: 'atomic' }),
});

const envVar = obj({
  name: scalar,
  value: scalar,
  valueFrom: obj({ fieldRef: obj({ fieldPath: scalar }, { mapType: 'atomic' }) }),
});
const containerPort = obj({
  name: scalar,
  containerPort: scalar,
  protocol: { kind: 'scalar', default: 'TCP' },
  hostPort: scalar,
});
const container = obj({
  name: scalar,
  image: scalar,
  command: arr(scalar, { listType: 'atomic' }),
  args: arr(scalar, { listType: 'atomic' }),
  env: mergeList(envVar, 'name'),
  ports: arr(containerPort, {
    patchStrategy: 'merge',
    mergeKey: 'containerPort',
    listType: 'map',
    listMapKeys: ['containerPort', 'protocol'],
  }),
  volumeMounts: mergeList(obj({ name: scalar, mountPath: scalar, readOnly: scalar }), 'mountPath'),
  resources: obj({ limits: map(scalar), requests: map(scalar) }),
  imagePullPolicy: scalar,
});
const volume = obj({
  name: scalar,
  emptyDir: obj({ medium: scalar, sizeLimit: scalar }),
  hostPath: obj({ path: scalar, type: scalar }),
  configMap: obj({ name: scalar, defaultMode: scalar }),
  secret: obj({ secretName: scalar }),
});
export const podSpec = obj({
  containers: mergeList(container, 'name', { required: true }),
  initContainers: mergeList(container, 'name'),
  volumes: mergeList(volume, 'name', { patchStrategy: 'merge,retainKeys' }),
  tolerations: arr(obj({ key: scalar, operator: scalar, effect: scalar }), { listType: 'atomic' }),
  nodeSelector: map(scalar, { mapType: 'atomic' }),
  restartPolicy: scalar,
  terminationGracePeriodSeconds: scalar,
});

const condition = obj({ type: scalar, status: scalar, reason: scalar });

export const podSchema: PatchSchema = schema({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  spec: podSpec,
  status: obj({ phase: scalar, conditions: mergeList(condition, 'type') }),
});

export const deploymentSchema: PatchSchema = schema({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  spec: obj({
    replicas: scalar,
    selector: obj({ matchLabels: map(scalar) }, { mapType: 'atomic' }),
    strategy: obj(
      { type: scalar, rollingUpdate: obj({ maxSurge: scalar, maxUnavailable: scalar }) },
      { patchStrategy: 'retainKeys' },
    ),
    template: obj({ metadata: objectMeta, spec: podSpec }),
    paused: scalar,
    progressDeadlineSeconds: scalar,
  }),
  status: obj({ replicas: scalar, conditions: mergeList(condition, 'type') }),
});

export const configMapSchema: PatchSchema = schema({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  data: map(scalar),
});
