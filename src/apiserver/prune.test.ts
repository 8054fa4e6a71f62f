import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneFields } from './prune.js';

test('removes nested unknown fields and keeps the rest', () => {
  const o = {
    spec: { foo: 1, containers: [{ name: 'a', bar: true }, { name: 'b' }] },
    metadata: { name: 'x' },
  };
  pruneFields(o, ['spec.foo', 'spec.containers[0].bar']);
  assert.deepEqual(o, { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, metadata: { name: 'x' } });
});

test('resolves keys that contain dots and ignores paths that do not exist', () => {
  const o: any = { a: { 'x.y': { z: 1, w: 2 } } };
  pruneFields(o, ['a.x.y.z', 'missing.path', 'a.q[3].r']);
  assert.deepEqual(o, { a: { 'x.y': { w: 2 } } });
});
