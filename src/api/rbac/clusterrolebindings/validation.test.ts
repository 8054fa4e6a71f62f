import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { ClusterRoleBinding } from './types.js';
import { validateCreate } from './validation.js';

describe('clusterrolebinding', () => {
  it('needs a ClusterRole and namespaced service accounts', () => {
    const b: ClusterRoleBinding = {
      metadata: { name: 'ops' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' },
      subjects: [{ kind: 'ServiceAccount', name: 'builder' }],
    };
    setDefaults(b);
    assert.deepEqual(validateCreate(b).map(String), [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });
});
