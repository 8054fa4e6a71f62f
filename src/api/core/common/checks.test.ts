import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldPath } from '../../../machinery/field-errors.js';
import {
  deepEqual,
  selectorMatches,
  validateLabelSelector,
  validateNonSpecialIP,
  validatePortNumOrName,
} from './checks.js';
import { goLabelSelector, goStringMap, goStringSlice } from './go-value.js';
import { validateMeta } from './meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation/names.js';

const f = FieldPath.root('x');

describe('go value rendering', () => {
  it('prints slices, maps and selectors like Go', () => {
    assert.equal(goStringSlice(['a', 'b']), '[]string{"a", "b"}');
    assert.equal(goStringSlice(undefined), '[]string(nil)');
    assert.equal(goStringMap({ b: '2', a: '1' }), 'map[string]string{"a":"1", "b":"2"}');
    assert.equal(
      goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }),
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"v"}}}}',
    );
  });
});

describe('shared checks', () => {
  it('compares JSON values structurally', () => {
    assert.equal(deepEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] }), true);
    assert.equal(deepEqual({ a: [1] }, { a: [1, 2] }), false);
  });

  it('validates selector requirements', () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Near' },
        ],
      },
      f,
    ).map(String);
    assert.deepEqual(errs, [
      "x.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "x.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'x.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    ]);
    assert.equal(selectorMatches({ matchLabels: { a: '1' } }, { a: '1', b: '2' }), true);
    assert.equal(selectorMatches(undefined, { a: '1' }), false);
    assert.equal(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Near' }] }, {}), undefined);
  });

  it('checks port numbers and names', () => {
    assert.deepEqual(validatePortNumOrName('http', f), []);
    assert.deepEqual(validatePortNumOrName(0, f).map(String), [
      'x: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    assert.deepEqual(validatePortNumOrName('80', f).map(String), [
      'x: Invalid value: "80": must contain at least one letter (a-z)',
    ]);
  });

  it('rejects special IPs', () => {
    assert.deepEqual(validateNonSpecialIP('10.0.0.1', f), []);
    assert.deepEqual(validateNonSpecialIP('0.0.0.0', f).map(String), [
      'x: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
    ]);
    assert.deepEqual(validateNonSpecialIP('224.0.0.1', f).map(String), [
      'x: Invalid value: "224.0.0.1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    ]);
    assert.deepEqual(validateNonSpecialIP('::1', f).map(String), [
      'x: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });

  it('rejects non-standard unqualified finalizers in metadata', () => {
    const meta = { name: 'a', namespace: 'default', finalizers: ['kubernetes', 'example.com/x', 'mine'] };
    assert.deepEqual(validateMeta(meta, true, nameIsDNSSubdomain).map(String), [
      'metadata.finalizers[2]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
