import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneJson, copyAsJson, deepFreeze } from './json-clone.js';

const sample = () => ({
  a: 1,
  s: 'x',
  n: null,
  b: false,
  u: undefined,
  list: [1, { k: 'v', gone: undefined }, undefined, [2, 3]],
  nested: { deep: { deeper: ['z'] } },
});

test('cloneJson copies every level and keeps undefined members, as structuredClone does', () => {
  const v = sample();
  const c = cloneJson(v);
  assert.deepEqual(c, structuredClone(v));
  assert.notEqual(c.nested.deep, v.nested.deep);
  assert.notEqual(c.list[1], v.list[1]);
  assert.ok('u' in c);
});

test('copyAsJson gives what a JSON round trip gives', () => {
  const v = sample();
  const c = copyAsJson(v);
  assert.deepEqual(c, JSON.parse(JSON.stringify(v)));
  assert.equal(Object.hasOwn(c, 'u'), false);
  assert.equal(c.list[2], null);
  assert.notEqual(c.nested.deep, v.nested.deep);
});

test('deepFreeze freezes every level, so a write into a shared object throws', () => {
  const v = deepFreeze(sample());
  assert.throws(() => {
    (v.nested.deep.deeper as string[]).push('w');
  }, TypeError);
  assert.throws(() => {
    (v.list[1] as { k: string }).k = 'changed';
  }, TypeError);
});
