import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { RoleBinding } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const rb = (mutate: (b: RoleBinding) => void = () => {}): RoleBinding => {
  const b: RoleBinding = {
    metadata: { name: 'read-pods', namespace: 'default', resourceVersion: '1' },
    roleRef: { apiGroup: '', kind: 'Role', name: 'pod-reader' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'ServiceAccount', name: 'builder' },
    ],
  };
  mutate(b);
  setDefaults(b);
  return b;
};

describe('rolebinding', () => {
  it('defaults API groups of roleRef and User/Group subjects only', () => {
    const b = rb();
    assert.equal(b.roleRef.apiGroup, 'rbac.authorization.k8s.io');
    assert.equal(b.subjects?.[0].apiGroup, 'rbac.authorization.k8s.io');
    assert.equal(b.subjects?.[1].apiGroup, undefined);
    assert.deepEqual(validateCreate(b), []);
  });

  it('never changes roleRef', () => {
    const next = rb((b) => (b.roleRef.name = 'admin'));
    assert.deepEqual(validateUpdate(next, rb()).map(String), [
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"admin"}: cannot change roleRef',
    ]);
  });

  it('checks roleRef kind and subject kind', () => {
    const b = rb((x) => {
      x.roleRef.kind = 'Policy';
      x.subjects = [{ kind: 'Robot', name: 'r2' }];
    });
    assert.deepEqual(validateCreate(b).map(String), [
      'roleRef.kind: Unsupported value: "Policy": supported values: "Role", "ClusterRole"',
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
  });

  it('rejects an apiGroup on ServiceAccount subjects', () => {
    const b = rb(
      (x) => (x.subjects = [{ kind: 'ServiceAccount', name: 'sa', apiGroup: 'rbac.authorization.k8s.io' }]),
    );
    assert.deepEqual(validateCreate(b).map(String), [
      'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ]);
  });
});
