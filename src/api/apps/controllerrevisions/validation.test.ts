import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCreate, validateUpdate } from './validation.js';

describe('controllerrevision', () => {
  it('requires data and keeps it fixed', () => {
    const meta = { name: 'web-1', namespace: 'default', resourceVersion: '1' };
    assert.deepEqual(validateCreate({ metadata: meta, revision: 1 }).map(String), [
      'data: Required value: data is mandatory',
    ]);
    const old = { metadata: meta, revision: 1, data: { spec: { a: 1 } } };
    assert.deepEqual(validateUpdate({ ...old }, old), []);
    assert.deepEqual(validateUpdate({ ...old, data: { spec: { a: 2 } } }, old).map(String), [
      'data: Invalid value: {"spec":{"a":2}}: field is immutable',
    ]);
  });
});
