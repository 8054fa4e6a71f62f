/**
 * @module api/schema/policy-v1
 * Type schemas for policy/v1: PodDisruptionBudget and Eviction.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.policy.v1.${n}`);

export const policyV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.policy.v1.PodDisruptionBudgetSpec',
    'Desired protection offered by a PodDisruptionBudget.',
    {
      minAvailable: f(
        1,
        t.intOrString,
        'Pods (count or percentage) that must stay available after an eviction.',
      ),
      selector: f(2, meta('LabelSelector'), 'Label query for the pods the budget protects.', {
        patchStrategy: 'replace',
      }),
      maxUnavailable: f(
        3,
        t.intOrString,
        'Pods (count or percentage) that may be unavailable after an eviction.',
      ),
      unhealthyPodEvictionPolicy: f(4, t.string, 'When pods that are running but not ready may be evicted.', {
        enum: ['AlwaysAllow', 'IfHealthyBudget'],
      }),
    },
  ),

  type('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'Observed state of a PodDisruptionBudget.', {
    observedGeneration: f(1, t.int64, 'Latest spec generation the controller has acted on.'),
    disruptedPods: f(2, t.map(t.time), 'Pods evicted but not yet gone, with the time of eviction.'),
    disruptionsAllowed: f(3, t.int32, 'Evictions currently permitted.', { required: true }),
    currentHealthy: f(4, t.int32, 'Matching pods that are healthy now.', { required: true }),
    desiredHealthy: f(5, t.int32, 'Healthy pods the budget requires.', { required: true }),
    expectedPods: f(6, t.int32, 'Total matching pods counted by the budget.', { required: true }),
    conditions: f(7, t.array(meta('Condition')), 'Latest known conditions of the budget.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  }),

  type(
    'io.k8s.api.policy.v1.PodDisruptionBudget',
    'Limits how many pods of a group can be voluntarily disrupted at once.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('PodDisruptionBudgetSpec'), 'Desired state of the PodDisruptionBudget.'),
      status: f(
        3,
        local('PodDisruptionBudgetStatus'),
        'Observed state of the PodDisruptionBudget, written by the system.',
      ),
    },
    { gvk: [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }] },
  ),

  type(
    'io.k8s.api.policy.v1.PodDisruptionBudgetList',
    'A list of PodDisruptionBudget objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('PodDisruptionBudget')), 'The PodDisruptionBudget objects.', {
        required: true,
      }),
    },
    { gvk: [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudgetList' }] },
  ),

  type(
    'io.k8s.api.policy.v1.Eviction',
    "Request to evict a pod, honouring disruption budgets; posted to the pod's eviction subresource.",
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ObjectMeta'), 'Names the pod to evict.'),
      deleteOptions: f(2, meta('DeleteOptions'), 'Options applied to the pod deletion.'),
    },
    { gvk: [{ group: 'policy', version: 'v1', kind: 'Eviction' }] },
  ),
];
