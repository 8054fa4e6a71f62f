import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodePortAllocator, ServiceIpAllocator } from './service-ip.js';

describe('ServiceIpAllocator', () => {
  it('refuses an IP already in use with upstream wording', () => {
    const a = new ServiceIpAllocator({ used: ['10.43.0.5'] });
    assert.deepEqual(a.allocateSpecific('10.43.0.5').map(String), [
      'spec.clusterIPs: Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5: provided IP is already allocated',
    ]);
  });

  it('refuses IPs outside the range, including network and broadcast', () => {
    const a = new ServiceIpAllocator();
    assert.deepEqual(a.allocateSpecific('10.44.0.5').map(String), [
      'spec.clusterIPs: Invalid value: []string{"10.44.0.5"}: failed to allocate IP 10.44.0.5: ' +
        'the provided IP (10.44.0.5) is not in the valid range. The range of valid IPs is 10.43.0.0/16',
    ]);
    assert.equal(a.contains('10.43.0.0'), false);
    assert.equal(a.contains('10.43.255.255'), false);
    assert.equal(a.contains('10.43.255.254'), true);
  });

  it('reserves a free specific IP once', () => {
    const a = new ServiceIpAllocator();
    assert.deepEqual(a.allocateSpecific('10.43.0.10'), []);
    assert.equal(a.has('10.43.0.10'), true);
    assert.equal(a.allocateSpecific('10.43.0.10').length, 1);
    a.release('10.43.0.10');
    assert.deepEqual(a.allocateSpecific('10.43.0.10'), []);
  });

  it('allocates dynamically above the static band first', () => {
    const a = new ServiceIpAllocator({ random: () => 0 });
    assert.deepEqual(a.allocate(), { ok: true, value: '10.43.1.1' });
    assert.deepEqual(a.allocate(), { ok: true, value: '10.43.1.2' });
  });

  it('falls back to the static band, then reports a full range', () => {
    const a = new ServiceIpAllocator({ cidr: '10.0.0.0/29', random: () => 0 });
    const got = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = a.allocate();
      assert.equal(r.ok, true);
      if (r.ok) got.add(r.value);
    }
    assert.equal(got.size, 6);
    assert.deepEqual(a.allocate(), { ok: false, error: 'failed to allocate a serviceIP: range is full' });
  });
});

describe('NodePortAllocator', () => {
  it('reports taken and out-of-range ports as upstream does', () => {
    const a = new NodePortAllocator({ used: [30080] });
    assert.deepEqual(a.allocateSpecific(30080).map(String), [
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ]);
    assert.deepEqual(a.allocateSpecific(80, 1).map(String), [
      'spec.ports[1].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('allocates free ports inside the range', () => {
    const a = new NodePortAllocator({ min: 30000, max: 30001, random: () => 0.99 });
    const first = a.allocate();
    const second = a.allocate();
    assert.ok(first.ok && second.ok);
    assert.deepEqual(new Set([first.ok && first.value, second.ok && second.value]), new Set([30000, 30001]));
    assert.deepEqual(a.allocate(), { ok: false, error: 'failed to allocate a nodePort: range is full' });
  });
});
