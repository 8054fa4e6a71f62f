import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('secret columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Type', 'string', 0],
      ['Data', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const s = {
    metadata: { name: 'tls', creationTimestamp: '2024-04-01T12:00:00Z' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' },
  };
  assert.deepEqual(printer.row(s, now).cells, ['tls', 'kubernetes.io/tls', 2, '30d']);
  assert.deepEqual(printer.row({ metadata: { name: 'x' }, type: 'Opaque' }, now).cells, [
    'x',
    'Opaque',
    0,
    '<unknown>',
  ]);
});
