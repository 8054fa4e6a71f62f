import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldErrors } from '../field-errors.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { FieldPath } from '../field-errors.js';

const strs = (errs: { toString(): string }[]) => errs.map((e) => e.toString());

test('name is required unless given; namespace required for namespaced kinds', () => {
  assert.deepEqual(strs(validateObjectMeta({}, true, nameIsDNSSubdomain)), [
    'metadata.name: Required value: name or generateName is required',
    'metadata.namespace: Required value',
  ]);
  assert.deepEqual(validateObjectMeta({ name: 'a', namespace: 'default' }, true, nameIsDNSSubdomain), []);
});

test('cluster-scoped kinds may not carry a namespace', () => {
  assert.deepEqual(strs(validateObjectMeta({ name: 'n1', namespace: 'x' }, false, nameIsDNSSubdomain)), [
    'metadata.namespace: Forbidden: not allowed on this type',
  ]);
});

test('bad name and generateName report through the kind name validator', () => {
  const errs = validateObjectMeta(
    { name: 'Bad', generateName: 'web-', namespace: 'ns' },
    true,
    nameIsDNSLabel,
  );
  assert.equal(errs.length, 1);
  assert.match(
    errs[0].toString(),
    /^metadata\.name: Invalid value: "Bad": a lowercase RFC 1123 label must consist/,
  );
  const g = validateObjectMeta({ name: 'x', generateName: 'Web-', namespace: 'ns' }, true, nameIsDNSLabel);
  assert.match(g[0].toString(), /^metadata\.generateName: Invalid value: "Web-": /);
  const ns = validateObjectMeta({ name: 'x', namespace: 'a.b' }, true, nameIsDNSLabel);
  assert.deepEqual(strs(ns), ['metadata.namespace: Invalid value: "a.b": must not contain dots']);
});

test('labels: bad keys and values are reported at metadata.labels', () => {
  const errs = validateObjectMeta(
    { name: 'x', namespace: 'n', labels: { 'a/b/c': 'ok', good: '-bad' } },
    true,
    nameIsDNSSubdomain,
  );
  assert.equal(errs.length, 2);
  assert.ok(errs.every((e) => e.field === 'metadata.labels'));
  assert.match(errs[0].toString(), /Invalid value: "a\/b\/c": a qualified name must consist/);
  assert.match(errs[1].toString(), /Invalid value: "-bad": a valid label must be an empty string/);
});

test('annotations: key case is ignored, total size capped at 256KiB', () => {
  assert.deepEqual(validateAnnotations({ 'Example.COM/Key': 'v' }, FieldPath.root('a')), []);
  const big = { k: 'x'.repeat(256 * 1024) };
  const errs = validateAnnotations(big, FieldPath.root('metadata').child('annotations'));
  assert.equal(errs.length, 1);
  assert.equal(errs[0].type, 'FieldValueTooLong');
  assert.equal(errs[0].field, 'metadata.annotations');
});

test('owner references: required parts and a single controller', () => {
  const errs = validateObjectMeta(
    {
      name: 'x',
      namespace: 'n',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        { apiVersion: '', kind: '', name: '', uid: '' },
      ],
    },
    true,
    nameIsDNSSubdomain,
  );
  const s = strs(errs);
  assert.ok(
    s.some((m) =>
      m.endsWith(
        'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
      ),
    ),
  );
  assert.ok(s.includes('metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty'));
  assert.ok(s.includes('metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'));
});

test('finalizers: names are qualified names; orphan and foregroundDeletion conflict', () => {
  const errs = validateObjectMeta(
    { name: 'x', namespace: 'n', finalizers: ['orphan', 'foregroundDeletion', 'a/b/c'] },
    true,
    nameIsDNSSubdomain,
  );
  assert.equal(errs.length, 2);
  assert.match(errs[1].toString(), /finalizer orphan and foregroundDeletion cannot be both set$/);
});

test('update: immutable fields, resourceVersion required, generation not decremented', () => {
  const old = {
    name: 'a',
    namespace: 'n',
    uid: 'u1',
    resourceVersion: '5',
    generation: 3,
    creationTimestamp: '2024-01-02T03:04:05Z',
  };
  assert.deepEqual(validateObjectMetaUpdate({ ...old }, old), []);
  const errs = validateObjectMetaUpdate(
    {
      ...old,
      name: 'b',
      uid: 'u2',
      resourceVersion: '',
      generation: 2,
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    old,
  );
  assert.deepEqual(strs(errs), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.generation: Invalid value: 2: must not be decremented',
    'metadata.name: Invalid value: "b": field is immutable',
    'metadata.uid: Invalid value: "u2": field is immutable',
    'metadata.creationTimestamp: Invalid value: "2025-01-01 00:00:00 +0000 UTC": field is immutable',
  ]);
});

test('update of a terminating object may not add finalizers', () => {
  const old = {
    name: 'a',
    namespace: 'n',
    resourceVersion: '1',
    deletionTimestamp: '2024-01-01T00:00:00Z',
    finalizers: ['a.io/x'],
  };
  const errs = validateObjectMetaUpdate({ ...old, finalizers: ['a.io/x', 'b.io/y'] }, old);
  assert.equal(
    formatFieldErrors(errs),
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
  );
});
