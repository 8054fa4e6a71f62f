import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceQuota } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const rq = (spec: ResourceQuota['spec']): ResourceQuota => ({
  metadata: { name: 'q', namespace: 'default', resourceVersion: '1' },
  spec,
});

describe('resourcequota validation', () => {
  it('accepts standard and count/ resources', () => {
    assert.deepEqual(
      validateCreate(rq({ hard: { pods: '10', 'requests.cpu': '4', 'count/deployments.apps': '5' } })),
      [],
    );
  });

  it('rejects unknown names, negative and fractional counts', () => {
    assert.deepEqual(validateCreate(rq({ hard: { widgets: '1', cpu: '-1' } })).map(String), [
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      'spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });

  it('rejects conflicting and misapplied scopes', () => {
    assert.deepEqual(
      validateCreate(rq({ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] })).map(String),
      [
        'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes',
      ],
    );
    assert.deepEqual(validateCreate(rq({ hard: { secrets: '1' }, scopes: ['Terminating'] })).map(String), [
      'spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating"}: unsupported scope applied to resource',
    ]);
  });

  it('keeps scopes fixed', () => {
    assert.deepEqual(
      validateUpdate(rq({ hard: { pods: '1' }, scopes: ['Terminating'] }), rq({ hard: { pods: '1' } })).map(
        String,
      ),
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating"}: field is immutable'],
    );
  });
});
