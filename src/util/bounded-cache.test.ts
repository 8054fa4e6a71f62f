import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedCache } from './bounded-cache.js';

test('entries in use survive turnover, unused ones fall out after two generations', () => {
  const c = new BoundedCache<string, number>(2);
  c.set('hot', 1);
  c.set('a', 2);
  c.set('b', 3); // young full: {hot, a} becomes old
  assert.equal(c.get('hot'), 1); // moved back to young {b, hot}
  c.set('c', 4); // {b, hot} becomes old
  c.set('d', 5);
  assert.equal(c.get('a'), undefined, 'two generations later an unused entry is gone');
  assert.equal(c.get('hot'), 1);
  assert.equal(c.has('c'), true);
});
