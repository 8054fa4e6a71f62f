/**
 * @module api/schema/apps-v1-deployments
 * Type schemas for apps/v1 Deployment and its spec, strategy and status.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type TypeSchema } from './model.js';
import { appsRef, coreRef, metaRef } from './apps-v1-refs.js';

export const appsV1DeploymentSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.apps.v1.Deployment',
    'Declares a replicated, rolling-updated application made of ReplicaSets.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, appsRef('DeploymentSpec'), 'Desired state of the Deployment.'),
      status: f(3, appsRef('DeploymentStatus'), 'Observed state of the Deployment, written by the system.'),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }] },
  ),

  type('io.k8s.api.apps.v1.DeploymentSpec', 'Desired state of a Deployment.', {
    replicas: f(1, t.int32, 'How many pods should run; one if unset.'),
    selector: f(
      2,
      metaRef('LabelSelector'),
      'Label query for the pods owned by this deployment; must match the template labels.',
      { required: true },
    ),
    template: f(3, coreRef('PodTemplateSpec'), 'Pod shape the ReplicaSets are created from.', {
      required: true,
    }),
    strategy: f(4, appsRef('DeploymentStrategy'), 'How old pods are replaced by new ones.', {
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
      appsRef('RollingUpdateDeployment'),
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
    conditions: f(6, t.array(appsRef('DeploymentCondition')), 'Latest known conditions of the deployment.', {
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
      metadata: f(
        1,
        metaRef('ListMeta'),
        'List metadata, including the resourceVersion the list was read at.',
      ),
      items: f(2, t.array(appsRef('Deployment')), 'The Deployment objects.', { required: true }),
    },
    { gvk: [{ group: 'apps', version: 'v1', kind: 'DeploymentList' }] },
  ),
];
