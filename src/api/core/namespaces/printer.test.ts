import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('namespace columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Status', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  assert.equal(printer.columns[0].format, 'name');
  const ns = {
    metadata: { name: 'default', creationTimestamp: '2024-04-30T12:00:00Z' },
    status: { phase: 'Active' },
  };
  assert.deepEqual(printer.row(ns, now).cells, ['default', 'Active', '24h']);
  const gone = {
    metadata: { name: 'old', creationTimestamp: '2024-05-01T11:57:00Z' },
    status: { phase: 'Terminating' },
  };
  assert.deepEqual(printer.row(gone, now).cells, ['old', 'Terminating', '3m']);
});
