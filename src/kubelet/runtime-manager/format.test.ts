import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoDuration, formatGoList } from './format.js';
import { Backoff } from './backoff.js';
import { FakeClock } from '../../util/clock.js';

describe('formatGoDuration', () => {
  it('writes durations as Go does', () => {
    assert.equal(formatGoDuration(10_000), '10s');
    assert.equal(formatGoDuration(80_000), '1m20s');
    assert.equal(formatGoDuration(300_000), '5m0s');
    assert.equal(formatGoDuration(1_200), '1.2s');
    assert.equal(formatGoDuration(523), '523ms');
    assert.equal(formatGoDuration(3_723_000), '1h2m3s');
    assert.equal(formatGoDuration(0), '0s');
  });
  it('lists as Go does', () => assert.equal(formatGoList(['a', 'b']), '[a b]'));
});

describe('Backoff', () => {
  it('doubles to the cap and expires after twice the cap', () => {
    const clock = new FakeClock(0);
    const b = new Backoff(clock, 10_000, 300_000);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('k', clock.nowMs());
      seen.push(b.get('k'));
    }
    assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    assert.equal(b.inBackOffSince('k', clock.nowMs()), true);
    clock.advance(299_000);
    assert.equal(b.inBackOffSince('k', 0), true);
    clock.advance(2_000);
    assert.equal(b.inBackOffSince('k', 0), false);
    b.next('k', 700_000);
    assert.equal(b.get('k'), 10_000, 'reset after more than 10 minutes');
  });
});
