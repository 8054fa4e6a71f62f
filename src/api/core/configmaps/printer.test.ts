import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('configmap columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Data', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const cm = {
    metadata: { name: 'cfg', creationTimestamp: '2024-05-01T11:00:00Z' },
    data: { a: '1', b: '2' },
    binaryData: { c: 'AA==' },
  };
  assert.deepEqual(printer.row(cm, now).cells, ['cfg', 3, '60m']);
  assert.deepEqual(printer.row({ metadata: { name: 'empty' } }, now).cells, ['empty', 0, '<unknown>']);
});
