import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../util/clock.js';
import { WorkQueue, processQueue } from './workqueue.js';

test('a key added twice while queued is handed out once', async () => {
  const q = new WorkQueue();
  q.add('a');
  q.add('b');
  q.add('a');
  assert.equal(q.length, 2);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), 'b');
  assert.equal(q.length, 0);
});

test('a key added while being processed is queued again only after done', async () => {
  const q = new WorkQueue();
  q.add('a');
  const k = await q.get();
  q.add('a');
  assert.equal(q.length, 0, 'not queued while processing');
  q.done(k!);
  assert.equal(q.length, 1);
  assert.equal(await q.get(), 'a');
});

test('get waits for the next add', async () => {
  const q = new WorkQueue();
  const pending = q.get();
  q.add('x');
  assert.equal(await pending, 'x');
});

test('addRateLimited backs off exponentially with jitter until forget', () => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock, baseDelayMs: 10, maxDelayMs: 50, jitter: 0.5, random: () => 1 });
  assert.equal(q.addRateLimited('k'), 15);
  assert.equal(q.addRateLimited('k'), 30);
  assert.equal(q.addRateLimited('k'), 60);
  assert.equal(q.addRateLimited('k'), 75, 'capped at max, plus jitter');
  assert.equal(q.numRequeues('k'), 4);
  q.forget('k');
  assert.equal(q.numRequeues('k'), 0);
  assert.equal(q.addRateLimited('k'), 15);
});

test('addAfter fires on the clock; the earliest pending add wins', () => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock });
  q.addAfter('k', 100);
  q.addAfter('k', 500);
  clock.advance(99);
  assert.equal(q.length, 0);
  clock.advance(1);
  assert.equal(q.length, 1);
  q.addAfter('j', 50);
  q.addAfter('j', 10);
  clock.advance(10);
  assert.equal(q.length, 2);
});

test('shutDown releases waiting workers and drops delayed keys', async () => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock });
  const waiting = q.get();
  q.addAfter('late', 10);
  q.shutDown();
  assert.equal(await waiting, undefined);
  clock.advance(20);
  assert.equal(q.length, 0);
  q.add('after');
  assert.equal(await q.get(), undefined);
});

test('processQueue retries failures with backoff, honours requeueAfterMs and stops on abort', async () => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock, baseDelayMs: 100, jitter: 0 });
  const ac = new AbortController();
  const calls: string[] = [];
  let fail = true;
  const errors: string[] = [];
  const done = processQueue(
    q,
    async (key) => {
      calls.push(key);
      if (key === 'flaky' && fail) {
        fail = false;
        throw new Error('boom');
      }
      if (key === 'again' && calls.filter((c) => c === 'again').length === 1) return { requeueAfterMs: 30 };
    },
    ac.signal,
    { onError: (k) => errors.push(k) },
  );
  q.add('flaky');
  q.add('again');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls, ['flaky', 'again']);
  assert.deepEqual(errors, ['flaky']);
  clock.advance(30);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls, ['flaky', 'again', 'again']);
  clock.advance(70);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls, ['flaky', 'again', 'again', 'flaky']);
  assert.equal(q.numRequeues('flaky'), 0, 'forgotten after success');
  ac.abort();
  await done;
});
