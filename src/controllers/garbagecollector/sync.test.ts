import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';
import {
  applyOwnerRefChange,
  decideDependent,
  decideOwner,
  dependentsOf,
  ownerStateOf,
  type OwnerView,
} from './sync.js';

const ref = (uid: string, block = false): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: `rs-${uid}`,
  uid,
  blockOwnerDeletion: block,
});
const pod = (refs: OwnerReference[], meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'pod-uid', ownerReferences: refs, ...meta },
});
const view = (r: OwnerReference, state: OwnerView['state']): OwnerView => ({ ref: r, state });
const DT = '2024-01-01T00:00:00Z';

test('owner state comes from the object found under the uid', () => {
  const r = ref('u1');
  assert.equal(ownerStateOf(undefined, r), 'absent');
  assert.equal(
    ownerStateOf({ metadata: { uid: 'other' } }, r),
    'absent',
    'a new object with the same name is not the owner',
  );
  assert.equal(ownerStateOf({ metadata: { uid: 'u1' } }, r), 'present');
  assert.equal(
    ownerStateOf({ metadata: { uid: 'u1', deletionTimestamp: DT, finalizers: ['foregroundDeletion'] } }, r),
    'waiting',
  );
  assert.equal(
    ownerStateOf({ metadata: { uid: 'u1', deletionTimestamp: DT, finalizers: ['orphan'] } }, r),
    'present',
  );
});

test('a dependent whose owners are all gone is deleted in the background', () => {
  const p = pod([ref('u1')]);
  assert.deepEqual(decideDependent(p, [view(ref('u1'), 'absent')]), {
    kind: 'delete',
    propagationPolicy: 'Background',
  });
});

test('its own finalizers choose the policy; an object already being deleted is left alone', () => {
  assert.deepEqual(
    decideDependent(pod([ref('u1')], { finalizers: ['orphan'] }), [view(ref('u1'), 'absent')]),
    {
      kind: 'delete',
      propagationPolicy: 'Orphan',
    },
  );
  assert.deepEqual(
    decideDependent(pod([ref('u1')], { deletionTimestamp: DT }), [view(ref('u1'), 'absent')]),
    { kind: 'none' },
  );
});

test('a dependent of an owner waiting in the foreground is deleted in the foreground', () => {
  assert.deepEqual(decideDependent(pod([ref('u1', true)]), [view(ref('u1', true), 'waiting')]), {
    kind: 'delete',
    propagationPolicy: 'Foreground',
  });
});

test('with a solid owner left, dangling references are dropped and waiting owners unblocked', () => {
  const owners = [
    view(ref('live'), 'present'),
    view(ref('gone'), 'absent'),
    view(ref('wait', true), 'waiting'),
  ];
  assert.deepEqual(decideDependent(pod([]), owners), {
    kind: 'update-owner-refs',
    remove: ['gone'],
    unblock: ['wait'],
  });
  assert.deepEqual(decideDependent(pod([]), [view(ref('live'), 'present')]), { kind: 'none' });
  assert.deepEqual(
    decideDependent(pod([]), [view(ref('x'), 'unknown')]),
    { kind: 'none' },
    'unknown kinds count as present',
  );
  assert.deepEqual(decideDependent(pod([]), []), { kind: 'none' });
});

test('an owner deleted with orphan first releases its dependents, then drops the finalizer', () => {
  const owner: KubeObject = {
    metadata: { name: 'rs', uid: 'u1', deletionTimestamp: DT, finalizers: ['orphan'] },
  };
  const deps = [pod([ref('u1')])];
  assert.deepEqual(decideOwner(owner, deps), [
    { kind: 'orphan-dependents', dependents: deps },
    { kind: 'remove-finalizer', finalizer: 'orphan' },
  ]);
  assert.deepEqual(decideOwner(owner, []), [{ kind: 'remove-finalizer', finalizer: 'orphan' }]);
});

test('an owner deleted in the foreground waits only for blocking dependents', () => {
  const owner: KubeObject = {
    metadata: { name: 'rs', uid: 'u1', deletionTimestamp: DT, finalizers: ['foregroundDeletion'] },
  };
  const blocking = pod([ref('u1', true)]);
  const loose = pod([ref('u1', false)]);
  assert.deepEqual(decideOwner(owner, [blocking, loose]), [
    { kind: 'process-dependents', dependents: [blocking, loose] },
  ]);
  assert.deepEqual(decideOwner(owner, [loose]), [
    { kind: 'remove-finalizer', finalizer: 'foregroundDeletion' },
  ]);
  assert.deepEqual(decideOwner({ metadata: { uid: 'u1' } }, [blocking]), [{ kind: 'none' }]);
});

test('dependentsOf keeps objects that still reference the owner; applyOwnerRefChange edits references', () => {
  const owner: KubeObject = { metadata: { uid: 'u1' } };
  assert.equal(dependentsOf(owner, [pod([ref('u1')]), pod([ref('u2')]), pod([])]).length, 1);
  assert.deepEqual(applyOwnerRefChange([ref('a', true), ref('b', true)], { remove: ['a'], unblock: ['b'] }), [
    { ...ref('b'), blockOwnerDeletion: false },
  ]);
  assert.equal(applyOwnerRefChange([ref('a')], { remove: ['a'], unblock: [] }), undefined);
});
