import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { Node } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const node = (body: Partial<Node> = {}): Node => ({
  metadata: { name: 'n1', resourceVersion: '1' },
  ...body,
});

describe('node', () => {
  it('copies capacity into allocatable', () => {
    const n = node({ status: { capacity: { cpu: '4', pods: '110' } } });
    setDefaults(n);
    assert.deepEqual(n.status?.allocatable, { cpu: '4', pods: '110' });
    assert.deepEqual(validateCreate(n), []);
  });

  it('rejects duplicate taints and bad effects under metadata.taints', () => {
    const n = node({
      spec: {
        taints: [
          { key: 'a', value: 'b', effect: 'NoSchedule' },
          { key: 'a', value: 'c', effect: 'NoSchedule' },
          { key: 'b', effect: 'Sometimes' },
        ],
      },
    });
    assert.deepEqual(validateCreate(n).map(String), [
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"c", Effect:"NoSchedule", TimeAdded:<nil>}: ' +
        'taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('rejects fractional pod capacity', () => {
    const errs = validateCreate(node({ status: { capacity: { pods: '1500m' } } })).map(String);
    assert.equal(errs.length, 1);
    assert.match(
      errs[0],
      /^status\.capacity\.pods: Invalid value: resource\.Quantity\{.*s:"1500m".*\}: must be an integer$/,
    );
  });

  it('sets pod CIDRs and provider ID only once', () => {
    const old = node({ spec: { podCIDRs: ['10.42.0.0/24'], providerID: 'kubeling://n1' } });
    assert.deepEqual(
      validateUpdate(node({ spec: { podCIDRs: ['10.42.0.0/24'], providerID: 'kubeling://n1' } }), old),
      [],
    );
    assert.deepEqual(
      validateUpdate(node({ spec: { podCIDRs: ['10.42.1.0/24'], providerID: 'other' } }), old).map(String),
      [
        'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
        'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
      ],
    );
    assert.deepEqual(validateUpdate(node({ spec: { podCIDRs: ['10.42.0.0/24'] } }), node()), []);
  });
});
