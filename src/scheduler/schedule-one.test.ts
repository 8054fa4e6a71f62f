import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../api/core/nodes/types.js';
import type { Pod } from '../api/core/pods/types.js';
import { conditionUnchanged, truncateEventMessage, unschedulableCondition } from './schedule-one.js';
import { nodeUpdateEvents, responsibleFor } from './scheduler.js';

test('event messages are cut at 1024 characters like upstream', () => {
  assert.equal(truncateEventMessage('short'), 'short');
  const long = 'x'.repeat(2000);
  const cut = truncateEventMessage(long);
  assert.equal(cut.length, 1024);
  assert.ok(cut.endsWith('xxx...'));
});

test('the PodScheduled condition is only rewritten when it changed', () => {
  const c = unschedulableCondition('Unschedulable', 'm', new Date(Date.UTC(2024, 0, 1)));
  assert.deepEqual(c, {
    type: 'PodScheduled',
    status: 'False',
    reason: 'Unschedulable',
    message: 'm',
    lastProbeTime: null,
    lastTransitionTime: '2024-01-01T00:00:00Z',
  });
  const pod: Pod = {
    metadata: {},
    spec: { containers: [] },
    status: { conditions: [{ ...c, lastTransitionTime: 'earlier' }] },
  };
  assert.equal(conditionUnchanged(pod, c), true);
  assert.equal(conditionUnchanged(pod, { ...c, message: 'other' }), false);
});

test('node updates map to the cluster events plugins register for', () => {
  const a: Node = {
    metadata: { name: 'n', labels: { a: '1' } },
    spec: {},
    status: { allocatable: { cpu: '1' } },
  };
  const b: Node = {
    metadata: { name: 'n', labels: { a: '2' } },
    spec: { unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }] },
    status: { allocatable: { cpu: '2' } },
  };
  assert.deepEqual(nodeUpdateEvents(a, b), [
    'NodeUpdateAllocatable',
    'NodeUpdateLabel',
    'NodeUpdateTaint',
    'NodeUpdateSpecUnschedulable',
  ]);
  assert.deepEqual(nodeUpdateEvents(a, { ...a, status: { ...a.status, conditions: [] } }), []);
});

test('only pods naming this scheduler (or none) are its responsibility', () => {
  const p = (schedulerName?: string): Pod => ({ metadata: {}, spec: { containers: [], schedulerName } });
  assert.equal(responsibleFor(p()), true);
  assert.equal(responsibleFor(p('default-scheduler')), true);
  assert.equal(responsibleFor(p('other')), false);
  assert.equal(responsibleFor(p('other'), 'other'), true);
});
