/**
 * @module controllers/nodelifecycle/eviction
 * Pure taint-based eviction (upstream's taint eviction controller): a pod on a node with
 * NoExecute taints is deleted at once when some taint is not tolerated, after the smallest
 * `tolerationSeconds` of the tolerations it uses when all are tolerated (counted from the
 * earliest `timeAdded` of those taints), and never when those tolerations have no limit.
 */
import type { Taint } from '../../api/core/nodes/types.js';
import type { Pod, Toleration } from '../../api/core/pods/types.js';

/** Whether toleration `t` tolerates `taint` (upstream's ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return !!t.key && (t.value ?? '') === (taint.value ?? '');
  return false;
}

export type EvictionDecision =
  /** No NoExecute taint: nothing scheduled. */
  | { kind: 'none' }
  /** Tolerated forever. */
  | { kind: 'keep' }
  | { kind: 'evict' }
  | { kind: 'wait'; ms: number };

export function decideEviction(pod: Pod, taints: Taint[] | undefined, nowMs: number): EvictionDecision {
  const noExecute = (taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return { kind: 'none' };
  const tolerations = pod.spec.tolerations ?? [];
  let minSeconds = Infinity;
  for (const taint of noExecute) {
    const used = tolerations.find((t) => tolerates(t, taint));
    if (!used) return { kind: 'evict' };
    if (used.tolerationSeconds !== undefined && used.tolerationSeconds !== null)
      minSeconds = Math.min(minSeconds, Math.max(0, used.tolerationSeconds));
  }
  if (minSeconds === Infinity) return { kind: 'keep' };
  const added = noExecute
    .map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : nowMs))
    .filter((n) => !Number.isNaN(n));
  const start = added.length ? Math.min(...added) : nowMs;
  const due = start + minSeconds * 1000;
  return due <= nowMs ? { kind: 'evict' } : { kind: 'wait', ms: due - nowMs };
}
