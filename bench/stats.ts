/**
 * @module bench/stats
 * Small statistics over samples in milliseconds (median, nearest-rank percentiles) and rounding
 * for display. Empty inputs give NaN so a missing measurement can never look like a fast one.
 */

/** Nearest-rank percentile (p in 0..100) of `xs`; NaN when `xs` is empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export function max(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : Math.max(...xs);
}

/** Rounds to `digits` decimals (default 1). */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
