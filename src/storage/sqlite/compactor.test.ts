import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactionBatches } from './compactor.js';

describe('compactionBatches', () => {
  it('splits the range into bounded (lo, hi] steps ending at the target', () => {
    assert.deepEqual(compactionBatches(0, 25, 10), [
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    assert.deepEqual(compactionBatches(7, 8, 10), [[7, 8]]);
  });

  it('is empty when there is nothing new to compact', () => {
    assert.deepEqual(compactionBatches(5, 5), []);
    assert.deepEqual(compactionBatches(9, 5), []);
  });
});
