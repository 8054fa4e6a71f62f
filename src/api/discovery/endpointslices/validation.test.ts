import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { EndpointSlice } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const slice = (body: Partial<EndpointSlice>): EndpointSlice => {
  const s: EndpointSlice = {
    metadata: { name: 'web-abc', namespace: 'default', resourceVersion: '1' },
    ...body,
  };
  setDefaults(s);
  return s;
};

describe('endpointslice', () => {
  it('defaults port name and protocol', () => {
    const s = slice({
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.42.0.7'] }],
      ports: [{ port: 80 }],
    });
    assert.deepEqual(s.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
    assert.deepEqual(validateCreate(s), []);
  });

  it('requires a known address type that never changes', () => {
    assert.deepEqual(validateCreate(slice({})).map(String), ['addressType: Required value']);
    assert.deepEqual(validateCreate(slice({ addressType: 'MAC' })).map(String), [
      'addressType: Unsupported value: "MAC": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
    assert.deepEqual(
      validateUpdate(slice({ addressType: 'IPv6' }), slice({ addressType: 'IPv4' })).map(String),
      ['addressType: Invalid value: "IPv6": field is immutable'],
    );
  });

  it('checks addresses against the address type', () => {
    const s = slice({ addressType: 'IPv4', endpoints: [{ addresses: ['fd00::1'] }, { addresses: [] }] });
    assert.deepEqual(validateCreate(s).map(String), [
      'endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'endpoints[1].addresses: Required value: must contain at least 1 address',
    ]);
  });

  it('allows at most 1000 endpoints', () => {
    const endpoints = Array.from({ length: 1001 }, () => ({ addresses: ['10.42.0.7'] }));
    const errs = validateCreate(slice({ addressType: 'IPv4', endpoints }));
    assert.equal(errs.length, 1);
    assert.equal(errs[0].type, 'FieldValueTooMany');
    assert.equal(errs[0].field, 'endpoints');
  });

  it('rejects duplicate port names', () => {
    const s = slice({ addressType: 'IPv4', ports: [{ port: 80 }, { port: 81 }] });
    assert.deepEqual(validateCreate(s).map(String), ['ports[1].name: Duplicate value: ""']);
  });
});
