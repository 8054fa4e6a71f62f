import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printers } from './printers.js';

const now = new Date('2024-05-01T12:00:00Z');

test('every printer has exactly one name-format column and fills every column', () => {
  assert.equal(Object.keys(printers).length, 28);
  for (const [key, p] of Object.entries(printers)) {
    assert.match(key, /^[a-z0-9.]*\/[a-z]+$/, key);
    const nameCols = p.columns.filter((c) => c.format === 'name');
    assert.equal(nameCols.length, 1, key);
    assert.equal(nameCols[0].name, 'Name', key);
    assert.equal(nameCols[0].type, 'string', key);
    for (const c of p.columns)
      assert.ok(c.description.length > 0 && (c.priority === 0 || c.priority === 1), `${key} ${c.name}`);
    const { cells } = p.row({ metadata: { name: 'x', creationTimestamp: '2024-05-01T11:00:00Z' } }, now);
    assert.equal(cells.length, p.columns.length, key);
    const nameIndex = p.columns.indexOf(nameCols[0]);
    assert.equal(cells[nameIndex], 'x', key);
  }
});
