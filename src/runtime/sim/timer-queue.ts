/**
 * @module runtime/sim/timer-queue
 * Every timed thing of a sim runtime (starts, pulls, scripted exits, grace periods) goes through one
 * min-heap that keeps a single timer armed on the injected Clock, for its earliest deadline. This is
 * what lets one process run tens of thousands of sim containers cheaply, and keeps FakeClock tests
 * fast (the fake clock sees one timer, not thousands).
 */
import type { Clock } from '../../util/clock.js';

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** The longest delay Node's setTimeout accepts; later deadlines re-arm when it fires. */
const MAX_DELAY = 2 ** 31 - 1;

export class TimerQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private cancelledCount = 0;
  private armed?: { at: number; handle: { cancel(): void } };
  private closed = false;

  constructor(private readonly clock: Clock) {}

  /** Number of pending (not cancelled) entries. */
  get size(): number {
    return this.heap.length - this.cancelledCount;
  }

  /** Runs `fn` once the clock reaches `atMs` (in deadline order, ties in call order). */
  at(atMs: number, fn: () => void): { cancel(): void } {
    const entry: Entry = { at: atMs, seq: ++this.seq, fn, cancelled: false };
    if (!this.closed) {
      this.push(entry);
      this.arm();
    }
    return {
      cancel: () => {
        if (entry.cancelled || this.closed) return;
        entry.cancelled = true;
        this.cancelledCount++;
        // Lazy deletion; compact when garbage dominates so cancelled grace timers do not pile up.
        if (this.cancelledCount > 1024 && this.cancelledCount * 2 > this.heap.length) this.compact();
      },
    };
  }

  after(ms: number, fn: () => void): { cancel(): void } {
    return this.at(this.clock.nowMs() + Math.max(0, ms), fn);
  }

  /** Drops every pending entry and disarms the clock timer. */
  close(): void {
    this.closed = true;
    this.armed?.handle.cancel();
    this.armed = undefined;
    this.heap.length = 0;
    this.cancelledCount = 0;
  }

  private arm(): void {
    this.dropCancelledTop();
    const top = this.heap[0];
    if (!top || this.closed) return;
    if (this.armed && this.armed.at <= top.at) return;
    this.armed?.handle.cancel();
    const delay = Math.min(MAX_DELAY, Math.max(0, top.at - this.clock.nowMs()));
    this.armed = { at: top.at, handle: this.clock.setTimeout(() => this.fire(), delay) };
  }

  private fire(): void {
    this.armed = undefined;
    const now = this.clock.nowMs();
    for (;;) {
      this.dropCancelledTop();
      const top = this.heap[0];
      if (!top || top.at > now || this.closed) break;
      this.pop();
      top.cancelled = true; // so a late cancel() does not count it again
      try {
        top.fn();
      } catch {
        // A failing callback must not stop the others; callbacks handle their own errors.
      }
    }
    this.arm();
  }

  private dropCancelledTop(): void {
    while (this.heap[0]?.cancelled) {
      this.pop();
      this.cancelledCount--;
    }
  }

  private compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    this.heap.length = 0;
    this.cancelledCount = 0;
    for (const e of live) this.push(e);
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
