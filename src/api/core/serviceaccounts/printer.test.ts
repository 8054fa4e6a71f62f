import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('service account columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Secrets', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const sa = {
    metadata: { name: 'default', creationTimestamp: '2024-05-01T11:58:30Z' },
    secrets: [{ name: 'tok' }],
  };
  assert.deepEqual(printer.row(sa, now).cells, ['default', 1, '90s']);
  assert.deepEqual(printer.row({ metadata: { name: 'b' } }, now).cells, ['b', 0, '<unknown>']);
});
