import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPodTimes, recordPodEvent, splitLines, type WatchEvent } from './pod-watch.js';

const ev = (
  type: string,
  name: string,
  rv: string,
  extra: { nodeName?: string; phase?: string; ready?: boolean; scheduledAt?: string } = {},
): WatchEvent => ({
  type,
  object: {
    metadata: { name, resourceVersion: rv },
    spec: extra.nodeName ? { nodeName: extra.nodeName } : {},
    status: {
      phase: extra.phase ?? 'Pending',
      conditions: [
        ...(extra.scheduledAt
          ? [{ type: 'PodScheduled', status: 'True', lastTransitionTime: extra.scheduledAt }]
          : []),
        ...(extra.ready === undefined ? [] : [{ type: 'Ready', status: extra.ready ? 'True' : 'False' }]),
      ],
    },
  },
});

test('splitLines keeps the unfinished tail and drops blank lines', () => {
  const a = splitLines('', '{"a":1}\n\n{"b"');
  assert.deepEqual(a, { lines: ['{"a":1}'], rest: '{"b"' });
  const b = splitLines(a.rest, ':2}\n');
  assert.deepEqual(b, { lines: ['{"b":2}'], rest: '' });
  assert.deepEqual(splitLines('x', 'y'), { lines: [], rest: 'xy' });
});

test('recordPodEvent keeps the first bind and the first Running+Ready time', () => {
  const t = newPodTimes('5');
  recordPodEvent(t, ev('ADDED', 'p', '6'), 1);
  recordPodEvent(t, ev('MODIFIED', 'p', '7', { nodeName: 'n1', scheduledAt: '2026-01-01T00:00:01Z' }), 2);
  recordPodEvent(t, ev('MODIFIED', 'p', '8', { nodeName: 'n1', phase: 'Running', ready: false }), 3);
  recordPodEvent(t, ev('MODIFIED', 'p', '9', { nodeName: 'n1', phase: 'Running', ready: true }), 4);
  recordPodEvent(t, ev('MODIFIED', 'p', '10', { nodeName: 'n1', phase: 'Running', ready: true }), 5);
  assert.equal(t.boundAt.get('p'), 2);
  assert.equal(t.runningAt.get('p'), 4);
  assert.equal(t.scheduledCondAt.get('p'), Date.parse('2026-01-01T00:00:01Z'));
  assert.equal(t.rv, '10');
  assert.equal(t.stats.events, 5);
});

test('recordPodEvent counts ERROR events and ignores deletions', () => {
  const t = newPodTimes('1');
  recordPodEvent(t, { type: 'ERROR', object: { code: 410, message: 'too old resource version' } }, 1);
  recordPodEvent(t, ev('DELETED', 'q', '3', { nodeName: 'n', phase: 'Running', ready: true }), 2);
  assert.deepEqual(t.stats.errors, ['410 too old resource version']);
  assert.equal(t.runningAt.size, 0);
  assert.equal(t.rv, '3');
});
