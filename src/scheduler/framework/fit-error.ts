/**
 * @module scheduler/framework/fit-error
 * The text of a scheduling failure, as upstream's FitError prints it:
 * `0/N nodes are available: <prefilter message>.` or `0/N nodes are available: <count> <reason>, … .`
 * (one entry per distinct reason, "<count> <reason>" strings sorted as strings), then
 * ` <postfilter message>.` when PostFilter said something. Each part is followed by a period, so a
 * PostFilter message that itself ends in one yields `..`, exactly as upstream prints it.
 */
import type { Status } from './interface.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  /** The Status of every node a Filter rejected, by node name. */
  nodeToStatus: ReadonlyMap<string, Status>;
  /** Set when a PreFilter rejected the pod (then the node statuses are not listed). */
  preFilterMsg?: string;
  postFilterMsg?: string;
  /** Plugins that rejected the pod (for requeueing on events). */
  unschedulablePlugins: Set<string>;
}

/** Counts each reason over the node statuses, then sorts the "<count> <reason>" strings. */
export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const out = [...counts].map(([reason, n]) => `${n} ${reason}`);
  // Go's sort.Strings compares bytes; JS's default sort compares UTF-16 units, the same for ASCII.
  return out.sort();
}

export function fitErrorMessage(numAllNodes: number, d: Omit<Diagnosis, 'unschedulablePlugins'>): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const sorted = reasonHistogram(d.nodeToStatus.values());
    if (sorted.length) msg += ` ${sorted.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}.`;
  return msg;
}
