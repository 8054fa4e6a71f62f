import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCreate as validateClusterRole } from '../clusterroles/validation.js';
import { validateCreate } from './validation.js';

describe('role and clusterrole rules', () => {
  it('requires verbs, api groups and resources', () => {
    assert.deepEqual(
      validateCreate({ metadata: { name: 'r', namespace: 'default' }, rules: [{ verbs: [] }] }).map(String),
      [
        'rules[0].verbs: Required value: verbs must contain at least one value',
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    );
  });

  it('keeps non-resource URLs to cluster roles', () => {
    const rule = { verbs: ['get'], nonResourceURLs: ['/healthz'] };
    assert.deepEqual(
      validateCreate({ metadata: { name: 'r', namespace: 'default' }, rules: [rule] }).map(String),
      [
        'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      ],
    );
    assert.deepEqual(validateClusterRole({ metadata: { name: 'r' }, rules: [rule] }), []);
  });

  it('rejects names with a slash', () => {
    assert.deepEqual(validateClusterRole({ metadata: { name: 'a/b' } }).map(String), [
      'metadata.name: Invalid value: "a/b": may not contain \'/\'',
    ]);
  });

  it('needs selectors in an aggregation rule', () => {
    assert.deepEqual(validateClusterRole({ metadata: { name: 'agg' }, aggregationRule: {} }).map(String), [
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
  });
});
