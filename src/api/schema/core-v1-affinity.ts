/**
 * @module api/schema/core-v1-affinity
 * Schemas of node affinity, pod affinity and pod anti-affinity.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreAffinitySchemas: TypeSchema[] = [
  type('io.k8s.api.core.v1.Affinity', 'Scheduling affinity rules of a pod.', {
    nodeAffinity: f(1, coreRef('NodeAffinity'), 'Rules about which nodes the pod prefers or needs.'),
    podAffinity: f(2, coreRef('PodAffinity'), 'Rules to place the pod near other pods.'),
    podAntiAffinity: f(3, coreRef('PodAntiAffinity'), 'Rules to keep the pod away from other pods.'),
  }),
  type('io.k8s.api.core.v1.NodeAffinity', 'Node affinity rules.', {
    requiredDuringSchedulingIgnoredDuringExecution: f(
      1,
      coreRef('NodeSelector'),
      'Node conditions that must hold at scheduling time.',
    ),
    preferredDuringSchedulingIgnoredDuringExecution: f(
      2,
      t.array(coreRef('PreferredSchedulingTerm')),
      'Weighted node preferences the scheduler tries to satisfy.',
      { listType: 'atomic' },
    ),
  }),
  type('io.k8s.api.core.v1.PodAffinity', 'Rules that attract a pod to nodes running certain pods.', {
    requiredDuringSchedulingIgnoredDuringExecution: f(
      1,
      t.array(coreRef('PodAffinityTerm')),
      'Pod affinity terms that must all hold at scheduling time.',
      { listType: 'atomic' },
    ),
    preferredDuringSchedulingIgnoredDuringExecution: f(
      2,
      t.array(coreRef('WeightedPodAffinityTerm')),
      'Weighted pod affinity terms the scheduler tries to satisfy.',
      { listType: 'atomic' },
    ),
  }),
  type('io.k8s.api.core.v1.PodAntiAffinity', 'Rules that keep a pod off nodes running certain pods.', {
    requiredDuringSchedulingIgnoredDuringExecution: f(
      1,
      t.array(coreRef('PodAffinityTerm')),
      'Anti-affinity terms that must all hold at scheduling time.',
      { listType: 'atomic' },
    ),
    preferredDuringSchedulingIgnoredDuringExecution: f(
      2,
      t.array(coreRef('WeightedPodAffinityTerm')),
      'Weighted anti-affinity terms the scheduler tries to satisfy.',
      { listType: 'atomic' },
    ),
  }),
  type(
    'io.k8s.api.core.v1.NodeSelector',
    'A set of node selector terms, any of which may match.',
    {
      nodeSelectorTerms: f(1, t.array(coreRef('NodeSelectorTerm')), 'The terms, combined with OR.', {
        listType: 'atomic',
        required: true,
      }),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.NodeSelectorTerm',
    'Requirements on a node, all of which must hold.',
    {
      matchExpressions: f(1, t.array(coreRef('NodeSelectorRequirement')), 'Requirements on node labels.', {
        listType: 'atomic',
      }),
      matchFields: f(2, t.array(coreRef('NodeSelectorRequirement')), 'Requirements on node fields.', {
        listType: 'atomic',
      }),
    },
    { structType: 'atomic' },
  ),
  type('io.k8s.api.core.v1.NodeSelectorRequirement', 'One requirement on a node label or field.', {
    key: f(1, t.string, 'Label key or field name.', { required: true }),
    operator: f(2, t.string, 'Relation of key to values: In, NotIn, Exists, DoesNotExist, Gt or Lt.', {
      enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
      required: true,
    }),
    values: f(3, t.array(t.string), 'Values to compare with; a single integer for Gt and Lt.', {
      listType: 'atomic',
    }),
  }),
  type('io.k8s.api.core.v1.PreferredSchedulingTerm', 'A weighted node preference.', {
    weight: f(1, t.int32, 'Weight of the preference, from 1 to 100.', { required: true }),
    preference: f(2, coreRef('NodeSelectorTerm'), 'Node requirements of the preference.', { required: true }),
  }),
  type(
    'io.k8s.api.core.v1.PodAffinityTerm',
    'Pods to be co-located with (or apart from) within a topology domain.',
    {
      labelSelector: f(1, metaRef('LabelSelector'), 'Selects the pods the term refers to.'),
      namespaces: f(2, t.array(t.string), "Namespaces to look for the pods in; the pod's own by default.", {
        listType: 'atomic',
      }),
      topologyKey: f(3, t.string, 'Node label defining the topology domain.', { required: true }),
      namespaceSelector: f(4, metaRef('LabelSelector'), 'Selects the namespaces to look for the pods in.'),
      matchLabelKeys: f(
        5,
        t.array(t.string),
        'Incoming pod label keys whose values are ANDed into labelSelector.',
        { listType: 'atomic' },
      ),
      mismatchLabelKeys: f(
        6,
        t.array(t.string),
        'Incoming pod label keys whose values must differ, added to labelSelector.',
        { listType: 'atomic' },
      ),
    },
  ),
  type('io.k8s.api.core.v1.WeightedPodAffinityTerm', 'A pod affinity term with a weight.', {
    weight: f(1, t.int32, 'Weight of the term, from 1 to 100.', { required: true }),
    podAffinityTerm: f(2, coreRef('PodAffinityTerm'), 'The affinity term.', { required: true }),
  }),
];
