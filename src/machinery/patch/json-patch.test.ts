import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, JSON_PATCH_REJECTED } from './json-patch.js';
import { PatchError, toStatusError } from './errors.js';

const dep = () => ({
  metadata: { name: 'd', annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } },
});

function rejects(fn: () => unknown, kind: string, message: string | RegExp, detail?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(PatchError.is(e));
    assert.equal(e.kind, kind);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    if (detail) assert.match(e.detail ?? '', detail);
    return true;
  });
}

test('json patch: rollout undo body replaces template and annotations', () => {
  const out = applyJsonPatch(dep(), [
    {
      op: 'replace',
      path: '/spec/template',
      value: { spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
    },
    { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
  ]);
  assert.equal((out.spec as any).template.spec.containers[0].image, 'nginx:1');
  assert.deepEqual((out.metadata as any).annotations, { 'deployment.kubernetes.io/revision': '1' });
});

test('json patch: add, remove, move, copy and test', () => {
  const out = applyJsonPatch(dep(), [
    { op: 'test', path: '/spec/replicas', value: 2 },
    { op: 'add', path: '/metadata/labels', value: { a: 'b' } },
    { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side' } },
    { op: 'copy', from: '/metadata/labels', path: '/spec/selector' },
    { op: 'move', from: '/spec/replicas', path: '/spec/count' },
    { op: 'remove', path: '/metadata/annotations' },
  ]);
  assert.deepEqual(out.metadata, { name: 'd', labels: { a: 'b' } });
  assert.deepEqual((out.spec as any).selector, { a: 'b' });
  assert.equal((out.spec as any).count, 2);
  assert.equal((out.spec as any).replicas, undefined);
  assert.equal((out.spec as any).template.spec.containers.length, 2);
});

test('json patch: the input is not modified', () => {
  const d = dep();
  applyJsonPatch(d, [{ op: 'replace', path: '/spec/replicas', value: 9 }]);
  assert.equal(d.spec.replicas, 2);
});

test('json patch: a failing test op is 422 with upstream message', () => {
  rejects(
    () => applyJsonPatch(dep(), [{ op: 'test', path: '/spec/replicas', value: 3 }]),
    'invalid',
    JSON_PATCH_REJECTED,
    /Test operation failed/,
  );
  const s = toStatusError(new PatchError('invalid', JSON_PATCH_REJECTED)).toStatus();
  assert.equal(s.code, 422);
  assert.equal(s.reason, 'Invalid');
});

test('json patch: a missing path is 422', () => {
  rejects(
    () => applyJsonPatch(dep(), [{ op: 'remove', path: '/spec/nope' }]),
    'invalid',
    JSON_PATCH_REJECTED,
    /remove/,
  );
  rejects(
    () => applyJsonPatch(dep(), [{ op: 'replace', path: '/status/x', value: 1 }]),
    'invalid',
    JSON_PATCH_REJECTED,
  );
});

test('json patch: an unknown op is 422', () => {
  rejects(() => applyJsonPatch(dep(), [{ op: 'frobnicate', path: '/spec' }]), 'invalid', JSON_PATCH_REJECTED);
});

test('json patch: a body that is not a list is 400', () => {
  rejects(
    () => applyJsonPatch(dep(), { op: 'add' }),
    'badRequest',
    /cannot unmarshal object into Go value of type jsonpatch.Patch/,
  );
});

test('json patch: too many operations is 413', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/spec/replicas', value: 2 }));
  rejects(
    () => applyJsonPatch(dep(), ops),
    'tooLarge',
    'The allowed maximum operations in a JSON patch is 10000, got 10001',
  );
  assert.equal(toStatusError(new PatchError('tooLarge', 'x')).code, 413);
});

test('json patch: prototype pollution is refused', () => {
  rejects(
    () => applyJsonPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: 1 }]),
    'invalid',
    JSON_PATCH_REJECTED,
  );
  assert.equal(({} as any).polluted, undefined);
});
