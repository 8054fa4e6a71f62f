import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeQosClass } from './qos.js';
import type { Container } from './types.js';

const spec = (...containers: Container[]) => ({ containers });
const c = (resources: Container['resources']): Container => ({ name: 'c', resources });

test('BestEffort: no cpu/memory requests or limits (other resources and zeros ignored)', () => {
  assert.equal(computeQosClass(spec(c({}))), 'BestEffort');
  assert.equal(
    computeQosClass(spec(c({ limits: { 'nvidia.com/gpu': '1' }, requests: { cpu: '0' } }))),
    'BestEffort',
  );
});

test('Guaranteed: every container has equal cpu and memory requests and limits', () => {
  assert.equal(
    computeQosClass(
      spec(c({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } })),
    ),
    'Guaranteed',
  );
  assert.equal(
    computeQosClass(spec(c({ limits: { cpu: '1', memory: '1Gi' } }))),
    'Burstable',
    'requests not defaulted yet',
  );
});

test('Burstable: partial or unequal', () => {
  assert.equal(computeQosClass(spec(c({ requests: { cpu: '100m' } }))), 'Burstable');
  assert.equal(computeQosClass(spec(c({ limits: { cpu: '1' }, requests: { cpu: '1' } }))), 'Burstable');
  assert.equal(
    computeQosClass(
      spec(c({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } })),
    ),
    'Burstable',
  );
  const guaranteed = c({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
  assert.equal(computeQosClass({ containers: [guaranteed], initContainers: [c({})] }), 'Burstable');
});
