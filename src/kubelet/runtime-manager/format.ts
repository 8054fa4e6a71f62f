/**
 * @module kubelet/runtime-manager/format
 * Text formats the kubelet's messages share with upstream: Go's duration notation (`10s`,
 * `1m20s`, `5m0s`, `1.2s`, `523ms`) and the `NAME_NAMESPACE(UID)` pod reference.
 */
import type { Pod } from '../../api/core/pods/types.js';

/** `name_namespace(uid)`, as upstream's format.Pod. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}

function trimFraction(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/** A duration in milliseconds written as Go's time.Duration.String() does (ms precision). */
export function formatGoDuration(ms: number): string {
  ms = Math.max(0, Math.round(ms));
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${trimFraction(s, 3) || '0'}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** Go's `%s` of a string list: `[a b]`. */
export function formatGoList(items: string[]): string {
  return `[${items.join(' ')}]`;
}
