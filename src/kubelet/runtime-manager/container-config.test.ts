import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { buildSandboxConfig } from './container-config.js';

const pod = (name: string, hostname?: string): Pod => ({
  metadata: { name, namespace: 'ns', uid: 'u1' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...(hostname !== undefined ? { hostname } : {}) },
});

describe('sandbox config hostname', () => {
  it("is the pod's hostname, else its name, cut to 63 characters without a trailing '-' or '.'", () => {
    const host = (p: Pod) => buildSandboxConfig({ pod: p, attempt: 0, rootDir: '/r' }).hostname;
    assert.equal(host(pod('web', 'front')), 'front');
    assert.equal(host(pod('web', '')), 'web');
    assert.equal(host(pod(`${'a'.repeat(61)}-.-bbb`)), 'a'.repeat(61));
  });
});
