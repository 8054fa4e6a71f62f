/**
 * @module api/schema/apps-v1-daemonsets
 * Type schemas for apps/v1 DaemonSet and its spec, update strategy and status.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type TypeSchema } from './model.js';
import { appsRef, coreRef, metaRef } from './apps-v1-refs.js';

export const appsV1DaemonSetSchemas: TypeSchema[] = [
  type('io.k8s.api.apps.v1.DaemonSetUpdateStrategy', 'How a DaemonSet rolls out changes to its pods.', {
    type: f(1, t.string, 'Either OnDelete or RollingUpdate (the default).', {
      enum: ['OnDelete', 'RollingUpdate'],
    }),
    rollingUpdate: f(
      2,
      appsRef('RollingUpdateDaemonSet'),
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
      metaRef('LabelSelector'),
      'Label query for the pods owned by this daemon set; must match the template labels.',
      { required: true },
    ),
    template: f(2, coreRef('PodTemplateSpec'), 'Pod shape run on every eligible node.', { required: true }),
    updateStrategy: f(3, appsRef('DaemonSetUpdateStrategy'), 'How template changes reach existing pods.'),
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
    conditions: f(10, t.array(appsRef('DaemonSetCondition')), 'Latest known conditions of the daemon set.', {
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
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, appsRef('DaemonSetSpec'), 'Desired state of the DaemonSet.'),
      status: f(3, appsRef('DaemonSetStatus'), 'Observed state of the DaemonSet, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSet' }] },
  ),

  type(
    'io.k8s.api.apps.v1.DaemonSetList',
    'A list of DaemonSet objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ListMeta'),
        'List metadata, including the resourceVersion the list was read at.',
      ),
      items: f(2, t.array(appsRef('DaemonSet')), 'The DaemonSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DaemonSetList' }] },
  ),
];
