import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../util/clock.js';
import { conditionEvents, nextNodeStatus, nodeConditions, type NodeCondition } from './node-status.js';

const clock = new FakeClock(Date.UTC(2024, 0, 1, 0, 0, 0));

test('first conditions: upstream types, order, reasons and messages', () => {
  const c = nodeConditions(undefined, { ready: true }, clock.now());
  assert.deepEqual(
    c.map((x) => [x.type, x.status, x.reason, x.message]),
    [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ],
  );
  for (const x of c) {
    assert.equal(x.lastHeartbeatTime, '2024-01-01T00:00:00Z');
    assert.equal(x.lastTransitionTime, '2024-01-01T00:00:00Z');
  }
});

test('heartbeats move lastHeartbeatTime only; a flip moves lastTransitionTime', () => {
  const c0 = nodeConditions(undefined, { ready: true }, clock.now());
  clock.advance(10_000);
  const c1 = nodeConditions(c0, { ready: true }, clock.now());
  for (const x of c1) {
    assert.equal(x.lastHeartbeatTime, '2024-01-01T00:00:10Z');
    assert.equal(x.lastTransitionTime, '2024-01-01T00:00:00Z');
  }
  assert.deepEqual(conditionEvents(c0, c1), []);
  clock.advance(10_000);
  const c2 = nodeConditions(c1, { ready: false, notReadyMessage: 'runtime down' }, clock.now());
  const ready = c2.find((x) => x.type === 'Ready')!;
  assert.deepEqual([ready.status, ready.reason, ready.message], ['False', 'KubeletNotReady', 'runtime down']);
  assert.equal(ready.lastTransitionTime, '2024-01-01T00:00:20Z');
  assert.equal(c2[0].lastTransitionTime, '2024-01-01T00:00:00Z');
  assert.deepEqual(conditionEvents(c1, c2), ['NodeNotReady']);
  assert.deepEqual(
    conditionEvents(undefined, nodeConditions(undefined, { ready: false }, clock.now())).includes(
      'NodeNotReady',
    ),
    false,
    'starting not ready is no event',
  );
  assert.deepEqual(conditionEvents(undefined, c0), [
    'NodeHasSufficientMemory',
    'NodeHasNoDiskPressure',
    'NodeHasSufficientPID',
    'NodeReady',
  ]);
});

test('coming back from Unknown (set by the controller) is a transition', () => {
  const unknown: NodeCondition[] = [
    {
      type: 'Ready',
      status: 'Unknown',
      lastTransitionTime: '2023-12-31T00:00:00Z',
      reason: 'NodeStatusUnknown',
    },
  ];
  const c = nodeConditions(unknown, { ready: true }, clock.now());
  assert.equal(c.find((x) => x.type === 'Ready')!.lastTransitionTime, '2024-01-01T00:00:20Z');
});

test('nextNodeStatus keeps foreign conditions and fields, replaces the static part', () => {
  const current = {
    conditions: [{ type: 'NetworkUnavailable', status: 'False' }],
    capacity: { cpu: '1' },
    extra: 'kept',
  };
  const s = nextNodeStatus(current, { capacity: { cpu: '2' } }, { ready: true }, clock.now(), [
    { names: ['nginx'], sizeBytes: 1 },
  ]);
  assert.equal(s.capacity!.cpu, '2');
  assert.equal(s.extra, 'kept');
  assert.deepEqual(
    (s.conditions as NodeCondition[]).map((c) => c.type),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready', 'NetworkUnavailable'],
  );
  assert.deepEqual(s.images, [{ names: ['nginx'], sizeBytes: 1 }]);
});
