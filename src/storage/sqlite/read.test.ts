import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prefixEnd } from './read.js';

describe('prefixEnd', () => {
  it('bumps the last character', () => {
    assert.equal(prefixEnd('/registry/pods/'), '/registry/pods0');
    assert.equal(prefixEnd('a'), 'b');
  });

  it('bounds exactly the keys that start with the prefix', () => {
    const prefix = '/registry/pods/';
    const end = prefixEnd(prefix);
    for (const k of ['/registry/pods/a', '/registry/pods/~~~', `/registry/pods/${'\uffff'}`])
      assert.ok(k < end, k);
    for (const k of ['/registry/pods0', '/registry/podsx/a', '/registry/pods1']) assert.ok(k >= end, k);
  });

  it('carries past characters that cannot be bumped', () => {
    assert.equal(prefixEnd('a\uffff'), 'b');
    assert.equal(prefixEnd('a\u{1F600}'), 'b');
    assert.equal(prefixEnd(''), '\u{10FFFF}');
    assert.equal(prefixEnd('\uffff'), '\u{10FFFF}');
  });
});
