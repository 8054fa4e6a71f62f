import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { Secret } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (body: Partial<Secret>, annotations?: Record<string, string>): Secret => {
  const s: Secret = {
    metadata: { name: 's', namespace: 'default', resourceVersion: '1', annotations },
    ...body,
  };
  setDefaults(s);
  return s;
};

describe('secret defaults', () => {
  it('defaults the type and folds stringData into data', () => {
    const s = secret({ data: { a: b64('1') }, stringData: { a: 'override', b: 'two' } });
    assert.equal(s.type, 'Opaque');
    assert.deepEqual(s.data, { a: b64('override'), b: b64('two') });
    assert.equal(s.stringData, undefined);
  });
});

describe('secret validation', () => {
  it('requires the TLS keys', () => {
    assert.deepEqual(validateCreate(secret({ type: 'kubernetes.io/tls', data: {} })).map(String), [
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
  });

  it('requires well-formed docker config JSON', () => {
    const t = 'kubernetes.io/dockerconfigjson';
    assert.deepEqual(validateCreate(secret({ type: t })).map(String), [
      'data[.dockerconfigjson]: Required value',
    ]);
    assert.deepEqual(
      validateCreate(secret({ type: t, data: { '.dockerconfigjson': b64('{"auths":{}}') } })),
      [],
    );
    assert.deepEqual(
      validateCreate(secret({ type: t, data: { '.dockerconfigjson': b64('nope') } })).map(String),
      [
        `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'o' in literal null (expecting 'u')`,
      ],
    );
  });

  it('requires the service account annotation on token secrets', () => {
    assert.deepEqual(validateCreate(secret({ type: 'kubernetes.io/service-account-token' })).map(String), [
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]);
    const ok = secret(
      { type: 'kubernetes.io/service-account-token' },
      { 'kubernetes.io/service-account.name': 'default' },
    );
    assert.deepEqual(validateCreate(ok), []);
  });

  it('requires a username or password for basic auth', () => {
    assert.deepEqual(validateCreate(secret({ type: 'kubernetes.io/basic-auth', data: {} })).map(String), [
      'data[username]: Required value',
      'data[password]: Required value',
    ]);
  });

  it('never lets the type change', () => {
    const old = secret({ data: {} });
    const next = secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } });
    assert.deepEqual(validateUpdate(next, old).map(String), [
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });

  it('keeps the data of an immutable secret', () => {
    const old = secret({ data: { a: b64('1') }, immutable: true });
    assert.deepEqual(validateUpdate(secret({ data: { a: b64('2') }, immutable: true }), old).map(String), [
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});
