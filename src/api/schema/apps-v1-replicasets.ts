/**
 * @module api/schema/apps-v1-replicasets
 * Type schemas for apps/v1 ReplicaSet and its spec and status.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type TypeSchema } from './model.js';
import { appsRef, coreRef, metaRef } from './apps-v1-refs.js';

export const appsV1ReplicaSetSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.apps.v1.ReplicaSet',
    'Keeps a given number of identical pods running.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, appsRef('ReplicaSetSpec'), 'Desired state of the ReplicaSet.'),
      status: f(3, appsRef('ReplicaSetStatus'), 'Observed state of the ReplicaSet, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSet' }] },
  ),

  type(
    'io.k8s.api.apps.v1.ReplicaSetList',
    'A list of ReplicaSet objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ListMeta'),
        'List metadata, including the resourceVersion the list was read at.',
      ),
      items: f(2, t.array(appsRef('ReplicaSet')), 'The ReplicaSet objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'ReplicaSetList' }] },
  ),

  type('io.k8s.api.apps.v1.ReplicaSetSpec', 'Desired state of a ReplicaSet.', {
    replicas: f(1, t.int32, 'How many pods should run; one if unset.'),
    minReadySeconds: f(4, t.int32, 'Seconds a new pod must stay ready before it counts as available.'),
    selector: f(
      2,
      metaRef('LabelSelector'),
      'Label query for the pods counted towards replicas; must match the template labels.',
      { required: true },
    ),
    template: f(3, coreRef('PodTemplateSpec'), 'Pod shape used when more pods are needed.'),
  }),

  type('io.k8s.api.apps.v1.ReplicaSetStatus', 'Observed state of a ReplicaSet.', {
    replicas: f(1, t.int32, 'Pods currently counted by the set.', { required: true }),
    fullyLabeledReplicas: f(2, t.int32, 'Pods whose labels match the template labels exactly.'),
    readyReplicas: f(4, t.int32, 'Pods that have a Ready condition.'),
    availableReplicas: f(5, t.int32, 'Pods that have been ready for at least minReadySeconds.'),
    observedGeneration: f(3, t.int64, 'Latest spec generation the controller has acted on.'),
    conditions: f(6, t.array(appsRef('ReplicaSetCondition')), 'Latest known conditions of the replica set.', {
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
];
