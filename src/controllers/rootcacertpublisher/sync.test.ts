import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESCRIPTION, DESCRIPTION_ANNOTATION, decideRootCA } from './sync.js';

const CA = '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n';
const ns = { metadata: { name: 'team' }, status: { phase: 'Active' } };
const published = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'kube-root-ca.crt',
    namespace: 'team',
    annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION },
  },
  data: { 'ca.crt': CA },
};

test('an active namespace without kube-root-ca.crt gets it, with the CA and the description', () => {
  assert.deepEqual(decideRootCA(ns, undefined, CA), { kind: 'create', object: published });
});

test('nothing to do when it is current, or the namespace is gone or terminating', () => {
  assert.equal(decideRootCA(ns, published, CA).kind, 'none');
  assert.equal(decideRootCA(undefined, undefined, CA).kind, 'none');
  assert.equal(
    decideRootCA({ metadata: { name: 'x' }, status: { phase: 'Terminating' } }, undefined, CA).kind,
    'none',
  );
});

test('changed data or a lost annotation is restored; other annotations stay, extra keys go', () => {
  const edited = {
    ...published,
    metadata: { ...published.metadata, annotations: { mine: 'yes' } },
    data: { 'ca.crt': 'tampered', extra: '1' },
  };
  const a = decideRootCA(ns, edited, CA);
  assert.equal(a.kind, 'update');
  if (a.kind !== 'update') return;
  assert.deepEqual(a.object.data, { 'ca.crt': CA });
  assert.deepEqual(a.object.metadata.annotations, { mine: 'yes', [DESCRIPTION_ANNOTATION]: DESCRIPTION });
  assert.equal(
    decideRootCA(ns, { ...published, metadata: { ...published.metadata, annotations: {} } }, CA).kind,
    'update',
  );
});
