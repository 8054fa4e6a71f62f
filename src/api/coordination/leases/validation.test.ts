import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCreate } from './validation.js';

describe('lease validation', () => {
  it('needs a positive duration and non-negative transitions', () => {
    const meta = { name: 'n1', namespace: 'kube-node-lease' };
    assert.deepEqual(
      validateCreate({ metadata: meta, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 } }),
      [],
    );
    assert.deepEqual(
      validateCreate({ metadata: meta, spec: { leaseDurationSeconds: 0, leaseTransitions: -1 } }).map(String),
      [
        'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
        'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
      ],
    );
  });
});
