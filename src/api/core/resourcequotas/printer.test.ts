import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('resource quota columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Request', 'string', 0],
      ['Limit', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const rq = {
    metadata: { name: 'quota', creationTimestamp: '2024-05-01T11:30:00Z' },
    status: {
      hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '1', 'limits.cpu': '2', configmaps: '5' },
      used: { 'limits.memory': '512Mi', pods: '3', 'requests.cpu': '250m', 'limits.cpu': '0' },
    },
  };
  assert.deepEqual(printer.row(rq, now).cells, [
    'quota',
    'configmaps: 0/5, pods: 3/10, requests.cpu: 250m/1',
    'limits.cpu: 0/2, limits.memory: 512Mi/2Gi',
    '30m',
  ]);
  assert.deepEqual(printer.row({ metadata: { name: 'new' } }, now).cells, ['new', '', '', '<unknown>']);
});
