import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import { prepareNamespaceForCreate } from './strategy-helpers.js';
import type { Namespace } from './types.js';
import { validateCreate, validateStatusUpdate } from './validation.js';

describe('namespace', () => {
  it('gets the kubernetes finalizer, Active phase and name label on create', () => {
    const ns: Namespace = { metadata: { name: 'team-a' }, status: { phase: 'Terminating' } };
    prepareNamespaceForCreate(ns);
    setDefaults(ns);
    assert.deepEqual(ns.spec?.finalizers, ['kubernetes']);
    assert.equal(ns.status?.phase, 'Active');
    assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'team-a' });
    assert.deepEqual(validateCreate(ns), []);
  });

  it('keeps user finalizers and adds kubernetes once', () => {
    const ns: Namespace = { metadata: { name: 'a' }, spec: { finalizers: ['example.com/x', 'kubernetes'] } };
    prepareNamespaceForCreate(ns);
    assert.deepEqual(ns.spec?.finalizers, ['example.com/x', 'kubernetes']);
  });

  it('requires a DNS label name', () => {
    const errs = validateCreate({ metadata: { name: 'Team_A' } }).map(String);
    assert.equal(errs.length, 1);
    assert.match(
      errs[0],
      /^metadata\.name: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of/,
    );
  });

  it('rejects unqualified non-standard finalizers', () => {
    assert.deepEqual(
      validateCreate({ metadata: { name: 'a' }, spec: { finalizers: ['custom'] } }).map(String),
      [
        'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
      ],
    );
  });

  it('ties the status phase to deletion', () => {
    const old: Namespace = { metadata: { name: 'a', resourceVersion: '1' }, status: { phase: 'Active' } };
    const next: Namespace = {
      metadata: { name: 'a', resourceVersion: '1' },
      status: { phase: 'Terminating' },
    };
    assert.deepEqual(validateStatusUpdate(next, old).map(String), [
      'status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
    ]);
  });
});
