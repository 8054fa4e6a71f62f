import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planImageGC, runImageGC, type GCImage, type ImageGCStore } from './image-gc.js';

const MIN = 60_000;
const NOW = 100 * MIN;
const GB = 1_000_000_000;

function img(id: string, size: number, lastUsedMinAgo: number, firstMinAgo = 60): GCImage {
  return { id, size, lastUsed: NOW - lastUsedMinAgo * MIN, firstDetected: NOW - firstMinAgo * MIN };
}

test('below the high threshold nothing is removed', () => {
  const plan = planImageGC({
    capacityBytes: 100 * GB,
    availableBytes: 16 * GB, // 84 % used
    images: [img('a', GB, 30)],
    inUse: new Set(),
    now: NOW,
  });
  assert.equal(plan.usagePercent, 84);
  assert.equal(plan.amountToFree, 0);
  assert.deepEqual(plan.remove, []);
  assert.equal(plan.error, undefined);
});

test('at the high threshold frees down to the low one, least recently used first', () => {
  const plan = planImageGC({
    capacityBytes: 100 * GB,
    availableBytes: 15 * GB, // 85 % used: free 5 GB to reach 80 %
    images: [
      img('new', 3 * GB, 10),
      img('old', 2 * GB, 50),
      img('mid', 2 * GB, 30),
      img('older', 1 * GB, 50, 90),
    ],
    inUse: new Set(),
    now: NOW,
  });
  assert.equal(plan.usagePercent, 85);
  assert.equal(plan.amountToFree, 5 * GB);
  // Same lastUsed: the one detected first goes first.
  assert.deepEqual(
    plan.candidates.map((i) => i.id),
    ['older', 'old', 'mid', 'new'],
  );
  assert.deepEqual(
    plan.remove.map((i) => i.id),
    ['older', 'old', 'mid'],
  );
  assert.equal(plan.error, undefined);
});

test('images in use and ones first seen within the minimum age are kept; shortfall is reported', () => {
  const plan = planImageGC({
    capacityBytes: 100 * GB,
    availableBytes: 5 * GB, // 95 %: free 15 GB
    images: [
      img('used', 10 * GB, 60),
      img('just-pulled', 10 * GB, 5, 1),
      img('recently-used', 10 * GB, 1, 60),
      img('idle', 4 * GB, 60),
      img('used-now', 10 * GB, 0),
    ],
    inUse: new Set(['used']),
    now: NOW,
  });
  // As upstream, a recent last use does not protect an image no container uses any more.
  assert.deepEqual(
    plan.remove.map((i) => i.id),
    ['idle', 'recently-used'],
  );
  assert.equal(
    plan.error,
    `Failed to garbage collect required amount of images. Attempted to free ${15 * GB} bytes, but only found ${14 * GB} bytes eligible to free.`,
  );
});

test('a custom policy and an unusable capacity', () => {
  const plan = planImageGC({
    capacityBytes: 1000,
    availableBytes: 400, // 60 %
    images: [img('a', 100, 3), img('b', 100, 3)],
    inUse: new Set(),
    now: NOW,
    policy: { highThresholdPercent: 50, lowThresholdPercent: 45, minAgeMs: MIN },
  });
  assert.equal(plan.amountToFree, 150);
  assert.equal(plan.remove.length, 2);
  assert.equal(
    planImageGC({ capacityBytes: 0, availableBytes: 0, images: [], inUse: new Set(), now: NOW }).error,
    'invalid capacity 0 on image filesystem',
  );
});

test('runImageGC removes in order, skips failed removals, stops once enough is freed', async () => {
  const removed: string[] = [];
  const store: ImageGCStore = {
    usage: async () => ({ capacityBytes: 100 * GB, availableBytes: 10 * GB }), // free 10 GB
    listImages: async () => [
      { id: 'a', size: 4 * GB, lastUsed: NOW - 50 * MIN, createdAt: NOW - 60 * MIN },
      { id: 'broken', size: 4 * GB, lastUsed: NOW - 40 * MIN, createdAt: NOW - 60 * MIN },
      { id: 'b', size: 4 * GB, lastUsed: NOW - 30 * MIN, createdAt: NOW - 60 * MIN },
      { id: 'c', size: 4 * GB, lastUsed: NOW - 20 * MIN, createdAt: NOW - 60 * MIN },
      { id: 'd', size: 4 * GB, lastUsed: NOW - 10 * MIN, createdAt: NOW - 60 * MIN },
      { id: 'in-use', size: 40 * GB, lastUsed: NOW - 90 * MIN, createdAt: NOW - 90 * MIN },
    ],
    removeImage: async (id) => {
      if (id === 'broken') throw new Error('busy');
      removed.push(id);
    },
  };
  const r = await runImageGC(store, new Set(['in-use']), NOW);
  assert.deepEqual(removed, ['a', 'b', 'c']);
  assert.deepEqual(r.removed, ['a', 'b', 'c']);
  assert.equal(r.freedBytes, 12 * GB);
  assert.equal(r.error, undefined);
  assert.equal(
    r.removalError,
    `wanted to free ${10 * GB} bytes, but freed ${12 * GB} bytes space with errors in image deletion: failed to remove image "broken": busy`,
  );
});

test('runImageGC reports a shortfall only when every removal worked', async () => {
  const store = (fail: boolean): ImageGCStore => ({
    usage: async () => ({ capacityBytes: 100 * GB, availableBytes: 10 * GB }), // free 10 GB
    listImages: async () => [{ id: 'a', size: GB, lastUsed: NOW - 50 * MIN, createdAt: NOW - 60 * MIN }],
    removeImage: async () => {
      if (fail) throw new Error('busy');
    },
  });
  const ok = await runImageGC(store(false), new Set(), NOW);
  assert.deepEqual([ok.removed, ok.removalError], [['a'], undefined]);
  assert.match(ok.error ?? '', /Attempted to free 10000000000 bytes, but only found 1000000000 bytes/);
  const failed = await runImageGC(store(true), new Set(), NOW);
  assert.deepEqual([failed.removed, failed.error], [[], undefined]);
  assert.match(failed.removalError ?? '', /freed 0 bytes space with errors in image deletion/);
});
