/**
 * @module api/schema/apps-v1-statefulsets
 * Type schemas for apps/v1 StatefulSet and its spec, status, update strategy and PVC retention policy.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type TypeSchema } from './model.js';
import { appsRef, coreRef, metaRef } from './apps-v1-refs.js';

export const appsV1StatefulSetSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.apps.v1.StatefulSet',
    'Runs a set of pods with stable names and storage, created and removed in order.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, appsRef('StatefulSetSpec'), 'Desired state of the StatefulSet.'),
      status: f(3, appsRef('StatefulSetStatus'), 'Observed state of the StatefulSet, written by the system.'),
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
      rollingUpdate: f(
        2,
        appsRef('RollingUpdateStatefulSetStrategy'),
        'Tuning for the RollingUpdate method.',
      ),
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
      metaRef('LabelSelector'),
      'Label query that picks the pods this set owns; must match the template labels.',
      { required: true },
    ),
    template: f(3, coreRef('PodTemplateSpec'), 'Pod shape used to create each replica.', { required: true }),
    volumeClaimTemplates: f(
      4,
      t.array(coreRef('PersistentVolumeClaim')),
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
    updateStrategy: f(7, appsRef('StatefulSetUpdateStrategy'), 'How template changes reach existing pods.'),
    revisionHistoryLimit: f(8, t.int32, 'How many old ControllerRevisions to keep for rollbacks.'),
    minReadySeconds: f(9, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    persistentVolumeClaimRetentionPolicy: f(
      10,
      appsRef('StatefulSetPersistentVolumeClaimRetentionPolicy'),
      'Lifecycle of the claims made from volumeClaimTemplates.',
    ),
    ordinals: f(11, appsRef('StatefulSetOrdinals'), 'Controls the numbering of replica ordinals.'),
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
    conditions: f(10, t.array(appsRef('StatefulSetCondition')), 'Latest known conditions of the set.', {
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
      metadata: f(
        1,
        metaRef('ListMeta'),
        'List metadata, including the resourceVersion the list was read at.',
      ),
      items: f(2, t.array(appsRef('StatefulSet')), 'The StatefulSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'StatefulSetList' }] },
  ),
];
