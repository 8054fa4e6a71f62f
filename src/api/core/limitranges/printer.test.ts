import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('limit range prints the default Name / Created At table', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Created At', 'date', 0],
    ],
  );
  const lr = { metadata: { name: 'limits', creationTimestamp: '2024-04-30T08:15:00+02:00' } };
  assert.deepEqual(printer.row(lr, now).cells, ['limits', '2024-04-30T06:15:00Z']);
  assert.deepEqual(printer.row({ metadata: { name: 'x' } }, now).cells, ['x', '0001-01-01T00:00:00Z']);
});
