import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { ReplicaSet } from './types.js';
import { validateCreate, validateStatusUpdate } from './validation.js';

const rs = (mutate: (r: ReplicaSet) => void = () => {}): ReplicaSet => {
  const r: ReplicaSet = {
    metadata: { name: 'web-abc', namespace: 'default', resourceVersion: '1' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  };
  mutate(r);
  setDefaults(r);
  return r;
};

describe('replicaset', () => {
  it('defaults replicas and validates', () => {
    assert.equal(rs().spec?.replicas, 1);
    assert.deepEqual(validateCreate(rs()), []);
  });

  it('rejects activeDeadlineSeconds in the template', () => {
    assert.deepEqual(
      validateCreate(rs((r) => (r.spec!.template!.spec!.activeDeadlineSeconds = 5))).map(String),
      [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ],
    );
  });

  it('keeps available within ready in status', () => {
    const r = rs();
    r.status = { replicas: 2, readyReplicas: 1, availableReplicas: 2 };
    assert.deepEqual(validateStatusUpdate(r, rs()).map(String), [
      'status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas',
    ]);
  });
});
