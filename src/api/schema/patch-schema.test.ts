import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from './index.js';
import { patchSchemaFor, patchSchemaForKind } from './patch-schema.js';
import { applyStrategicMergePatch } from '../../machinery/patch/strategic-merge.js';
import { serverSideApply } from '../../machinery/patch/ssa/apply.js';
import { updateManagedFieldsForUpdate } from '../../machinery/patch/ssa/managed-fields.js';

const pod = patchSchemaForKind(schemas, '', 'v1', 'Pod')!;
const deployment = patchSchemaForKind(schemas, 'apps', 'v1', 'Deployment')!;
const T0 = new Date('2026-01-01T00:00:00Z');

const webDeployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
    },
  },
});

test('adapter exposes merge keys, strategies and list types from the registry', () => {
  const spec = pod.field('spec')!;
  assert.equal(spec.kind, 'object');
  const containers = spec.object!.field('containers')!;
  assert.equal(containers.kind, 'array');
  assert.equal(containers.mergeKey, 'name');
  assert.equal(containers.patchStrategy, 'merge');
  assert.equal(containers.required, true);
  const ports = containers.items!.object!.field('ports')!;
  assert.deepEqual(ports.listMapKeys, ['containerPort', 'protocol']);
  assert.equal(ports.items!.object!.field('protocol')!.default, 'TCP');
  assert.equal(spec.object!.field('volumes')!.patchStrategy, 'merge,retainKeys');
  assert.equal(pod.field('metadata')!.object!.field('finalizers')!.listType, 'set');
  assert.equal(pod.field('nope'), undefined);
  assert.equal(patchSchemaFor(schemas, 'no.such.Type').field('x'), undefined);
  assert.equal(patchSchemaForKind(schemas, 'example.com', 'v1', 'Widget'), undefined);
});

test('label selectors are atomic structs', () => {
  const selector = deployment.field('spec')!.object!.field('selector')!;
  assert.equal(selector.mapType, 'atomic');
});

test('strategic merge with real schemas: client-side apply body on a Pod', () => {
  const live = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', finalizers: ['x'] },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1', env: [{ name: 'A', value: '1' }] }],
      volumes: [{ name: 'v', emptyDir: {} }],
    },
  };
  const out = applyStrategicMergePatch(
    live,
    {
      metadata: { finalizers: ['y'] },
      spec: {
        '$setElementOrder/containers': [{ name: 'c' }],
        containers: [{ name: 'c', image: 'nginx:2', env: [{ name: 'B', value: '2' }] }],
        volumes: [{ name: 'v', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }],
      },
    },
    pod,
  ) as any;
  assert.equal(out.spec.containers[0].image, 'nginx:2');
  assert.deepEqual(
    out.spec.containers[0].env.map((e: any) => e.name),
    ['B', 'A'],
  );
  assert.deepEqual(out.spec.volumes, [{ name: 'v', configMap: { name: 'cm' } }]);
  assert.deepEqual(out.metadata.finalizers, ['y', 'x']);
});

test('strategic merge with real schemas: deployment strategy retainKeys', () => {
  const live = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const out = applyStrategicMergePatch(
    live,
    { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    deployment,
  ) as any;
  assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
});

test('server-side apply with real schemas produces upstream fieldsV1', () => {
  const { object } = serverSideApply({
    live: undefined,
    applied: webDeployment(),
    manager: 'kubectl',
    force: false,
    schema: deployment,
    now: T0,
  });
  const entry = (object.metadata as any).managedFields[0];
  assert.equal(
    JSON.stringify(entry.fieldsV1),
    JSON.stringify({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    }),
  );
});

test('client-side apply create with real schemas: Update entry like upstream', () => {
  const created = webDeployment();
  (created.metadata as any).annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
  const out = updateManagedFieldsForUpdate({
    oldObj: undefined,
    newObj: created,
    manager: 'kubectl-client-side-apply',
    now: T0,
    schema: deployment,
  }) as any;
  const fields = out.metadata.managedFields[0].fieldsV1;
  assert.deepEqual(fields['f:metadata']['f:labels'], { '.': {}, 'f:app': {} });
  assert.deepEqual(Object.keys(fields['f:spec']['f:template']['f:spec']['f:containers']), [
    'k:{"name":"nginx"}',
  ]);
  assert.deepEqual(
    Object.keys(fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['f:ports']),
    ['.', 'k:{"containerPort":80,"protocol":"TCP"}'],
  );
});
