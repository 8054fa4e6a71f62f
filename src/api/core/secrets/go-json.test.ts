import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJSONObjectError } from './go-json.js';

describe('goJSONObjectError', () => {
  it('accepts objects and null', () => {
    assert.equal(goJSONObjectError('{"auths": {"r": {"auth": "eA=="}}, "n": [1, -2.5e3, true]}'), undefined);
    assert.equal(goJSONObjectError('null'), undefined);
  });

  it('words scanner errors as Go does', () => {
    assert.equal(goJSONObjectError(''), 'unexpected end of JSON input');
    assert.equal(goJSONObjectError('{"a":'), 'unexpected end of JSON input');
    assert.equal(goJSONObjectError('x'), "invalid character 'x' looking for beginning of value");
    assert.equal(goJSONObjectError('nope'), "invalid character 'o' in literal null (expecting 'u')");
    assert.equal(
      goJSONObjectError('{a:1}'),
      "invalid character 'a' looking for beginning of object key string",
    );
    assert.equal(goJSONObjectError('{"a" 1}'), "invalid character '1' after object key");
    assert.equal(goJSONObjectError('{} x'), "invalid character 'x' after top-level value");
  });

  it('rejects non-objects with the unmarshal message', () => {
    assert.equal(
      goJSONObjectError('[1]'),
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    assert.equal(
      goJSONObjectError('"s"'),
      'json: cannot unmarshal string into Go value of type map[string]interface {}',
    );
  });
});
