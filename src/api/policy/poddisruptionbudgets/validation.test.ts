import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PodDisruptionBudget } from './types.js';
import { validateCreate } from './validation.js';

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  metadata: { name: 'web', namespace: 'default' },
  spec,
});

describe('poddisruptionbudget', () => {
  it('accepts a count or a percentage', () => {
    assert.deepEqual(validateCreate(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } })), []);
    assert.deepEqual(
      validateCreate(pdb({ maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } })),
      [],
    );
  });

  it('rejects both bounds at once', () => {
    const errs = validateCreate(pdb({ minAvailable: 1, maxUnavailable: 1 })).map(String);
    assert.equal(errs.length, 1);
    assert.match(
      errs[0],
      /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{.*\}: minAvailable and maxUnavailable cannot be both set$/,
    );
  });

  it('rejects more than 100% and unknown eviction policies', () => {
    assert.deepEqual(
      validateCreate(pdb({ minAvailable: '120%', unhealthyPodEvictionPolicy: 'Never' })).map(String),
      [
        'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    );
  });
});
