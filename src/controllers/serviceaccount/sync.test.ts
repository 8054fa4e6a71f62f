import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideServiceAccount, isActive } from './sync.js';

const ns = { metadata: { name: 'team-a' }, status: { phase: 'Active' } };

test('an active namespace without a default ServiceAccount gets one', () => {
  const a = decideServiceAccount(ns, undefined);
  assert.equal(a.kind, 'create');
  if (a.kind !== 'create') return;
  assert.deepEqual(a.object, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace: 'team-a' },
  });
});

test('nothing to do when it exists, or the namespace is gone or terminating', () => {
  assert.equal(decideServiceAccount(ns, { metadata: { name: 'default', namespace: 'team-a' } }).kind, 'none');
  assert.equal(decideServiceAccount(undefined, undefined).kind, 'none');
  assert.equal(
    decideServiceAccount({ metadata: { name: 'x' }, status: { phase: 'Terminating' } }, undefined).kind,
    'none',
  );
  assert.equal(
    decideServiceAccount({ metadata: { name: 'x', deletionTimestamp: '2024-01-01T00:00:00Z' } }, undefined)
      .kind,
    'none',
  );
  assert.equal(
    isActive({ metadata: { name: 'fresh' } }),
    true,
    'a namespace without status yet counts as active',
  );
});
