import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch } from './merge-patch.js';
import { PatchError } from './errors.js';

test('merge patch: RFC 7386 examples', () => {
  const target = { a: 'b', c: { d: 'e', f: 'g' } };
  assert.deepEqual(applyMergePatch(target, { a: 'z', c: { f: null } }), { a: 'z', c: { d: 'e' } });
  assert.deepEqual(applyMergePatch({ a: ['b'] }, { a: 'c' }), { a: 'c' });
  assert.deepEqual(applyMergePatch({ a: 'b' }, { a: ['c'] }), { a: ['c'] });
  assert.deepEqual(applyMergePatch({ e: null }, { a: 1 }), { e: null, a: 1 });
  assert.deepEqual(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] }), { a: [1] });
  assert.deepEqual(applyMergePatch({}, { a: { bb: { ccc: null } } }), { a: { bb: {} } });
});

test('merge patch: scale body sets replicas and leaves the rest', () => {
  const dep = { metadata: { name: 'd' }, spec: { replicas: 1, template: { x: 1 } } };
  const out = applyMergePatch(dep, { spec: { replicas: 3 } });
  assert.deepEqual(out, { metadata: { name: 'd' }, spec: { replicas: 3, template: { x: 1 } } });
  assert.equal(dep.spec.replicas, 1, 'input unchanged');
});

test('merge patch: lists are replaced whole', () => {
  const out = applyMergePatch(
    { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
    { spec: { containers: [{ name: 'c' }] } },
  );
  assert.deepEqual(out, { spec: { containers: [{ name: 'c' }] } });
});

test('merge patch: null and non-object patches are rejected', () => {
  assert.throws(
    () => applyMergePatch({}, null),
    (e: unknown) => PatchError.is(e) && e.kind === 'badRequest' && e.message === 'Invalid JSON Patch',
  );
  assert.throws(
    () => applyMergePatch({}, [1]),
    (e: unknown) => PatchError.is(e) && e.kind === 'invalid',
  );
});
