import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type ReplicaSetView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('replica set columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
  const rs: ReplicaSetView = {
    metadata: { name: 'web-5d4f', creationTimestamp: '2024-05-01T08:00:00Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } },
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
    status: { replicas: 3, readyReplicas: 1 },
  };
  assert.deepEqual(printer.row(rs, now).cells, [
    'web-5d4f',
    3,
    3,
    1,
    '4h',
    'nginx',
    'nginx',
    'app=web,pod-template-hash=5d4f',
  ]);
  assert.deepEqual(printer.row({ metadata: { name: 'x' } }, now).cells, [
    'x',
    0,
    0,
    0,
    '<unknown>',
    '',
    '',
    '<none>',
  ]);
  const bad: ReplicaSetView = {
    metadata: { name: 'b' },
    spec: { selector: { matchLabels: { 'bad key': 'v' } } },
  };
  assert.equal(printer.row(bad, now).cells[7], '<error>');
});
