import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeImages } from './node-images.js';

const image = (n: number, size: number, tags = 1) => ({
  id: `sha256:${n}`,
  repoDigests: [`docker.io/library/i${n}@sha256:${n}`],
  repoTags: Array.from({ length: tags }, (_, t) => `docker.io/library/i${n}:t${t}`),
  size,
});

test('node images: largest first, at most 50, digests then tags, at most 5 names', () => {
  const out = nodeImages([image(1, 10), image(2, 30, 7), image(3, 20)])!;
  assert.deepEqual(
    out.map((i) => i.sizeBytes),
    [30, 20, 10],
  );
  assert.deepEqual(out[0].names, [
    'docker.io/library/i2@sha256:2',
    'docker.io/library/i2:t0',
    'docker.io/library/i2:t1',
    'docker.io/library/i2:t2',
    'docker.io/library/i2:t3',
  ]);
  assert.equal(nodeImages(Array.from({ length: 60 }, (_, i) => image(i, i)))!.length, 50);
});
