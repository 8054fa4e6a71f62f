import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../util/clock.js';
import { backoffDelay, sleep } from './backoff.js';

test('backoffDelay doubles from the base, caps at the max and adds jitter', () => {
  const p = { baseMs: 100, maxMs: 1000, jitter: 0.5 };
  assert.deepEqual(
    [0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, p, () => 0)),
    [100, 200, 400, 800, 1000, 1000],
  );
  assert.equal(
    backoffDelay(1, p, () => 1),
    300,
  );
});

test('sleep resolves on the clock, or at once on abort', async () => {
  const clock = new FakeClock();
  let done = false;
  const s = sleep(clock, 50).then(() => (done = true));
  clock.advance(49);
  await Promise.resolve();
  assert.equal(done, false);
  clock.advance(1);
  await s;
  assert.equal(done, true);
  const ac = new AbortController();
  const pending = sleep(clock, 10_000, ac.signal);
  ac.abort();
  await pending;
});
