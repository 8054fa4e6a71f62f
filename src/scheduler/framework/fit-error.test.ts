import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitErrorMessage, reasonHistogram } from './fit-error.js';
import { Status } from './interface.js';

test('reasons are counted per node and sorted as strings', () => {
  const statuses = [
    Status.unschedulable('Insufficient cpu', 'Insufficient memory'),
    Status.unschedulable('Insufficient cpu'),
    Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
  ];
  assert.deepEqual(reasonHistogram(statuses), [
    '1 Insufficient memory',
    "1 node(s) didn't match Pod's node affinity/selector",
    '2 Insufficient cpu',
  ]);
});

test('message parts each end with a period; prefilter replaces the node reasons', () => {
  const m = new Map([['a', Status.unschedulable('Too many pods')]]);
  assert.equal(fitErrorMessage(1, { nodeToStatus: m }), '0/1 nodes are available: 1 Too many pods.');
  assert.equal(
    fitErrorMessage(1, { nodeToStatus: m, preFilterMsg: 'x', postFilterMsg: 'preemption: y.' }),
    '0/1 nodes are available: x. preemption: y..',
  );
});
