/**
 * @module kubelet/eviction/thresholds
 * Hard eviction thresholds, as the kubelet's `--eviction-hard` spells them
 * (`memory.available<100Mi,nodefs.available<10%`), and upstream's Linux defaults. A threshold is
 * met when its signal's available amount drops below the quantity, or below the percentage of
 * the signal's capacity.
 */
import { parseQuantity, quantityValue } from '../../machinery/quantity.js';

export type Signal =
  | 'memory.available'
  | 'nodefs.available'
  | 'nodefs.inodesFree'
  | 'imagefs.available'
  | 'imagefs.inodesFree'
  | 'pid.available';

export const SIGNALS: readonly Signal[] = [
  'memory.available',
  'nodefs.available',
  'nodefs.inodesFree',
  'imagefs.available',
  'imagefs.inodesFree',
  'pid.available',
];

export interface Threshold {
  signal: Signal;
  /** An absolute amount (bytes, inodes or PIDs)… */
  quantity?: number;
  /** …or a share of the capacity, 0..1. */
  percentage?: number;
}

/** Upstream's DefaultEvictionHard on Linux (no PID threshold: PIDPressure stays False unless one is given). */
export const DEFAULT_EVICTION_HARD =
  'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%,imagefs.inodesFree<5%';

/** Parses an `--eviction-hard` value; throws Error naming the bad part. An empty string is no thresholds. */
export function parseThresholds(text: string): Threshold[] {
  const out: Threshold[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-zA-Z.]+)<(.+)$/.exec(part);
    if (!m)
      throw new Error(
        `invalid eviction threshold syntax ${JSON.stringify(part)}, expected <signal><operator><value>`,
      );
    const signal = m[1] as Signal;
    if (!SIGNALS.includes(signal)) throw new Error(`unsupported eviction signal ${m[1]}`);
    if (out.some((t) => t.signal === signal))
      throw new Error(`found duplicate eviction threshold for signal ${signal}`);
    const v = m[2].trim();
    // As upstream's parseThresholdStatement: 0% and 100% set no threshold at all.
    if (v === '0%' || v === '100%') continue;
    if (v.endsWith('%')) {
      const pct = Number(v.slice(0, -1));
      if (!Number.isFinite(pct) || pct < 0 || pct > 100)
        throw new Error(`eviction percentage threshold ${signal} must be >= 0% and <= 100%: ${v}`);
      out.push({ signal, percentage: pct / 100 });
    } else {
      let q: number;
      try {
        q = quantityValue(parseQuantity(v));
      } catch {
        throw new Error(`invalid eviction threshold quantity ${JSON.stringify(v)} for ${signal}`);
      }
      if (q <= 0) throw new Error(`eviction threshold ${signal} must be positive: ${v}`);
      out.push({ signal, quantity: q });
    }
  }
  return out;
}
