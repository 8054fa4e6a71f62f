/**
 * @module apiserver/openapi/testing/mini-schemas
 * A small hand-made schema registry and resource list (Pod, Service, Deployment, autoscaling
 * Scale, ObjectMeta) for the generator's tests: enough structure to exercise refs across groups,
 * arrays, maps, named scalars and patch metadata without depending on the full schema files.
 * Descriptions are placeholders; field numbers follow upstream's generated.proto where used.
 */
import { f, SchemaRegistry, t, type } from '../../../api/schema/model.js';
import type { OpenApiResource } from '../paths.js';

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const core = 'io.k8s.api.core.v1';
const apps = 'io.k8s.api.apps.v1';

const typeMeta = {
  apiVersion: f(0, t.string, 'Versioned schema of this object.'),
  kind: f(0, t.string, 'REST resource this object represents.'),
};

export function miniRegistry(): SchemaRegistry {
  return new SchemaRegistry().add(
    type(`${meta}.ObjectMeta`, 'Metadata every persisted object has.', {
      name: f(1, t.string, 'Name, unique within a namespace.'),
      namespace: f(3, t.string, 'Namespace of the object.'),
      labels: f(11, t.map(t.string), 'Labels for selection.'),
      annotations: f(12, t.map(t.string), 'Free-form annotations.'),
      creationTimestamp: f(8, t.time, 'When the object was created.'),
      resourceVersion: f(6, t.string, 'Version for optimistic concurrency.'),
      managedFields: f(17, t.array(t.ref(`${meta}.ManagedFieldsEntry`)), 'Field ownership.', {
        listType: 'atomic',
      }),
    }),
    type(`${meta}.ManagedFieldsEntry`, 'One manager and the fields it owns.', {
      manager: f(1, t.string, 'Manager name.'),
      fieldsV1: f(7, t.fieldsV1, 'Owned fields.'),
    }),
    type(
      `${meta}.LabelSelector`,
      'A label query.',
      {
        matchLabels: f(1, t.map(t.string), 'Exact label matches.'),
      },
      { structType: 'atomic' },
    ),
    type(`${meta}.ListMeta`, 'List metadata.', {
      resourceVersion: f(2, t.string, 'Version of the list.'),
      continue: f(3, t.string, 'Continuation token.'),
    }),
    type(
      `${meta}.Status`,
      'Result of an operation that returns no object.',
      {
        ...typeMeta,
        message: f(3, t.string, 'Human-readable message.'),
        reason: f(4, t.string, 'Machine-readable reason.'),
        code: f(6, t.int32, 'HTTP status code.'),
      },
      { gvk: [{ group: '', version: 'v1', kind: 'Status' }] },
    ),
    type(`${meta}.DeleteOptions`, 'Options of a delete.', {
      ...typeMeta,
      gracePeriodSeconds: f(1, t.int64, 'Grace period.'),
      propagationPolicy: f(4, t.string, 'How dependents are collected.'),
    }),
    type(
      `${core}.Pod`,
      'A group of containers on one node.',
      {
        ...typeMeta,
        metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Standard object metadata.'),
        spec: f(2, t.ref(`${core}.PodSpec`), 'Desired behaviour of the pod.'),
        status: f(3, t.ref(`${core}.PodStatus`), 'Observed state of the pod.'),
      },
      { gvk: [{ group: '', version: 'v1', kind: 'Pod' }] },
    ),
    type(`${core}.PodSpec`, 'Specification of a pod.', {
      containers: f(2, t.array(t.ref(`${core}.Container`)), 'The containers of the pod.', {
        required: true,
        mergeKey: 'name',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['name'],
      }),
      restartPolicy: f(3, t.string, 'When containers restart.', { enum: ['Always', 'Never', 'OnFailure'] }),
      nodeSelector: f(7, t.map(t.string), 'Node labels the pod needs.', { mapType: 'atomic' }),
      nodeName: f(10, t.string, 'Node the pod is bound to.'),
    }),
    type(`${core}.Container`, 'One container of a pod.', {
      name: f(1, t.string, 'Name of the container.', { required: true }),
      image: f(2, t.string, 'Image reference.'),
      command: f(3, t.array(t.string), 'Entrypoint.', { listType: 'atomic' }),
      ports: f(6, t.array(t.ref(`${core}.ContainerPort`)), 'Ports to expose.', {
        mergeKey: 'containerPort',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['containerPort', 'protocol'],
      }),
      resources: f(8, t.ref(`${core}.ResourceRequirements`), 'Compute resources.'),
      stdin: f(16, t.boolean, 'Keep stdin open.'),
    }),
    type(`${core}.ContainerPort`, 'A network port of a container.', {
      name: f(1, t.string, 'Port name.'),
      containerPort: f(3, t.int32, 'Port number.', { required: true }),
      protocol: f(4, t.string, 'Protocol.', { default: 'TCP', enum: ['SCTP', 'TCP', 'UDP'] }),
    }),
    type(`${core}.ResourceRequirements`, 'Compute resource needs.', {
      limits: f(1, t.map(t.quantity), 'Most that may be used.'),
      requests: f(2, t.map(t.quantity), 'Least that is needed.'),
    }),
    type(`${core}.PodStatus`, 'Observed state of a pod.', {
      phase: f(1, t.string, 'Lifecycle phase.'),
      startTime: f(7, t.time, 'When the kubelet acknowledged the pod.'),
    }),
    type(
      `${core}.Service`,
      'A named set of pods behind one address.',
      {
        ...typeMeta,
        metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Standard object metadata.'),
        spec: f(2, t.ref(`${core}.ServiceSpec`), 'Desired behaviour.'),
      },
      { gvk: [{ group: '', version: 'v1', kind: 'Service' }] },
    ),
    type(`${core}.ServiceSpec`, 'Specification of a service.', {
      ports: f(1, t.array(t.ref(`${core}.ServicePort`)), 'Ports.', {
        mergeKey: 'port',
        patchStrategy: 'merge',
      }),
      selector: f(2, t.map(t.string), 'Pod selector.'),
    }),
    type(`${core}.ServicePort`, 'One port of a service.', {
      port: f(3, t.int32, 'Service port.', { required: true }),
      targetPort: f(4, t.intOrString, 'Pod port, number or name.'),
    }),
    type(
      `${apps}.Deployment`,
      'Declarative updates for pods and replica sets.',
      {
        ...typeMeta,
        metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Standard object metadata.'),
        spec: f(2, t.ref(`${apps}.DeploymentSpec`), 'Desired behaviour.'),
      },
      { gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }] },
    ),
    type(`${apps}.DeploymentSpec`, 'Specification of a deployment.', {
      replicas: f(1, t.int32, 'Desired pod count.'),
      selector: f(2, t.ref(`${meta}.LabelSelector`), 'Pods this deployment manages.', { required: true }),
      template: f(3, t.ref(`${core}.PodTemplateSpec`), 'Template of the pods.', { required: true }),
      strategy: f(4, t.ref(`${apps}.DeploymentStrategy`), 'How pods are replaced.'),
    }),
    type(`${apps}.DeploymentStrategy`, 'How to replace existing pods with new ones.', {
      type: f(1, t.string, 'Recreate or RollingUpdate.', { enum: ['Recreate', 'RollingUpdate'] }),
      rollingUpdate: f(2, t.ref(`${apps}.RollingUpdateDeployment`), 'Rolling update parameters.'),
    }),
    type(`${apps}.RollingUpdateDeployment`, 'Rolling update parameters.', {
      maxUnavailable: f(1, t.intOrString, 'Pods that may be unavailable.'),
      maxSurge: f(2, t.intOrString, 'Pods above the desired count.'),
    }),
    type(`${core}.PodTemplateSpec`, 'Pod template.', {
      metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Metadata of created pods.'),
      spec: f(2, t.ref(`${core}.PodSpec`), 'Spec of created pods.'),
    }),
    type(
      'io.k8s.api.autoscaling.v1.Scale',
      'A scaling request.',
      {
        ...typeMeta,
        metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Standard object metadata.'),
        spec: f(2, t.ref('io.k8s.api.autoscaling.v1.ScaleSpec'), 'Desired scale.'),
      },
      { gvk: [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }] },
    ),
    type('io.k8s.api.autoscaling.v1.ScaleSpec', 'Desired scale.', {
      replicas: f(1, t.int32, 'Desired replicas.'),
    }),
    type(
      'io.k8s.api.core.v1.Binding',
      'Binds a pod to a node.',
      {
        ...typeMeta,
        metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'Standard object metadata.'),
        target: f(2, t.ref('io.k8s.api.core.v1.ObjectReference'), 'Target node.', { required: true }),
      },
      { gvk: [{ group: '', version: 'v1', kind: 'Binding' }] },
    ),
    type('io.k8s.api.core.v1.ObjectReference', 'A reference to an object.', {
      kind: f(1, t.string, 'Kind.'),
      name: f(3, t.string, 'Name.'),
    }),
  );
}

const podVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const miniResources: OpenApiResource[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    verbs: podVerbs,
    schemaName: 'io.k8s.api.core.v1.Pod',
    subresources: [
      {
        name: 'status',
        responseKind: { group: '', version: 'v1', kind: 'Pod' },
        verbs: ['get', 'patch', 'update'],
      },
      { name: 'binding', responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
      {
        name: 'exec',
        responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' },
        verbs: ['create', 'get'],
      },
      { name: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
    ],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    verbs: podVerbs,
    schemaName: 'io.k8s.api.core.v1.Service',
    subresources: [],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    verbs: podVerbs,
    schemaName: 'io.k8s.api.apps.v1.Deployment',
    subresources: [
      {
        name: 'scale',
        responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
        verbs: ['get', 'patch', 'update'],
      },
      {
        name: 'status',
        responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
        verbs: ['get', 'patch', 'update'],
      },
    ],
  },
];
