import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import { dropTypeDependentFields } from './strategy-helpers.js';
import type { Service } from './types.js';
import { validateUpdate } from './validation.js';

const stored = (): Service => {
  const s: Service = {
    metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: { type: 'NodePort', clusterIP: '10.43.0.20', ports: [{ port: 80, nodePort: 30080 }] },
  };
  setDefaults(s);
  return s;
};

describe('dropTypeDependentFields', () => {
  it('turns a NodePort service back into a valid ClusterIP one', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.type = 'ClusterIP';
    dropTypeDependentFields(next, old);
    setDefaults(next);
    assert.equal(next.spec.ports?.[0].nodePort, undefined);
    assert.equal(next.spec.externalTrafficPolicy, undefined);
    assert.equal(next.spec.clusterIP, '10.43.0.20');
    assert.deepEqual(validateUpdate(next, old), []);
  });

  it('clears cluster IPs when becoming ExternalName', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.type = 'ExternalName';
    next.spec.externalName = 'example.com';
    dropTypeDependentFields(next, old);
    setDefaults(next);
    assert.equal(next.spec.clusterIPs, undefined);
    assert.equal(next.spec.ipFamilies, undefined);
    assert.deepEqual(validateUpdate(next, old), []);
  });
});
