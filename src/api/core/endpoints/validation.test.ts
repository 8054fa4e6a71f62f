import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { Endpoints } from './types.js';
import { validateCreate } from './validation.js';

const ep = (subsets: Endpoints['subsets']): Endpoints => {
  const e: Endpoints = { metadata: { name: 'web', namespace: 'default' }, subsets };
  setDefaults(e);
  return e;
};

describe('endpoints validation', () => {
  it('accepts pod addresses and defaults the protocol', () => {
    const e = ep([{ addresses: [{ ip: '10.42.0.5', nodeName: 'n1' }], ports: [{ port: 80 }] }]);
    assert.equal(e.subsets?.[0].ports?.[0].protocol, 'TCP');
    assert.deepEqual(validateCreate(e), []);
  });

  it('requires addresses in every subset', () => {
    assert.deepEqual(validateCreate(ep([{ ports: [{ port: 80 }] }])).map(String), [
      'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });

  it('rejects loopback and link-local addresses', () => {
    assert.deepEqual(
      validateCreate(ep([{ addresses: [{ ip: '127.0.0.1' }, { ip: 'fe80::1' }] }])).map(String),
      [
        'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'subsets[0].addresses[1].ip: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      ],
    );
  });
});
