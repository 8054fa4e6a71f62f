/**
 * @module scheduler/plugins/pod-topology-spread
 * PodTopologySpread. Filter (DoNotSchedule constraints): a node without the topology label is
 * unresolvable (`... (missing required label)`); otherwise placing the pod must keep
 * `matching pods in the node's domain + self − min over domains ≤ maxSkew`
 * (`node(s) didn't match pod topology spread constraints`). Only nodes passing the pod's node
 * selector/affinity count (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore, the defaults).
 * Score (ScheduleAnyway constraints, or for controller-owned pods without constraints the system
 * defaults: hostname maxSkew 3, zone maxSkew 5, both ScheduleAnyway, counting pods of the same
 * controller): fewer matching pods in the node's domains scores higher.
 */
import type { Pod, TopologySpreadConstraint } from '../../api/core/pods/types.js';
import { labelSelectorMatcher, type LabelMatcher } from '../../machinery/labels.js';
import {
  Code,
  MAX_NODE_SCORE,
  Status,
  type ClusterEvent,
  type FilterPlugin,
  type PreFilterPlugin,
  type ScorePlugin,
  type SnapshotLister,
} from '../framework/interface.js';
import { podMatchesNodeSelectorAndAffinity } from '../framework/matching.js';
import { controllerUid, type NodeInfo } from '../framework/node-info.js';

export const NAME = 'PodTopologySpread';
export const ERR_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_MISSING_LABEL = ERR_CONSTRAINTS + ' (missing required label)';
const STATE_KEY = 'PreFilterPodTopologySpread';
const SCORE_KEY = 'PreScorePodTopologySpread';
const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  /** Which existing pods count. */
  matches(p: Pod): boolean;
  selfMatch: number;
}

function compile(pod: Pod, c: TopologySpreadConstraint): Constraint {
  const sel = c.labelSelector
    ? {
        matchLabels: { ...(c.labelSelector.matchLabels ?? {}) },
        matchExpressions: [...(c.labelSelector.matchExpressions ?? [])],
      }
    : undefined;
  const own = pod.metadata.labels ?? {};
  if (sel)
    for (const k of c.matchLabelKeys ?? [])
      if (k in own) sel.matchExpressions.push({ key: k, operator: 'In', values: [own[k]] });
  const m: LabelMatcher = labelSelectorMatcher(sel);
  const ns = pod.metadata.namespace;
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    minDomains: c.minDomains ?? 1,
    matches: (p) => p.metadata.namespace === ns && m.matches(p.metadata.labels ?? {}),
    selfMatch: m.matches(own) ? 1 : 0,
  };
}

function eligible(pod: Pod, node: NodeInfo, cs: readonly Constraint[]): boolean {
  if (!podMatchesNodeSelectorAndAffinity(pod, node.labels, node.name)) return false;
  return cs.every((c) => node.labels[c.topologyKey] !== undefined);
}

/** Matching pods per domain value, for one constraint, over the eligible nodes. */
function countDomains(
  pod: Pod,
  c: Constraint,
  cs: readonly Constraint[],
  nodes: readonly NodeInfo[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    if (!eligible(pod, n, cs)) continue;
    const v = n.labels[c.topologyKey];
    let k = 0;
    for (const p of n.pods.values()) if (!p.metadata.deletionTimestamp && c.matches(p)) k++;
    counts.set(v, (counts.get(v) ?? 0) + k);
  }
  return counts;
}

interface FilterState {
  constraints: Constraint[];
  counts: Map<string, number>[];
  minMatch: number[];
}

export function newPodTopologySpread(): PreFilterPlugin & FilterPlugin & ScorePlugin {
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => [
      'NodeAdd',
      'NodeUpdateLabel',
      'AssignedPodAdd',
      'AssignedPodDelete',
      'AssignedPodUpdate',
    ],
    preFilter(state, pod, snapshot: SnapshotLister) {
      const hard = (pod.spec.topologySpreadConstraints ?? []).filter(
        (c) => c.whenUnsatisfiable === 'DoNotSchedule',
      );
      if (!hard.length) return new Status(Code.Skip);
      const constraints = hard.map((c) => compile(pod, c));
      const nodes = snapshot.nodeInfos();
      const counts = constraints.map((c) => countDomains(pod, c, constraints, nodes));
      const minMatch = constraints.map((c, i) => {
        const m = counts[i];
        if (m.size < c.minDomains) return 0;
        return m.size ? Math.min(...m.values()) : 0;
      });
      state.write(STATE_KEY, { constraints, counts, minMatch } satisfies FilterState);
      return Status.success();
    },
    filter(state, _pod, node) {
      const st = state.read<FilterState>(STATE_KEY);
      if (!st) return Status.success();
      for (let i = 0; i < st.constraints.length; i++) {
        const c = st.constraints[i];
        const v = node.labels[c.topologyKey];
        if (v === undefined) return Status.unresolvable(ERR_MISSING_LABEL);
        const skew = (st.counts[i].get(v) ?? 0) + c.selfMatch - st.minMatch[i];
        if (skew > c.maxSkew) return Status.unschedulable(ERR_CONSTRAINTS);
      }
      return Status.success();
    },
    preScore(state, pod, nodes) {
      const soft = (pod.spec.topologySpreadConstraints ?? []).filter(
        (c) => c.whenUnsatisfiable === 'ScheduleAnyway',
      );
      let constraints: Constraint[];
      if (soft.length) constraints = soft.map((c) => compile(pod, c));
      else if (!pod.spec.topologySpreadConstraints?.length && controllerUid(pod)) {
        const owner = controllerUid(pod)!;
        const sameOwner = (p: Pod) => controllerUid(p) === owner;
        constraints = [
          { maxSkew: 3, topologyKey: HOSTNAME, minDomains: 1, matches: sameOwner, selfMatch: 1 },
          { maxSkew: 5, topologyKey: ZONE, minDomains: 1, matches: sameOwner, selfMatch: 1 },
        ].filter((c) => c.topologyKey === HOSTNAME || nodes.some((n) => n.labels[ZONE] !== undefined));
      } else return new Status(Code.Skip);
      const perConstraint = constraints.map((c) => {
        const counts = new Map<string, number>();
        for (const n of nodes) {
          const v = n.labels[c.topologyKey] ?? (c.topologyKey === HOSTNAME ? n.name : undefined);
          if (v === undefined) continue;
          const owner = controllerUid(pod);
          const k =
            !soft.length && owner
              ? (n.ownerCounts.get(owner) ?? 0)
              : [...n.pods.values()].filter((p) => c.matches(p)).length;
          counts.set(v, (counts.get(v) ?? 0) + k);
        }
        return { c, counts, weight: Math.log(counts.size + 2) };
      });
      state.write(SCORE_KEY, perConstraint);
      return Status.success();
    },
    score(state, _pod, node) {
      const per =
        state.read<{ c: Constraint; counts: Map<string, number>; weight: number }[]>(SCORE_KEY) ?? [];
      let s = 0;
      for (const { c, counts, weight } of per) {
        const v = node.labels[c.topologyKey] ?? (c.topologyKey === HOSTNAME ? node.name : undefined);
        if (v === undefined) continue;
        s += ((counts.get(v) ?? 0) + c.maxSkew - 1) * weight;
      }
      return Math.round(s);
    },
    normalize(_state, _pod, scores) {
      const max = Math.max(...scores);
      const min = Math.min(...scores);
      for (let i = 0; i < scores.length; i++)
        scores[i] = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    },
  };
}
