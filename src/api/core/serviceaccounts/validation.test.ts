import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCreate, validateUpdate } from './validation.js';

describe('serviceaccount validation', () => {
  it('checks the name and namespace', () => {
    assert.deepEqual(validateCreate({ metadata: { name: 'builder', namespace: 'ci' } }), []);
    assert.deepEqual(validateCreate({ metadata: { name: 'builder' } }).map(String), [
      'metadata.namespace: Required value',
    ]);
  });

  it('keeps the name on update', () => {
    const old = { metadata: { name: 'a', namespace: 'ci', resourceVersion: '1' } };
    assert.deepEqual(
      validateUpdate({ metadata: { name: 'b', namespace: 'ci', resourceVersion: '1' } }, old).map(String),
      ['metadata.name: Invalid value: "b": field is immutable'],
    );
  });
});
