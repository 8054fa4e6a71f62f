/**
 * @module kubelet/runtime-manager/backoff
 * Per-key exponential back-off on an injected clock, with upstream's flowcontrol semantics
 * (used for crash loops, keyed per pod+container, and image pulls, keyed per pod+image):
 * - `next(key, eventMs)` records a failure: the first (or one after a quiet spell longer than
 *   twice the cap) starts at `initialMs`, each later one doubles up to `maxMs`;
 * - `inBackOffSince(key, eventMs)`: true while less than the current delay has passed since
 *   `eventMs` (the container's exit time); false once the entry has expired;
 * - `inBackOffSinceUpdate(key, nowMs)`: the same measured from the last `next`.
 * An entry expires when `eventMs - lastUpdate > 2 × maxMs` (10 min for the kubelet's 10 s–300 s).
 */
import type { Clock } from '../../util/clock.js';

interface Entry {
  delayMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly clock: Clock,
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  private expired(eventMs: number, e: Entry): boolean {
    return eventMs - e.lastUpdate > 2 * this.maxMs;
  }

  /** The current delay for the key (0 when unknown). */
  get(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  next(key: string, eventMs: number): void {
    const e = this.entries.get(key);
    const delayMs = !e || this.expired(eventMs, e) ? this.initialMs : Math.min(e.delayMs * 2, this.maxMs);
    this.entries.set(key, { delayMs, lastUpdate: this.clock.nowMs() });
  }

  inBackOffSince(key: string, eventMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventMs, e)) return false;
    return this.clock.nowMs() - eventMs < e.delayMs;
  }

  inBackOffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(nowMs, e)) return false;
    return nowMs - e.lastUpdate < e.delayMs;
  }

  /** When the back-off that started at `eventMs` ends (ms since the epoch), or undefined. */
  endsAt(key: string, eventMs: number): number | undefined {
    const e = this.entries.get(key);
    return e ? eventMs + e.delayMs : undefined;
  }

  /** When the back-off counted from the last `next` ends (ms since the epoch), or undefined. */
  endsAfterUpdate(key: string): number | undefined {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.delayMs : undefined;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries for keys starting with `prefix` (a pod's UID when it goes away). */
  forgetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
