/**
 * @module client/backoff
 * Exponential backoff with jitter, and an abortable sleep on an injected clock.
 */
import type { Clock } from '../util/clock.js';

export interface BackoffPolicy {
  /** First delay; default 100 ms. */
  baseMs?: number;
  /** Cap; default 30 s. */
  maxMs?: number;
  /** Fraction of the delay added at random (0.1 = up to +10 %); default 0.1. */
  jitter?: number;
}

/**
 * Delay for the given retry (0-based): base·2^attempt capped at max, plus up to `jitter` of it.
 * `random` is injectable so tests get exact numbers.
 */
export function backoffDelay(
  attempt: number,
  p: BackoffPolicy = {},
  random: () => number = Math.random,
): number {
  const base = p.baseMs ?? 100;
  const max = p.maxMs ?? 30_000;
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 52));
  return Math.round(exp * (1 + (p.jitter ?? 0.1) * random()));
}

/** Resolves after `ms` on `clock`, or at once when `signal` aborts (never rejects). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      t.cancel();
      resolve();
    };
    const t = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
