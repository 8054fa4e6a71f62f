/**
 * @module controllers/nodelifecycle/sync
 * Pure decisions of the node lifecycle controller:
 *  - `observeHealth`: when did we last see the node alive? The probe time is *our* monotonic
 *    clock at the moment its Lease renewTime or Ready heartbeat last changed (never the node's
 *    clock, nor our wall clock, which may be stepped);
 *  - `staleConditions`: past the grace period (40 s, 60 s for a node that never posted
 *    status) every condition becomes Unknown: NodeStatusUnknown / "Kubelet stopped posting
 *    node status." (or NodeStatusNeverUpdated / "Kubelet never posted node status.");
 *  - `desiredTaints`: NoExecute and NoSchedule taints from the Ready condition (not-ready when
 *    False, unreachable when Unknown), NoSchedule taints for pressure conditions and
 *    `spec.unschedulable`; other taints are kept, timeAdded kept for taints already there.
 *
 *   Ready=True ──(no heartbeat for 40 s)──► Ready=Unknown + unreachable taints
 *       ▲  ▲                                     │
 *       │  └──────────(heartbeat again)──────────┘
 *       └──── Ready=False (kubelet says so) + not-ready taints
 */
import type { Node, Taint } from '../../api/core/nodes/types.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import { formatTime } from '../../machinery/meta.js';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 40_000;
export const NODE_STARTUP_GRACE_MS = 60_000;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const PRESSURE_TAINTS: Record<string, string> = {
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
  NetworkUnavailable: 'node.kubernetes.io/network-unavailable',
};

/** Condition types the kubelet posts and the controller turns Unknown. */
const KUBELET_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

export interface Condition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  [field: string]: unknown;
}

export interface HealthRecord {
  /** Our monotonic clock (ms) when we last saw a sign of life. */
  probeMs: number;
  heartbeat?: string;
  renewTime?: string;
}

export function readyCondition(node: Node): Condition | undefined {
  return (node.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
}

/** Updates the record with what the node and its lease show now. */
export function observeHealth(
  prev: HealthRecord | undefined,
  node: Node,
  lease: Lease | undefined,
  monoMs: number,
): HealthRecord {
  const heartbeat = readyCondition(node)?.lastHeartbeatTime;
  const renewTime = lease?.spec?.renewTime;
  if (!prev) return { probeMs: monoMs, heartbeat, renewTime };
  const alive = heartbeat !== prev.heartbeat || (renewTime !== undefined && renewTime !== prev.renewTime);
  return { probeMs: alive ? monoMs : prev.probeMs, heartbeat, renewTime };
}

/** How long after the last sign of life a node is considered gone. */
export function gracePeriodMs(node: Node): number {
  return readyCondition(node) ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
}

/**
 * The conditions to write when the node has gone silent (`monoMs - probeMs` beyond the grace
 * period), or `undefined` when nothing changes (alive, or already all Unknown). `now` stamps
 * the transitions.
 */
export function staleConditions(
  node: Node,
  record: HealthRecord,
  monoMs: number,
  now: Date,
): Condition[] | undefined {
  if (monoMs - record.probeMs <= gracePeriodMs(node)) return undefined;
  const ts = formatTime(now);
  const current = (node.status?.conditions as Condition[] | undefined) ?? [];
  const next = current.map((c) => ({ ...c }));
  let changed = false;
  for (const type of KUBELET_CONDITIONS) {
    const c = next.find((x) => x.type === type);
    if (!c) {
      next.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined,
        lastTransitionTime: ts,
      });
      changed = true;
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = ts;
      changed = true;
    }
  }
  return changed ? next : undefined;
}

function sameTaint(a: Taint, b: Pick<Taint, 'key' | 'effect'>): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/**
 * The node's taints as the controller wants them, or `undefined` when they are already right.
 * Controller-owned taints present in the wrong state are removed; missing ones are added
 * (NoExecute ones with `timeAdded` = now).
 */
export function desiredTaints(node: Node, now: Date): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const conditions = (node.status?.conditions as Condition[] | undefined) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready')?.status;
  const want: Pick<Taint, 'key' | 'effect'>[] = [];
  if (ready === 'False')
    want.push({ key: TAINT_NOT_READY, effect: 'NoSchedule' }, { key: TAINT_NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown')
    want.push(
      { key: TAINT_UNREACHABLE, effect: 'NoSchedule' },
      { key: TAINT_UNREACHABLE, effect: 'NoExecute' },
    );
  for (const c of conditions) {
    const key = PRESSURE_TAINTS[c.type];
    if (key && c.status === 'True') want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });

  const owned = new Set([
    TAINT_NOT_READY,
    TAINT_UNREACHABLE,
    TAINT_UNSCHEDULABLE,
    ...Object.values(PRESSURE_TAINTS),
  ]);
  const kept = current.filter((t) => !owned.has(t.key) || want.some((w) => sameTaint(t, w)));
  const added: Taint[] = want
    .filter((w) => !kept.some((t) => sameTaint(t, w)))
    .map((w) => (w.effect === 'NoExecute' ? { ...w, timeAdded: formatTime(now) } : { ...w }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}
