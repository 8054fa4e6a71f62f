/** @module runtime/sim/timer-queue.test — one armed clock timer for many deadlines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../util/clock.js';
import { TimerQueue } from './timer-queue.js';

/** A FakeClock that counts the timers armed on it. */
class CountingClock extends FakeClock {
  armed = 0;
  override setTimeout(fn: () => void, ms: number) {
    this.armed++;
    return super.setTimeout(fn, ms);
  }
}

describe('TimerQueue', () => {
  it('fires in deadline order, ties in call order, at the right clock time', () => {
    const clock = new FakeClock(0);
    const q = new TimerQueue(clock);
    const fired: string[] = [];
    for (const [name, at] of [
      ['c', 300],
      ['a', 100],
      ['b1', 200],
      ['b2', 200],
    ] as const) {
      q.at(at, () => fired.push(`${name}@${clock.nowMs()}`));
    }
    clock.advance(250);
    assert.deepEqual(fired, ['a@100', 'b1@200', 'b2@200']);
    clock.advance(100);
    assert.deepEqual(fired.at(-1), 'c@300');
    assert.equal(q.size, 0);
  });

  it('skips cancelled entries and runs entries scheduled from callbacks', () => {
    const clock = new FakeClock(0);
    const q = new TimerQueue(clock);
    const fired: number[] = [];
    const t = q.after(50, () => fired.push(50));
    q.after(100, () => {
      fired.push(100);
      q.after(10, () => fired.push(110));
    });
    t.cancel();
    t.cancel();
    assert.equal(q.size, 1);
    clock.advance(1_000);
    assert.deepEqual(fired, [100, 110]);
  });

  it('keeps one clock timer armed for thousands of deadlines', () => {
    const clock = new CountingClock(0);
    const q = new TimerQueue(clock);
    let count = 0;
    for (let i = 10_000; i > 0; i--) q.at(i, () => count++);
    // Deadlines added in decreasing order re-arm each time; in increasing order they would not.
    const armedBefore = clock.armed;
    for (let i = 1; i <= 10_000; i++) q.at(20_000 + i, () => count++);
    assert.equal(clock.armed, armedBefore);
    clock.advance(30_000);
    assert.equal(count, 20_000);
  });

  it('close drops everything', () => {
    const clock = new FakeClock(0);
    const q = new TimerQueue(clock);
    let fired = false;
    q.after(10, () => (fired = true));
    q.close();
    q.after(10, () => (fired = true));
    clock.advance(100);
    assert.equal(fired, false);
  });
});
