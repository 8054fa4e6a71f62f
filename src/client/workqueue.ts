/**
 * @module client/workqueue
 * A de-duplicating, rate-limited queue of string keys, shaped after client-go's:
 * - a key added while queued is not queued twice;
 * - a key is handed to one worker at a time: added while processing, it is queued again when
 *   the worker calls `done`;
 * - `addRateLimited` requeues after base·2^failures (+ jitter) until `forget` resets the count.
 */
import { realClock, type Clock } from '../util/clock.js';
import { backoffDelay } from './backoff.js';

export interface WorkQueueOptions {
  clock?: Clock;
  /** Default 5 ms. */
  baseDelayMs?: number;
  /** Default 60 s. */
  maxDelayMs?: number;
  /** Default 0.1 (up to +10 %). */
  jitter?: number;
  random?: () => number;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; cancel(): void }>();
  private waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;
  private readonly clock: Clock;

  constructor(private readonly opts: WorkQueueOptions = {}) {
    this.clock = opts.clock ?? realClock;
  }

  /** Queues `key` unless it is already queued. No-op after `shutDown`. */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const w = this.waiters.shift();
    if (w) {
      this.dirty.delete(key);
      this.processing.add(key);
      w(key);
    } else this.queue.push(key);
  }

  /** Queues `key` after `ms`; an earlier pending delayed add for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.monotonicMs() + ms;
    const prev = this.delayed.get(key);
    if (prev && prev.at <= at) return;
    prev?.cancel();
    const t = this.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, cancel: () => t.cancel() });
  }

  /** Requeues with exponential backoff; returns the delay used. */
  addRateLimited(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = backoffDelay(
      n,
      {
        baseMs: this.opts.baseDelayMs ?? 5,
        maxMs: this.opts.maxDelayMs ?? 60_000,
        jitter: this.opts.jitter ?? 0.1,
      },
      this.opts.random,
    );
    this.addAfter(key, delay);
    return delay;
  }

  /** Resets the failure count of `key` (call after a successful sync). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Waits for the next key; `undefined` once shut down. The caller must call `done(key)`. */
  get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks `key` finished; if it was added meanwhile, it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  /** Stops handing out keys: pending `get`s resolve `undefined`, delayed adds are dropped. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    this.queue.length = 0;
    this.dirty.clear();
    for (const w of this.waiters) w(undefined);
    this.waiters = [];
  }

  get length(): number {
    return this.queue.length;
  }
}

/** What a sync handler may ask for: nothing (done) or a later re-check. */
export type SyncResult = void | { requeueAfterMs: number };

/**
 * Runs `workers` loops that take keys and call `handler`. Success → `forget`; a thrown error →
 * `addRateLimited` (and `onError`); `{requeueAfterMs}` → `addAfter`. Resolves after `signal`
 * aborts and every running handler returned.
 */
export async function processQueue(
  queue: WorkQueue,
  handler: (key: string) => Promise<SyncResult>,
  signal: AbortSignal,
  opts: { workers?: number; onError?(key: string, err: unknown): void } = {},
): Promise<void> {
  signal.addEventListener('abort', () => queue.shutDown(), { once: true });
  if (signal.aborted) queue.shutDown();
  const loop = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const r = await handler(key);
        queue.forget(key);
        if (r && r.requeueAfterMs >= 0) queue.addAfter(key, r.requeueAfterMs);
      } catch (err) {
        if (!signal.aborted) {
          opts.onError?.(key, err);
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.workers ?? 1 }, loop));
}
