import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('pod disruption budget columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Min Available', 'string', 0],
      ['Max Unavailable', 'string', 0],
      ['Allowed Disruptions', 'integer', 0],
      ['Age', 'string', 0],
    ],
  );
  const pdb = {
    metadata: { name: 'web', creationTimestamp: '2024-05-01T11:58:00Z' },
    spec: { minAvailable: 2 },
    status: { disruptionsAllowed: 1 },
  };
  assert.deepEqual(printer.row(pdb, now).cells, ['web', '2', 'N/A', 1, '2m']);
  const pct = { metadata: { name: 'db' }, spec: { maxUnavailable: '25%' } };
  assert.deepEqual(printer.row(pct, now).cells, ['db', 'N/A', '25%', 0, '<unknown>']);
});
