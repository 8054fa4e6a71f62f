import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shareUnchanged } from './share.js';

const pod = (phase: string, rv: string) => ({
  metadata: { name: 'p', resourceVersion: rv, labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] },
  status: { phase, conditions: [{ type: 'Ready', status: 'False' }] },
});

test('shares equal subtrees of the previous version and keeps the changed ones', () => {
  const prev = pod('Pending', '1');
  const next = pod('Running', '2');
  const out = shareUnchanged(next, prev) as ReturnType<typeof pod>;
  assert.equal(out, next);
  assert.deepEqual(out, pod('Running', '2'));
  assert.equal(out.spec, prev.spec);
  assert.equal(out.metadata.labels, prev.metadata.labels);
  assert.notEqual(out.metadata, prev.metadata);
  assert.notEqual(out.status, prev.status);
  assert.equal(out.status.conditions, prev.status.conditions);
});

test('an equal value is replaced by the previous one; key order and array length count', () => {
  const prev = pod('Pending', '1');
  assert.equal(shareUnchanged(pod('Pending', '1'), prev), prev);
  const reordered = { b: 1, a: 2 };
  assert.equal(shareUnchanged(reordered, { a: 2, b: 1 }), reordered);
  const longer = [1, 2, 3];
  assert.equal(shareUnchanged(longer, [1, 2]), longer);
  assert.deepEqual(longer, [1, 2, 3]);
  const shorter = [{ a: 1 }];
  const before = [{ a: 1 }, { b: 2 }];
  assert.equal(shareUnchanged(shorter, before), shorter);
  assert.equal(shorter[0], before[0]);
  const arr = { a: [1] };
  assert.deepEqual(
    shareUnchanged(arr, { a: { 0: 1 } }),
    { a: [1] },
    'an array never takes the place of an object',
  );
  assert.deepEqual(shareUnchanged({ a: null }, { a: {} }), { a: null });
  assert.deepEqual(shareUnchanged({ a: 1, b: 2 }, { a: 1, c: 2 }), { a: 1, b: 2 });
});
