/**
 * @module scheduler/plugins/inter-pod-affinity
 * InterPodAffinity. PreFilter counts, per topology pair (key=value of a node label), the existing
 * pods that match the incoming pod's required affinity terms (all of them) and anti-affinity terms
 * (each), and the existing pods whose required anti-affinity selects the incoming pod. Filter then
 * checks, in upstream's order: affinity (`node(s) didn't match pod affinity rules`, unresolvable),
 * anti-affinity (`node(s) didn't match pod anti-affinity rules`) and existing pods' anti-affinity
 * (`node(s) didn't satisfy existing pods anti-affinity rules`). A pod whose affinity terms match
 * itself may start a group when no pod matches anywhere. Scoring sums preferred terms both ways.
 */
import type { Pod } from '../../api/core/pods/types.js';
import {
  Code,
  MAX_NODE_SCORE,
  Status,
  type ClusterEvent,
  type CycleState,
  type FilterPlugin,
  type PreFilterPlugin,
  type ScorePlugin,
  type SnapshotLister,
} from '../framework/interface.js';
import { affinityTermMatches, compileAffinityTerm, type AffinityTerm } from '../framework/matching.js';
import type { NodeInfo } from '../framework/node-info.js';

export const NAME = 'InterPodAffinity';
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const STATE_KEY = 'PreFilterInterPodAffinity';
const SCORE_KEY = 'PreScoreInterPodAffinity';

const pair = (key: string, value: string) => `${key}\u0000${value}`;

interface FilterState {
  affinityTerms: AffinityTerm[];
  antiAffinityTerms: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

function bump(m: Map<string, number>, key: string, by = 1): void {
  m.set(key, (m.get(key) ?? 0) + by);
}

/** Builds the counts described in the module comment. */
export function computeFilterState(pod: Pod, snapshot: SnapshotLister): FilterState {
  const aff = pod.spec.affinity;
  const affinityTerms = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    compileAffinityTerm(pod, t),
  );
  const antiAffinityTerms = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
    (t) => compileAffinityTerm(pod, t),
  );
  const st: FilterState = {
    affinityTerms,
    antiAffinityTerms,
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
  };
  const podNsLabels = snapshot.namespaceLabels(pod.metadata.namespace ?? '');
  for (const ni of snapshot.nodeInfos()) {
    const labels = ni.labels;
    for (const existing of ni.podsWithRequiredAntiAffinity.values()) {
      for (const t of existing.spec.affinity!.podAntiAffinity!
        .requiredDuringSchedulingIgnoredDuringExecution!) {
        const term = compileAffinityTerm(existing, t);
        const v = labels[term.topologyKey];
        if (v !== undefined && affinityTermMatches(term, pod, podNsLabels))
          bump(st.existingAntiAffinityCounts, pair(term.topologyKey, v));
      }
    }
    if (!affinityTerms.length && !antiAffinityTerms.length) continue;
    for (const existing of ni.pods.values()) {
      const ns = snapshot.namespaceLabels(existing.metadata.namespace ?? '');
      if (affinityTerms.length && affinityTerms.every((t) => affinityTermMatches(t, existing, ns))) {
        for (const t of affinityTerms) {
          const v = labels[t.topologyKey];
          if (v !== undefined) bump(st.affinityCounts, pair(t.topologyKey, v));
        }
      }
      for (const t of antiAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v !== undefined && affinityTermMatches(t, existing, ns))
          bump(st.antiAffinityCounts, pair(t.topologyKey, v));
      }
    }
  }
  return st;
}

function satisfiesAffinity(st: FilterState, pod: Pod, node: NodeInfo, snapshot?: SnapshotLister): boolean {
  if (!st.affinityTerms.length) return true;
  let ok = true;
  for (const t of st.affinityTerms) {
    const v = node.labels[t.topologyKey];
    if (v === undefined || !(st.affinityCounts.get(pair(t.topologyKey, v)) ?? 0)) {
      ok = false;
      break;
    }
  }
  if (ok) return true;
  // The first pod of a group: nothing matches anywhere, but the pod matches its own terms.
  if (st.affinityCounts.size === 0) {
    const ns = snapshot?.namespaceLabels(pod.metadata.namespace ?? '');
    if (st.affinityTerms.every((t) => affinityTermMatches(t, pod, ns)))
      return st.affinityTerms.every((t) => node.labels[t.topologyKey] !== undefined);
  }
  return false;
}

