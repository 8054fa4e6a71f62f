import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { LimitRange } from './types.js';
import { validateCreate } from './validation.js';

const lr = (limits: NonNullable<LimitRange['spec']>['limits']): LimitRange => {
  const l: LimitRange = { metadata: { name: 'limits', namespace: 'default' }, spec: { limits } };
  setDefaults(l);
  return l;
};

describe('limitrange', () => {
  it('defaults container default and defaultRequest from max', () => {
    const l = lr([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }]);
    assert.deepEqual(l.spec?.limits?.[0].default, { cpu: '2' });
    assert.deepEqual(l.spec?.limits?.[0].defaultRequest, { cpu: '2', memory: '64Mi' });
    assert.deepEqual(validateCreate(l), []);
  });

  it('reports min above max with the Go quantity', () => {
    assert.deepEqual(
      validateCreate(lr([{ type: 'Pod', min: { cpu: '200m' }, max: { cpu: '100m' } }])).map(String),
      [
        'spec.limits[0].min[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:200, scale:-3}, ' +
          'd:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"200m", Format:"DecimalSI"}: min value 200m is greater than max value 100m',
      ],
    );
  });

  it('rejects defaults on Pod limits and unknown types', () => {
    assert.deepEqual(
      validateCreate(lr([{ type: 'Pod', default: { cpu: '1' } }, { type: 'Thing' }])).map(String),
      [
        "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
        'spec.limits[1].type: Invalid value: "Thing": must be a standard limit type or fully qualified',
      ],
    );
  });
});
