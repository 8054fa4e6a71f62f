import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigMap } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const cm = (body: Partial<ConfigMap>): ConfigMap => ({
  metadata: { name: 'cfg', namespace: 'default', resourceVersion: '1' },
  ...body,
});

describe('configmap validation', () => {
  it('accepts ordinary keys', () => {
    assert.deepEqual(validateCreate(cm({ data: { 'app.properties': 'a=b', KEY_1: 'x' } })), []);
  });

  it('rejects bad keys with the config-key message', () => {
    assert.deepEqual(validateCreate(cm({ data: { 'a b': 'x' } })).map(String), [
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
        "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('rejects a key present in both data and binaryData', () => {
    assert.deepEqual(validateCreate(cm({ data: { k: 'x' }, binaryData: { k: 'eA==' } })).map(String), [
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]);
  });

  it('limits the total size to 1 MiB', () => {
    const big = 'x'.repeat(1024 * 1024);
    assert.deepEqual(validateCreate(cm({ data: { a: big } })), []);
    assert.deepEqual(validateCreate(cm({ data: { a: big, b: 'y' } })).map(String), [
      'Too long: may not be more than 1048576 bytes',
    ]);
  });

  it('keeps data of an immutable configmap', () => {
    const old = cm({ data: { a: '1' }, immutable: true });
    assert.deepEqual(validateUpdate(cm({ data: { a: '2' }, immutable: true }), old).map(String), [
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    assert.deepEqual(validateUpdate(cm({ data: { a: '1' } }), old).map(String), [
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
    assert.deepEqual(validateUpdate(cm({ data: { a: '2' } }), cm({ data: { a: '1' } })), []);
  });
});
