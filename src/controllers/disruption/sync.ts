/**
 * @module controllers/disruption/sync
 * Pure decision of the disruption controller: a PodDisruptionBudget's status from the pods its
 * selector picks, as upstream computes it.
 * - expected pods and desired healthy: an integer minAvailable counts the selected pods; a
 *   percentage, or any maxUnavailable, counts the replicas of the pods' controllers (pods without
 *   one are "unmanaged" and left out, with a warning event; a controller that cannot be found
 *   fails the sync, which then sets no disruptions and the SyncFailed condition);
 * - healthy pods: Ready, not being deleted, not recently evicted (disruptedPods, for 2 minutes);
 * - disruptionsAllowed = healthy − desired, never below 0, and 0 while no pod is expected;
 * - the DisruptionAllowed condition: True/SufficientPods or False/InsufficientPods.
 */
import type { Pod } from '../../api/core/pods/types.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import {
  DISRUPTION_ALLOWED,
  disruptionAllowedCondition,
  setCondition,
  type Condition,
  type PdbStatus,
} from '../../api/policy/poddisruptionbudgets/conditions.js';
import { goLabelSelectorString } from '../../api/core/common/go-value.js';

/** How long an evicted pod may take to be deleted before it counts again (upstream's 2 min). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export interface PdbEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The event is about this pod rather than the budget. */
  pod?: string;
}

export interface PdbSyncInput {
  pdb: PodDisruptionBudget;
  /** The pods the budget's selector picks, in its namespace. */
  pods: Pod[];
  /**
   * The controller behind each controller reference the pods carry (by the reference's uid): its
   * uid (a ReplicaSet's Deployment, say) and replicas. Missing: no such controller was found.
   */
  scales: Map<string, ControllerScale>;
  now: Date;
}

export interface ControllerScale {
  uid: string;
  replicas: number;
}

export interface PdbSyncResult {
  /** The status to write; undefined when the stored one is current. */
  status?: PdbStatus;
  events: PdbEvent[];
  /** Sync again after this long (an evicted pod's grace runs out). */
  recheckAfterMs?: number;
}

const isReady = (p: Pod) =>
  (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const controllerOf = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller);

/** upstream's GetScaledValueFromIntOrPercent, rounding up. */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** Replicas of the pods' controllers, summed once per controller; the pods without one. */
function expectedScale(
  pods: Pod[],
  scales: Map<string, ControllerScale>,
): { count: number; unmanaged: string[] } {
  const seen = new Set<string>();
  const unmanaged: string[] = [];
  let count = 0;
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name ?? '');
      continue;
    }
    const scale = scales.get(ref.uid);
    if (scale === undefined) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    if (seen.has(scale.uid)) continue;
    seen.add(scale.uid);
    count += scale.replicas;
  }
  return { count, unmanaged };
}

function expectedPodCount(
  pdb: PodDisruptionBudget,
  pods: Pod[],
  scales: Map<string, ControllerScale>,
): { expected: number; desired: number; unmanaged: string[] } {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { count, unmanaged } = expectedScale(pods, scales);
    const desired = Math.max(0, count - scaledValue(spec.maxUnavailable, count));
    return { expected: count, desired, unmanaged };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number')
      return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
    const { count, unmanaged } = expectedScale(pods, scales);
    return { expected: count, desired: scaledValue(spec.minAvailable, count), unmanaged };
  }
  return { expected: 0, desired: 0, unmanaged: [] };
}

/** upstream's ConditionsAreUpToDate (the status is already at the budget's generation here). */
function conditionsUpToDate(status: PdbStatus): boolean {
  const c = (status.conditions ?? []).find((x) => x.type === DISRUPTION_ALLOWED) as Condition | undefined;
  if (!c) return false;
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  return allowed
    ? c.status === 'True' && c.reason === 'SufficientPods'
    : c.status === 'False' && c.reason === 'InsufficientPods';
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => a![k] === b[k]);
}

/** What upstream's failSafe writes when the status cannot be computed: no disruptions, SyncFailed. */
export function failSafeStatus(pdb: PodDisruptionBudget, message: string, now: Date): PdbStatus {
  const old = pdb.status ?? {};
  return {
    ...old,
    disruptionsAllowed: 0,
    conditions: setCondition(
      (old.conditions ?? []) as Condition[],
      {
        type: DISRUPTION_ALLOWED,
        status: 'False',
        reason: 'SyncFailed',
        message,
        observedGeneration: old.observedGeneration ?? 0,
      },
      now,
    ),
  };
}

export function syncPdb({ pdb, pods, scales, now }: PdbSyncInput): PdbSyncResult {
  const events: PdbEvent[] = [];
  if (pods.length === 0) events.push({ type: 'Normal', reason: 'NoPods', message: 'No matching pods found' });
  let counts: ReturnType<typeof expectedPodCount>;
  try {
    counts = expectedPodCount(pdb, pods, scales);
  } catch (err) {
    const message = (err as Error).message;
    events.push({
      type: 'Warning',
      reason: 'CalculateExpectedPodCountFailed',
      message: `Failed to calculate the number of expected pods: ${message}`,
    });
    return { status: failSafeStatus(pdb, message, now), events };
  }
  if (counts.unmanaged.length > 0) {
    events.push({
      type: 'Warning',
      reason: 'UnmanagedPods',
      message:
        `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelectorString(pdb.spec?.selector)}) were found to be unmanaged. ` +
        'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined ' +
        'behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    });
  }

  // Evicted pods not yet deleted stay out of the healthy count for a while.
  const old = pdb.status ?? {};
  const disrupted: Record<string, string> = {};
  let recheckAt: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = old.disruptedPods?.[pod.metadata.name ?? ''];
    if (!at) continue;
    const expires = Date.parse(at) + DELETION_TIMEOUT_MS;
    if (expires < now.getTime()) {
      events.push({
        type: 'Warning',
        reason: 'NotDeleted',
        // Upstream's event names the budget's namespace twice (it formats Namespace/Namespace).
        message: `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`,
        pod: pod.metadata.name,
      });
      continue;
    }
    disrupted[pod.metadata.name ?? ''] = at;
    recheckAt = Math.min(recheckAt ?? Infinity, expires);
  }
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || disrupted[pod.metadata.name ?? '']) continue;
    if (isReady(pod)) healthy++;
  }

  const { expected, desired } = counts;
  const allowed = expected <= 0 || healthy - desired <= 0 ? 0 : healthy - desired;
  const generation = pdb.metadata.generation ?? 0;
  const recheckAfterMs = recheckAt === undefined ? undefined : Math.max(0, recheckAt - now.getTime());
  if (
    old.currentHealthy === healthy &&
    old.desiredHealthy === desired &&
    old.expectedPods === expected &&
    old.disruptionsAllowed === allowed &&
    sameMap(old.disruptedPods, disrupted) &&
    old.observedGeneration === generation &&
    conditionsUpToDate(old)
  )
    return { events, recheckAfterMs };
  const status: PdbStatus = {
    observedGeneration: generation,
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: desired,
    expectedPods: expected,
    conditions: old.conditions,
  };
  if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
  status.conditions = disruptionAllowedCondition(status, now);
  return { status, events, recheckAfterMs };
}
