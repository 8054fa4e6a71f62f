/**
 * @module api/schema/apps-v1
 * Type schemas for apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet and ControllerRevision.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const core = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.apps.v1.${n}`);

export const appsV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.apps.v1.StatefulSet',
    'Runs a set of pods with stable names and storage, created and removed in order.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('StatefulSetSpec'), 'Desired state of the StatefulSet.'),
      status: f(3, local('StatefulSetStatus'), 'Observed state of the StatefulSet, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'StatefulSet' }] },
  ),

  type(
    'io.k8s.api.apps.v1.StatefulSetUpdateStrategy',
    'How the StatefulSet controller rolls out changes to the pod template.',
    {
      type: f(1, t.string, 'Which update method to use; RollingUpdate unless set.', {
        enum: ['OnDelete', 'RollingUpdate'],
      }),
      rollingUpdate: f(2, local('RollingUpdateStatefulSetStrategy'), 'Tuning for the RollingUpdate method.'),
    },
  ),

  type(
    'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy',
    'Parameters for rolling a StatefulSet forward.',
    {
      partition: f(1, t.int32, 'Only pods with an ordinal at or above this number are updated.'),
      maxUnavailable: f(
        2,
        t.intOrString,
        'Upper bound (count or percentage) of pods that may be down at once during an update.',
      ),
    },
  ),

  type(
    'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
    'Whether claims made from volumeClaimTemplates are kept or removed.',
    {
      whenDeleted: f(1, t.string, 'What happens to the claims when the StatefulSet itself is deleted.'),
      whenScaled: f(2, t.string, 'What happens to the claims of pods removed by scaling down.'),
    },
  ),

  type('io.k8s.api.apps.v1.StatefulSetOrdinals', 'Numbering of the replicas in a StatefulSet.', {
    start: f(1, t.int32, 'Ordinal given to the first replica; replicas count upwards from it.'),
  }),

  type('io.k8s.api.apps.v1.StatefulSetSpec', 'Desired state of a StatefulSet.', {
    replicas: f(1, t.int32, 'How many pods should exist; one if unset.'),
    selector: f(
      2,
      meta('LabelSelector'),
      'Label query that picks the pods this set owns; must match the template labels.',
      { required: true },
    ),
    template: f(3, core('PodTemplateSpec'), 'Pod shape used to create each replica.', { required: true }),
    volumeClaimTemplates: f(
      4,
      t.array(core('PersistentVolumeClaim')),
      'Claims created once per pod and mounted into it by name.',
      { listType: 'atomic' },
    ),
    serviceName: f(5, t.string, 'Headless service that gives the pods their network identity.', {
      required: true,
    }),
    podManagementPolicy: f(
      6,
      t.string,
      'Whether pods are created and removed one at a time or all together.',
      { enum: ['OrderedReady', 'Parallel'] },
    ),
    updateStrategy: f(7, local('StatefulSetUpdateStrategy'), 'How template changes reach existing pods.'),
    revisionHistoryLimit: f(8, t.int32, 'How many old ControllerRevisions to keep for rollbacks.'),
    minReadySeconds: f(9, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    persistentVolumeClaimRetentionPolicy: f(
      10,
      local('StatefulSetPersistentVolumeClaimRetentionPolicy'),
      'Lifecycle of the claims made from volumeClaimTemplates.',
    ),
    ordinals: f(11, local('StatefulSetOrdinals'), 'Controls the numbering of replica ordinals.'),
  }),

  type('io.k8s.api.apps.v1.StatefulSetStatus', 'Observed state of a StatefulSet.', {
    observedGeneration: f(1, t.int64, 'Latest spec generation the controller has acted on.'),
    replicas: f(2, t.int32, 'Number of pods the controller has created.', { required: true }),
    readyReplicas: f(3, t.int32, 'Pods that have a Ready condition.'),
    currentReplicas: f(4, t.int32, 'Pods running the currentRevision template.'),
    updatedReplicas: f(5, t.int32, 'Pods running the updateRevision template.'),
    currentRevision: f(6, t.string, 'Revision name of the template the set is moving away from.'),
    updateRevision: f(7, t.string, 'Revision name of the newest template.'),
    collisionCount: f(9, t.int32, 'Counter mixed into revision names to avoid hash clashes.'),
    conditions: f(10, t.array(local('StatefulSetCondition')), 'Latest known conditions of the set.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
    availableReplicas: f(11, t.int32, 'Pods that have been ready for at least minReadySeconds.'),
  }),

  type('io.k8s.api.apps.v1.StatefulSetCondition', 'One observed condition of a StatefulSet.', {
    type: f(1, t.string, 'Kind of condition.', { required: true }),
    status: f(2, t.string, 'Observed state of the StatefulSetCondition, written by the system.', {
      required: true,
    }),
    lastTransitionTime: f(3, t.time, 'When the status last changed.'),
    reason: f(4, t.string, 'Machine-readable cause of the last status change.'),
    message: f(5, t.string, 'Human-readable details about the last change.'),
  }),

  type(
    'io.k8s.api.apps.v1.StatefulSetList',
    'A list of StatefulSet objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('StatefulSet')), 'The StatefulSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'StatefulSetList' }] },
  ),

  type(
    'io.k8s.api.apps.v1.Deployment',
    'Declares a replicated, rolling-updated application made of ReplicaSets.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('DeploymentSpec'), 'Desired state of the Deployment.'),
      status: f(3, local('DeploymentStatus'), 'Observed state of the Deployment, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }] },
  ),

  type('io.k8s.api.apps.v1.DeploymentSpec', 'Desired state of a Deployment.', {
    replicas: f(1, t.int32, 'How many pods should run; one if unset.'),
    selector: f(
      2,
      meta('LabelSelector'),
      'Label query for the pods owned by this deployment; must match the template labels.',
      { required: true },
    ),
    template: f(3, core('PodTemplateSpec'), 'Pod shape the ReplicaSets are created from.', {
      required: true,
    }),
    strategy: f(4, local('DeploymentStrategy'), 'How old pods are replaced by new ones.', {
      patchStrategy: 'retainKeys',
    }),
    minReadySeconds: f(5, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    revisionHistoryLimit: f(6, t.int32, 'How many old ReplicaSets to keep for rollbacks.'),
    paused: f(7, t.boolean, 'When true, template changes are not rolled out.'),
    progressDeadlineSeconds: f(
      9,
      t.int32,
      'Seconds without progress after which the rollout is reported as failed.',
    ),
  }),

  type('io.k8s.api.apps.v1.DeploymentStrategy', 'The way a Deployment replaces its pods.', {
    type: f(1, t.string, 'Either Recreate or RollingUpdate (the default).', {
      enum: ['Recreate', 'RollingUpdate'],
    }),
    rollingUpdate: f(
      2,
      local('RollingUpdateDeployment'),
      'Tuning for RollingUpdate; only set with that type.',
    ),
  }),

  type('io.k8s.api.apps.v1.RollingUpdateDeployment', 'Limits for a rolling update of a Deployment.', {
    maxUnavailable: f(
      1,
      t.intOrString,
      'How many pods (count or percentage) may be unavailable during the update.',
    ),
    maxSurge: f(
      2,
      t.intOrString,
      'How many pods (count or percentage) may exist above the desired count during the update.',
    ),
  }),

  type('io.k8s.api.apps.v1.DeploymentStatus', 'Observed state of a Deployment.', {
    observedGeneration: f(1, t.int64, 'Latest spec generation the controller has acted on.'),
    replicas: f(2, t.int32, 'Pods owned by this deployment, old and new.'),
    updatedReplicas: f(3, t.int32, 'Pods that run the current template.'),
    readyReplicas: f(7, t.int32, 'Pods that have a Ready condition.'),
    availableReplicas: f(4, t.int32, 'Pods that have been ready for at least minReadySeconds.'),
    unavailableReplicas: f(5, t.int32, 'Pods still needed to reach full availability.'),
    conditions: f(6, t.array(local('DeploymentCondition')), 'Latest known conditions of the deployment.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
    collisionCount: f(8, t.int32, 'Counter mixed into ReplicaSet names to avoid hash clashes.'),
  }),

  type('io.k8s.api.apps.v1.DeploymentCondition', 'One observed condition of a Deployment.', {
    type: f(1, t.string, 'Kind of condition.', { required: true }),
    status: f(2, t.string, 'Observed state of the DeploymentCondition, written by the system.', {
      required: true,
    }),
    lastUpdateTime: f(6, t.time, 'When the condition was last updated.'),
    lastTransitionTime: f(7, t.time, 'When the status last changed.'),
    reason: f(4, t.string, 'Machine-readable cause of the last status change.'),
    message: f(5, t.string, 'Human-readable details about the last change.'),
  }),

  type(
    'io.k8s.api.apps.v1.DeploymentList',
    'A list of Deployment objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('Deployment')), 'The Deployment objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DeploymentList' }] },
  ),

  type('io.k8s.api.apps.v1.DaemonSetUpdateStrategy', 'How a DaemonSet rolls out changes to its pods.', {
    type: f(1, t.string, 'Either OnDelete or RollingUpdate (the default).', {
      enum: ['OnDelete', 'RollingUpdate'],
    }),
    rollingUpdate: f(
      2,
      local('RollingUpdateDaemonSet'),
      'Tuning for RollingUpdate; only set with that type.',
    ),
  }),

  type('io.k8s.api.apps.v1.RollingUpdateDaemonSet', 'Limits for a rolling update of a DaemonSet.', {
    maxUnavailable: f(
      1,
      t.intOrString,
      'How many daemon pods (count or percentage) may be down during the update.',
    ),
    maxSurge: f(
      2,
      t.intOrString,
      'How many nodes (count or percentage) may briefly run an extra new pod during the update.',
    ),
  }),

  type('io.k8s.api.apps.v1.DaemonSetSpec', 'Desired state of a DaemonSet.', {
    selector: f(
      1,
      meta('LabelSelector'),
      'Label query for the pods owned by this daemon set; must match the template labels.',
      { required: true },
    ),
    template: f(2, core('PodTemplateSpec'), 'Pod shape run on every eligible node.', { required: true }),
    updateStrategy: f(3, local('DaemonSetUpdateStrategy'), 'How template changes reach existing pods.'),
    minReadySeconds: f(4, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    revisionHistoryLimit: f(6, t.int32, 'How many old ControllerRevisions to keep for rollbacks.'),
  }),

  type('io.k8s.api.apps.v1.DaemonSetStatus', 'Observed state of a DaemonSet.', {
    currentNumberScheduled: f(1, t.int32, 'Nodes that run at least one daemon pod and should.', {
      required: true,
    }),
    numberMisscheduled: f(2, t.int32, 'Nodes that run a daemon pod but should not.', { required: true }),
    desiredNumberScheduled: f(3, t.int32, 'Nodes that should run the daemon pod.', { required: true }),
    numberReady: f(4, t.int32, 'Nodes whose daemon pod is ready.', { required: true }),
    observedGeneration: f(5, t.int64, 'Latest spec generation the controller has acted on.'),
    updatedNumberScheduled: f(6, t.int32, 'Nodes running the newest daemon pod template.'),
    numberAvailable: f(7, t.int32, 'Nodes whose daemon pod has been ready for at least minReadySeconds.'),
    numberUnavailable: f(8, t.int32, 'Nodes that should run an available daemon pod but do not.'),
    collisionCount: f(9, t.int32, 'Counter mixed into revision names to avoid hash clashes.'),
    conditions: f(10, t.array(local('DaemonSetCondition')), 'Latest known conditions of the daemon set.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  }),

  type('io.k8s.api.apps.v1.DaemonSetCondition', 'One observed condition of a DaemonSet.', {
    type: f(1, t.string, 'Kind of condition.', { required: true }),
    status: f(2, t.string, 'Observed state of the DaemonSetCondition, written by the system.', {
      required: true,
    }),
    lastTransitionTime: f(3, t.time, 'When the status last changed.'),
    reason: f(4, t.string, 'Machine-readable cause of the last status change.'),
    message: f(5, t.string, 'Human-readable details about the last change.'),
  }),

  type(
    'io.k8s.api.apps.v1.DaemonSet',
    'Runs one copy of a pod on each eligible node.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('DaemonSetSpec'), 'Desired state of the DaemonSet.'),
      status: f(3, local('DaemonSetStatus'), 'Observed state of the DaemonSet, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSet' }] },
  ),

  type(
    'io.k8s.api.apps.v1.DaemonSetList',
    'A list of DaemonSet objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('DaemonSet')), 'The DaemonSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSetList' }] },
  ),

  type(
    'io.k8s.api.apps.v1.ReplicaSet',
    'Keeps a given number of identical pods running.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('ReplicaSetSpec'), 'Desired state of the ReplicaSet.'),
      status: f(3, local('ReplicaSetStatus'), 'Observed state of the ReplicaSet, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSet' }] },
  ),

  type(
    'io.k8s.api.apps.v1.ReplicaSetList',
    'A list of ReplicaSet objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('ReplicaSet')), 'The ReplicaSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSetList' }] },
  ),

  type('io.k8s.api.apps.v1.ReplicaSetSpec', 'Desired state of a ReplicaSet.', {
    replicas: f(1, t.int32, 'How many pods should run; one if unset.'),
    minReadySeconds: f(4, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    selector: f(
      2,
      meta('LabelSelector'),
      'Label query for the pods counted towards replicas; must match the template labels.',
      { required: true },
    ),
    template: f(3, core('PodTemplateSpec'), 'Pod shape used when more pods are needed.'),
  }),

  type('io.k8s.api.apps.v1.ReplicaSetStatus', 'Observed state of a ReplicaSet.', {
    replicas: f(1, t.int32, 'Pods currently counted by the set.', { required: true }),
    fullyLabeledReplicas: f(2, t.int32, 'Pods whose labels match the template labels exactly.'),
    readyReplicas: f(4, t.int32, 'Pods that have a Ready condition.'),
    availableReplicas: f(5, t.int32, 'Pods that have been ready for at least minReadySeconds.'),
    observedGeneration: f(3, t.int64, 'Latest spec generation the controller has acted on.'),
    conditions: f(6, t.array(local('ReplicaSetCondition')), 'Latest known conditions of the replica set.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  }),

  type('io.k8s.api.apps.v1.ReplicaSetCondition', 'One observed condition of a ReplicaSet.', {
    type: f(1, t.string, 'Kind of condition.', { required: true }),
    status: f(2, t.string, 'Observed state of the ReplicaSetCondition, written by the system.', {
      required: true,
    }),
    lastTransitionTime: f(3, t.time, 'When the status last changed.'),
    reason: f(4, t.string, 'Machine-readable cause of the last status change.'),
    message: f(5, t.string, 'Human-readable details about the last change.'),
  }),

  type(
    'io.k8s.api.apps.v1.ControllerRevision',
    "An immutable snapshot of a controller's pod template, kept for history and rollback.",
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      data: f(2, t.rawExtension, 'The serialized state captured by this revision.'),
      revision: f(3, t.int64, 'Sequence number of this revision within its owner.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevision' }] },
  ),

  type(
    'io.k8s.api.apps.v1.ControllerRevisionList',
    'A list of ControllerRevision objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('ControllerRevision')), 'The ControllerRevision objects.', {
        required: true,
      }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ControllerRevisionList' }] },
  ),
];
