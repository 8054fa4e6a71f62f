/**
 * @module util/clock
 * The one injected source of time. Components take a Clock; tests pass a fake one.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /**
   * Milliseconds on a clock that only moves forward at a steady pace, whatever is done to the
   * wall clock (an NTP step, a VM resumed from a snapshot). Only differences mean anything: for
   * "how long since", as Go's monotonic reading in time.Now serves upstream.
   */
  monotonicMs(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const realClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * A clock that only moves when told to. Timers fire in order on `advance`; `stepWall` moves the
 * wall clock alone, as an NTP step or a resumed VM does, leaving the monotonic clock and timers.
 */
export class FakeClock implements Clock {
  private ms: number;
  private wallOffsetMs = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  constructor(start: Date | number = Date.UTC(2024, 0, 1)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.nowMs());
  }
  nowMs(): number {
    return this.ms + this.wallOffsetMs;
  }
  monotonicMs(): number {
    return this.ms;
  }
  stepWall(ms: number): void {
    this.wallOffsetMs += ms;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.timers.push({ at: this.ms + ms, fn, id });
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== id)) };
  }
  advance(ms: number): void {
    const target = this.ms + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.ms = next.at;
      next.fn();
    }
    this.ms = target;
  }
}
