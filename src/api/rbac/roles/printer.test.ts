import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('role prints the default Name / Created At table', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Created At', 'date', 0],
    ],
  );
  const obj = { metadata: { name: 'reader', creationTimestamp: '2024-04-30T10:20:30.123Z' } };
  assert.deepEqual(printer.row(obj, now).cells, ['reader', '2024-04-30T10:20:30Z']);
  assert.deepEqual(printer.row({ metadata: { name: 'x' } }, now).cells, ['x', '0001-01-01T00:00:00Z']);
});
