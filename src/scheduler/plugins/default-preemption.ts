/**
 * @module scheduler/plugins/default-preemption
 * DefaultPreemption as a PostFilter, after upstream's: when no node fits a pod, find nodes where
 * evicting pods of lower priority would make it fit, and nominate the best one.
 *  - A pod with preemptionPolicy Never, or one already nominated to a node where lower-priority
 *    pods are still terminating, preempts nothing (it waits for them).
 *  - Nodes rejected as UnschedulableAndUnresolvable are "not helpful"; on the others every
 *    lower-priority pod is removed and the filters run again; if the pod fits, the victims are
 *    reprieved one by one, most important first (higher priority, then earlier start), those
 *    whose eviction would violate a PodDisruptionBudget before the others, as long as the pod
 *    still fits without them.
 *  - Among the candidate nodes: the fewest budget violations, then the lowest highest-victim
 *    priority, then the lowest sum of victim priorities, then the fewest victims, then the latest
 *    start among the highest-priority victims.
 * When no node qualifies the status carries upstream's diagnosis (and the result an empty
 * nomination, which clears an earlier one):
 * `preemption: 0/N nodes are available: <count> Preemption is not helpful for scheduling, <count> No preemption victims found for incoming pod`.
 * Budgets are a preference, as upstream's: a node whose victims violate one is still chosen
 * when it is the only way.
 */
import type { Pod } from '../../api/core/pods/types.js';
import { fitErrorMessage } from '../framework/fit-error.js';
import { Code, Status, type PostFilterPlugin, type SnapshotLister } from '../framework/interface.js';
import { NodeInfo } from '../framework/node-info.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import { labelSelectorMatcher } from '../../machinery/labels.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

/**
 * Whether `pod` fits `node` (a copy without the victims) in `snapshot` with that node in place of
 * its namesake: PreFilter runs again on that view, so the state PodTopologySpread and
 * InterPodAffinity count from sees the victims gone (what upstream's PreFilter extensions
 * RemovePod/AddPod keep up to date), then the filters.
 */
export type FilterRunner = (pod: Pod, node: NodeInfo, snapshot: SnapshotLister) => Status;

/** `snapshot` with `node` in place of the node of the same name. */
export function withNode(snapshot: SnapshotLister, node: NodeInfo): SnapshotLister {
  return {
    nodeInfos: () => snapshot.nodeInfos().map((n) => (n.name === node.name ? node : n)),
    get: (name) => (name === node.name ? node : snapshot.get(name)),
    namespaceLabels: (ns) => snapshot.namespaceLabels(ns),
  };
}

interface Candidate {
  node: string;
  victims: Pod[];
  /** Victims whose eviction would violate a PodDisruptionBudget. */
  violations: number;
}

/** upstream's GetPodStartTime: a pod not started yet counts as starting now. */
function startMs(p: Pod): number {
  const t = p.status?.startTime;
  return t ? Date.parse(t) : Date.now();
}

/** Upstream's MoreImportantPod order: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: Pod, b: Pod): number {
  return podPriority(b) - podPriority(a) || startMs(a) - startMs(b);
}

/**
 * Splits the potential victims (most important first) into those whose eviction would exceed a
 * budget's allowed disruptions, counted in that order, and the others (upstream's
 * filterPodsWithPDBViolation: a budget with an empty selector picks nothing here, and a pod the
 * budget already counts as disrupted takes nothing from it).
 */
