import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../api/core/nodes/types.js';
import { allocatePodCidrs, subnets } from './sync.js';

const node = (name: string, podCIDR?: string, ts = '2024-01-01T00:00:00Z'): Node => ({
  metadata: { name, creationTimestamp: ts },
  spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
});

test('subnets of a /16 into /24s', () => {
  const s = subnets('10.42.0.0/16', 24);
  assert.equal(s.length, 256);
  assert.equal(s[0], '10.42.0.0/24');
  assert.equal(s[5], '10.42.5.0/24');
  assert.equal(s[255], '10.42.255.0/24');
});

test('lowest free range, oldest node first, natural name order, reserved ranges skipped', () => {
  const nodes = [
    node('sim-node-10', undefined, '2024-01-01T00:00:01Z'),
    node('sim-node-2', undefined, '2024-01-01T00:00:01Z'),
    node('main', '10.42.0.0/24'),
    node('late', undefined, '2024-01-01T00:00:05Z'),
  ];
  const { assign, exhausted } = allocatePodCidrs(nodes, ['10.42.1.0/24']);
  assert.deepEqual(
    [...assign],
    [
      ['sim-node-2', '10.42.2.0/24'],
      ['sim-node-10', '10.42.3.0/24'],
      ['late', '10.42.4.0/24'],
    ],
  );
  assert.deepEqual(exhausted, []);
});

test('exhausted cluster CIDR', () => {
  const { assign, exhausted } = allocatePodCidrs([node('a'), node('b')], [], '10.42.0.0/24', 24);
  assert.equal(assign.get('a'), '10.42.0.0/24');
  assert.deepEqual(exhausted, ['b']);
});