function anyCounted(counts: Map<string, number>, terms: AffinityTerm[], node: NodeInfo): boolean {
  for (const t of terms) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && (counts.get(pair(t.topologyKey, v)) ?? 0) > 0) return true;
  }
  return false;
}

function violatesExisting(counts: Map<string, number>, node: NodeInfo): boolean {
  if (counts.size === 0) return false;
  for (const [k, v] of Object.entries(node.labels)) if ((counts.get(pair(k, v)) ?? 0) > 0) return true;
  return false;
}

/** Preferred-term scores per topology pair: the incoming pod's terms and existing pods' terms. */
function computeScoreState(pod: Pod, snapshot: SnapshotLister): Map<string, number> {
  const scores = new Map<string, number>();
  const aff = pod.spec.affinity;
  const pref = (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
    term: compileAffinityTerm(pod, w.podAffinityTerm),
    weight: w.weight,
  }));
  const antiPref = (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
    term: compileAffinityTerm(pod, w.podAffinityTerm),
    weight: -w.weight,
  }));
  const own = [...pref, ...antiPref];
  const podNs = snapshot.namespaceLabels(pod.metadata.namespace ?? '');
  for (const ni of snapshot.nodeInfos()) {
    const existingPods = own.length ? ni.pods.values() : ni.podsWithAffinity.values();
    for (const existing of existingPods) {
      const ns = snapshot.namespaceLabels(existing.metadata.namespace ?? '');
      for (const { term, weight } of own) {
        const v = ni.labels[term.topologyKey];
        if (v !== undefined && affinityTermMatches(term, existing, ns))
          bump(scores, pair(term.topologyKey, v), weight);
      }
      const ea = existing.spec.affinity;
      if (!ea) continue;
      const theirs = [
        ...(ea.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
          w,
          sign: 1,
        })),
        ...(ea.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
          w,
          sign: -1,
        })),
      ];
      for (const { w, sign } of theirs) {
        const term = compileAffinityTerm(existing, w.podAffinityTerm);
        const v = ni.labels[term.topologyKey];
        if (v !== undefined && affinityTermMatches(term, pod, podNs))
          bump(scores, pair(term.topologyKey, v), sign * w.weight);
      }
    }
  }
  return scores;
}

export function newInterPodAffinity(): PreFilterPlugin & FilterPlugin & ScorePlugin {
  let snap: SnapshotLister | undefined;
  return {
    name: NAME,
    eventsToRegister: (): ClusterEvent[] => [
      'NodeAdd',
      'NodeUpdateLabel',
      'AssignedPodAdd',
      'AssignedPodUpdate',
      'AssignedPodDelete',
    ],
    preFilter(state, pod, snapshot) {
      snap = snapshot;
      const aff = pod.spec.affinity;
      const needs =
        (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
        (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
        snapshot.nodeInfos().some((n) => n.podsWithRequiredAntiAffinity.size > 0);
      if (!needs) return new Status(Code.Skip);
      state.write(STATE_KEY, computeFilterState(pod, snapshot));
      return Status.success();
    },
    filter(state: CycleState, pod, node) {
      const st = state.read<FilterState>(STATE_KEY);
      if (!st) return Status.success();
      if (!satisfiesAffinity(st, pod, node, snap)) return Status.unresolvable(ERR_AFFINITY);
      if (anyCounted(st.antiAffinityCounts, st.antiAffinityTerms, node))
        return Status.unschedulable(ERR_ANTI_AFFINITY);
      if (violatesExisting(st.existingAntiAffinityCounts, node))
        return Status.unschedulable(ERR_EXISTING_ANTI_AFFINITY);
      return Status.success();
    },
    preScore(state, pod, _nodes, snapshot) {
      const aff = pod.spec.affinity;
      const own =
        (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) +
        (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0);
      if (!own && !snapshot.nodeInfos().some((n) => n.podsWithAffinity.size > 0))
        return new Status(Code.Skip);
      state.write(SCORE_KEY, computeScoreState(pod, snapshot));
      return Status.success();
    },
    score(state, _pod, node) {
      const scores = state.read<Map<string, number>>(SCORE_KEY);
      if (!scores || scores.size === 0) return 0;
      let s = 0;
      for (const [k, v] of Object.entries(node.labels)) s += scores.get(pair(k, v)) ?? 0;
      return s;
    },
    normalize(_state, _pod, scores) {
      const max = Math.max(...scores);
      const min = Math.min(...scores);
      for (let i = 0; i < scores.length; i++)
        scores[i] = max === min ? 0 : Math.floor((MAX_NODE_SCORE * (scores[i] - min)) / (max - min));
    },
  };
}
