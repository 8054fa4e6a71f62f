import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Taint } from '../../api/core/nodes/types.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import { FakeClock } from '../../util/clock.js';
import { desiredTaints, observeHealth, staleConditions, type Condition } from './sync.js';

const conds = (ready: string, hb = '2024-01-01T00:00:00Z'): Condition[] => [
  {
    type: 'MemoryPressure',
    status: 'False',
    lastHeartbeatTime: hb,
    lastTransitionTime: hb,
    reason: 'KubeletHasSufficientMemory',
  },
  { type: 'DiskPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: hb },
  { type: 'PIDPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: hb },
  { type: 'Ready', status: ready, lastHeartbeatTime: hb, lastTransitionTime: hb, reason: 'KubeletReady' },
];
const node = (ready?: string, taints?: Taint[]): Node => ({
  metadata: { name: 'n1', creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: { taints },
  status: { conditions: ready ? conds(ready) : [] },
});
const lease = (renewTime: string): Lease => ({ metadata: { name: 'n1' }, spec: { renewTime } });

test('Unknown after 40 s without lease renewal, not before', () => {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const n = node('True');
  let rec = observeHealth(undefined, n, lease('t0'), clock.monotonicMs());
  clock.advance(10_000);
  rec = observeHealth(rec, n, lease('t1'), clock.monotonicMs()); // renewed at 10 s
  assert.equal(rec.probeMs, clock.monotonicMs());
  clock.advance(40_000);
  rec = observeHealth(rec, n, lease('t1'), clock.monotonicMs());
  assert.equal(
    staleConditions(n, rec, clock.monotonicMs(), clock.now()),
    undefined,
    'exactly 40 s is still within grace',
  );
  clock.advance(1);
  const c = staleConditions(n, rec, clock.monotonicMs(), clock.now())!;
  assert.deepEqual(
    c.map((x) => x.type),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'],
    'every condition goes Unknown',
  );
  for (const x of c) {
    assert.equal(x.status, 'Unknown');
    assert.equal(x.reason, 'NodeStatusUnknown');
    assert.equal(x.message, 'Kubelet stopped posting node status.');
    assert.equal(x.lastHeartbeatTime, '2024-01-01T00:00:00Z', 'heartbeat kept');
    assert.equal(x.lastTransitionTime, '2024-01-01T00:00:50Z');
  }
  // Already Unknown: nothing more to write.
  const unknown: Node = { ...n, status: { conditions: c } };
  assert.equal(staleConditions(unknown, rec, clock.monotonicMs(), clock.now()), undefined);
});

test('a wall clock stepped forward does not make a live node Unknown', () => {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const n = node('True');
  const rec = observeHealth(undefined, n, lease('t0'), clock.monotonicMs());
  clock.advance(10_000);
  clock.stepWall(10 * 60_000);
  assert.equal(staleConditions(n, rec, clock.monotonicMs(), clock.now()), undefined);
  clock.advance(31_000);
  assert.equal(
    staleConditions(n, rec, clock.monotonicMs(), clock.now())![0].lastTransitionTime,
    '2024-01-01T00:10:41Z',
  );
});

test('a node heartbeat (Ready lastHeartbeatTime) also counts as alive', () => {
  const n0 = node('True');
  let rec = observeHealth(undefined, n0, undefined, 0);
  const n1: Node = { ...n0, status: { conditions: conds('True', '2024-01-01T00:00:30Z') } };
  rec = observeHealth(rec, n1, undefined, 30_000);
  assert.equal(rec.probeMs, 30_000);
});

test('a node that never posted status gets 60 s and NodeStatusNeverUpdated', () => {
  const n = node();
  const rec = observeHealth(undefined, n, undefined, 0);
  assert.equal(staleConditions(n, rec, 59_000, new Date(Date.UTC(2024, 0, 1, 0, 0, 59))), undefined);
  const c = staleConditions(n, rec, 61_000, new Date(Date.UTC(2024, 0, 1, 0, 1, 1)))!;
  assert.deepEqual(
    c.map((x) => [x.type, x.status, x.reason, x.message]),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => [
      t,
      'Unknown',
      'NodeStatusNeverUpdated',
      'Kubelet never posted node status.',
    ]),
  );
});

test('taints follow the Ready condition; user taints and timeAdded are kept', () => {
  const now = new Date(Date.UTC(2024, 0, 1, 0, 1, 0));
  const user = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const unknown = desiredTaints(node('Unknown', [user]), now)!;
  assert.deepEqual(unknown, [
    user,
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:01:00Z' },
  ]);
  assert.equal(desiredTaints(node('Unknown', unknown), new Date(now.getTime() + 5000)), undefined, 'stable');
  const notReady = desiredTaints(node('False', unknown), now)!;
  assert.deepEqual(
    notReady.map((t) => `${t.key}:${t.effect}`),
    [
      'dedicated:NoSchedule',
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
    ],
  );
  assert.deepEqual(desiredTaints(node('True', notReady), now), [user], 'removed when Ready again');
  assert.equal(desiredTaints(node('True', [user]), now), undefined);
  const cordoned: Node = { ...node('True'), spec: { unschedulable: true } };
  assert.deepEqual(desiredTaints(cordoned, now), [
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]);
});
