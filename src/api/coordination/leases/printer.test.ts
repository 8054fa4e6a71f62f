import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('lease columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Holder', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const lease = {
    metadata: { name: 'node1', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { holderIdentity: 'node1' },
  };
  assert.deepEqual(printer.row(lease, now).cells, ['node1', 'node1', '60m']);
  assert.deepEqual(printer.row({ metadata: { name: 'free' }, spec: {} }, now).cells, [
    'free',
    '',
    '<unknown>',
  ]);
});