export function splitByBudget(
  pods: Pod[],
  pdbs: readonly PodDisruptionBudget[],
): { violating: Pod[]; other: Pod[] } {
  const allowed = pdbs.map((b) => b.status?.disruptionsAllowed ?? 0);
  const matchers = pdbs.map((b) => {
    const sel = b.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length))
      return undefined;
    try {
      return labelSelectorMatcher(sel);
    } catch {
      return undefined;
    }
  });
  const violating: Pod[] = [];
  const other: Pod[] = [];
  for (const pod of pods) {
    let violated = false;
    const labels = pod.metadata.labels ?? {};
    if (Object.keys(labels).length) {
      pdbs.forEach((b, i) => {
        if (b.metadata.namespace !== pod.metadata.namespace || !matchers[i]?.matches(labels)) return;
        if (b.status?.disruptedPods?.[pod.metadata.name ?? ''] !== undefined) return;
        if (--allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : other).push(pod);
  }
  return { violating, other };
}

/** The fewest lower-priority pods whose eviction lets `pod` fit on `ni`, or a failing status. */
function selectVictims(
  snapshot: SnapshotLister,
  pod: Pod,
  ni: NodeInfo,
  run: FilterRunner,
  pdbs: readonly PodDisruptionBudget[],
): { victims: Pod[]; violations: number } | { status: Status } {
  const prio = podPriority(pod);
  const potential = [...ni.pods.values()].filter((p) => podPriority(p) < prio);
  if (!potential.length) return { status: Status.unresolvable(NO_VICTIMS) };
  const copy = new NodeInfo(ni.node);
  for (const p of ni.pods.values()) if (podPriority(p) >= prio) copy.addPod(p);
  const fits = run(pod, copy, snapshot);
  if (!fits.isSuccess) return { status: fits };
  const { violating, other } = splitByBudget(potential.sort(moreImportantFirst), pdbs);
  const victims: Pod[] = [];
  let violations = 0;
  // Pods protected by a budget are reprieved first, so that they are evicted only if need be.
  const reprieve = (p: Pod): boolean => {
    copy.addPod(p);
    if (run(pod, copy, snapshot).isSuccess) return true;
    copy.removePod(p);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) violations++;
  for (const p of other) reprieve(p);
  if (violating.length && other.length) victims.sort(moreImportantFirst);
  return victims.length ? { victims, violations } : { status: Status.unresolvable(NO_VICTIMS) };
}

/** Upstream's pickOneNodeForPreemption. */
export function pickCandidate(candidates: Candidate[]): Candidate | undefined {
  const highest = (c: Candidate) => Math.max(...c.victims.map(podPriority));
  // Upstream offsets each priority by MaxInt32+1 so that negative priorities still add up in order.
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + podPriority(v) + 2 ** 31, 0);
  const latestStartOfHighest = (c: Candidate) => {
    const h = highest(c);
    return Math.min(...c.victims.filter((v) => podPriority(v) === h).map(startMs));
  };
  let best = candidates;
  for (const [key, better] of [
    [(c: Candidate) => c.violations, -1],
    [highest, -1],
    [sum, -1],
    [(c: Candidate) => c.victims.length, -1],
    [latestStartOfHighest, 1],
  ] as const) {
    if (best.length <= 1) break;
    const vals = best.map((c) => key(c));
    const target = better < 0 ? Math.min(...vals) : Math.max(...vals);
    best = best.filter((_, i) => vals[i] === target);
  }
  return best[0];
}

/** Whether lower-priority pods are still terminating on the node the pod is already nominated to. */
function waitingForVictims(pod: Pod, snapshot: SnapshotLister): boolean {
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return false;
  const ni = snapshot.nodeInfos().find((n) => n.name === nominated);
  if (!ni) return false;
  const prio = podPriority(pod);
  // Only pods this scheduler's preemption is terminating (upstream's podTerminatingByPreemption).
  const byPreemption = (p: Pod) =>
    !!p.metadata.deletionTimestamp &&
    (p.status?.conditions ?? []).some(
      (c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler',
    );
  return [...ni.pods.values()].some((p) => byPreemption(p) && podPriority(p) < prio);
}

export function newDefaultPreemption(
  runFilters: () => FilterRunner,
  budgets: () => readonly PodDisruptionBudget[] = () => [],
): PostFilterPlugin {
  return {
    name: NAME,
    postFilter(state, pod, statuses, snapshot: SnapshotLister) {
      if (pod.spec.preemptionPolicy === 'Never')
        return { status: Status.unschedulable('preemption: not eligible due to preemptionPolicy=Never.') };
      if (waitingForVictims(pod, snapshot)) {
        return {
          status: Status.unschedulable(
            'preemption: not eligible due to a terminating pod on the nominated node.',
          ),
        };
      }
      const all = snapshot.nodeInfos();
      const out = new Map<string, Status>();
      const candidates: Candidate[] = [];
      const run = runFilters();
      const pdbs = budgets();
      for (const ni of all) {
        const s = statuses.get(ni.name);
        if (!s || s.code === Code.UnschedulableAndUnresolvable) {
          out.set(ni.name, Status.unresolvable(NOT_HELPFUL));
          continue;
        }
        const r = selectVictims(snapshot, pod, ni, run, pdbs);
        if ('status' in r) out.set(ni.name, r.status);
        else candidates.push({ node: ni.name, victims: r.victims, violations: r.violations });
      }
      const chosen = pickCandidate(candidates);
      if (chosen) {
        return {
          result: { nominatedNodeName: chosen.node, victims: chosen.victims },
          status: Status.success(),
        };
      }
      const msg = fitErrorMessage(all.length, { nodeToStatus: out });
      // As upstream: preemption was tried and found nothing, so an earlier nomination is dropped.
      return { result: { nominatedNodeName: '' }, status: Status.unschedulable(`preemption: ${msg}`) };
    },
  };
}
