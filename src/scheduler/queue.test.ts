import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../api/core/pods/types.js';
import { FakeClock } from '../util/clock.js';
import { SchedulingQueue } from './queue.js';

const pod = (name: string, priority = 0): Pod => ({
  metadata: { name, namespace: 'd' },
  spec: { containers: [], priority },
});

function newQueue(clock: FakeClock) {
  return new SchedulingQueue({
    clock,
    pluginEvents: new Map([['NodeAffinity', ['NodeAdd', 'NodeUpdateLabel'] as const]]),
  });
}

test('activeQ pops by priority, then by age', () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.add(pod('a'));
  clock.advance(1);
  q.add(pod('b', 10));
  clock.advance(1);
  q.add(pod('c'));
  assert.deepEqual([q.popNow()!.key, q.popNow()!.key, q.popNow()!.key], ['d/b', 'd/a', 'd/c']);
});

test('unschedulable pods move only on a registered event, through back-off doubling to 10 s', () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  const ac = new AbortController();
  q.run(ac.signal);
  const p = pod('p');
  q.add(p);
  let info = q.popNow()!;
  q.addUnschedulable(info, new Set(['NodeAffinity']), q.schedulingCycle - 1);
  assert.equal(q.where(p), 'unschedulable');
  q.onEvent('AssignedPodDelete');
  assert.equal(q.where(p), 'unschedulable');
  q.onEvent('NodeUpdateLabel');
  assert.equal(q.where(p), 'backoff');
  clock.advance(999);
  assert.equal(q.where(p), 'backoff');
  clock.advance(1000);
  assert.equal(q.where(p), 'active');
  const durations: number[] = [];
  for (let i = 0; i < 6; i++) {
    info = q.popNow()!;
    durations.push(q.backoffDurationMs(info));
    q.addBackoff(info);
    clock.advance(11_000);
  }
  assert.deepEqual(durations, [2000, 4000, 8000, 10_000, 10_000, 10_000]);
  ac.abort();
});

test('an event during the cycle sends the failed pod to backoffQ; gated pods wait for their gates', () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.add(pod('p'));
  const info = q.popNow()!;
  const cycle = q.schedulingCycle;
  q.onEvent('NodeAdd');
  q.addUnschedulable(info, new Set(['NodeAffinity']), cycle);
  assert.equal(q.where(info.pod), 'backoff');
  const gated: Pod = { ...pod('g'), spec: { containers: [], schedulingGates: [{ name: 'x' }] } };
  q.add(gated);
  assert.equal(q.where(gated), 'gated');
  q.update(gated, pod('g'));
  assert.equal(q.where(gated), 'active');
});
