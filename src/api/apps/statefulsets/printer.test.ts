import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('stateful set columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
    ],
  );
  const ss = {
    metadata: { name: 'db', creationTimestamp: '2024-05-01T06:30:00Z' },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } } },
    status: { readyReplicas: 3 },
  };
  assert.deepEqual(printer.row(ss, now).cells, ['db', '3/3', '5h30m', 'pg', 'postgres:16']);
  assert.deepEqual(printer.row({ metadata: { name: 'x' }, spec: { replicas: 2 } }, now).cells, [
    'x',
    '0/2',
    '<unknown>',
    '',
    '',
  ]);
});
