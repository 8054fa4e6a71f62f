import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  QUANTITY_ERRORS,
} from './quantity.js';

test('canonical forms match what the apiserver writes back', () => {
  const cases: [string, string][] = [
    ['1000m', '1'],
    ['0.5', '500m'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['100m', '100m'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1.5e3', '1500'],
    ['12e5', '1200e3'],
    ['1e-3', '1e-3'],
    ['0', '0'],
    ['0Gi', '0'],
    ['512', '512'],
    ['100Ki', '100Ki'],
    ['1023Ki', '1023Ki'],
    ['0.5Ki', '512'],
    ['1k', '1k'],
    ['1M', '1M'],
    ['1E', '1E'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['+1', '1'],
    ['-100m', '-100m'],
    ['0.1n', '1n'],
    ['1u', '1u'],
    ['.5', '500m'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, input);
});

test('bad quantities report upstream errors', () => {
  assert.throws(() => parseQuantity('abc'), { message: QUANTITY_ERRORS.formatWrong });
  assert.throws(() => parseQuantity(''), { message: QUANTITY_ERRORS.formatWrong });
  assert.throws(() => parseQuantity('1.2.3'), { message: QUANTITY_ERRORS.numeric });
  assert.throws(() => parseQuantity('1K'), { message: QUANTITY_ERRORS.suffix });
  assert.throws(() => parseQuantity('1Kii'), { message: QUANTITY_ERRORS.suffix });
  assert.equal(canonicalQuantity('junk'), 'junk');
});

test('comparison and arithmetic across formats', () => {
  assert.equal(compareQuantities(parseQuantity('1Gi'), parseQuantity('1024Mi')), 0);
  assert.equal(compareQuantities(parseQuantity('1G'), parseQuantity('1Gi')), -1);
  assert.equal(compareQuantities(parseQuantity('2'), parseQuantity('1500m')), 1);
  assert.equal(formatQuantity(addQuantities(parseQuantity('500m'), parseQuantity('1.5'))), '2');
  assert.equal(formatQuantity(addQuantities(parseQuantity('512Mi'), parseQuantity('512Mi'))), '1Gi');
});

test('value and milli value round up', () => {
  assert.equal(quantityMilliValue(parseQuantity('1.5')), 1500);
  assert.equal(quantityMilliValue(parseQuantity('1n')), 1);
  assert.equal(quantityValue(parseQuantity('100m')), 1);
  assert.equal(quantityValue(parseQuantity('1Gi')), 1073741824);
});
