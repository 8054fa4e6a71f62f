/** @module runtime/sim/images.test — reference normalization and the in-memory image store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../util/clock.js';
import { normalizeImageRef, SimImageService } from './images.js';
import { TimerQueue } from './timer-queue.js';

describe('normalizeImageRef', () => {
  it('qualifies names as the container tooling does', () => {
    assert.equal(normalizeImageRef('nginx'), 'docker.io/library/nginx:latest');
    assert.equal(normalizeImageRef('nginx:1.27'), 'docker.io/library/nginx:1.27');
    assert.equal(normalizeImageRef('bitnami/redis'), 'docker.io/bitnami/redis:latest');
    assert.equal(normalizeImageRef('quay.io/x/y:v1'), 'quay.io/x/y:v1');
    assert.equal(normalizeImageRef('localhost:5000/app'), 'localhost:5000/app:latest');
    assert.equal(normalizeImageRef('localhost/app:2'), 'localhost/app:2');
    assert.equal(
      normalizeImageRef(`nginx@sha256:${'a'.repeat(64)}`),
      `docker.io/library/nginx@sha256:${'a'.repeat(64)}`,
    );
  });
});

describe('SimImageService', () => {
  const make = () => {
    const clock = new FakeClock();
    const q = new TimerQueue(clock);
    return new SimImageService({
      queue: q,
      nowMs: () => clock.nowMs(),
      pullDelayMs: 0,
      failImages: [],
      scriptedFailure: () => false,
    });
  };

  it('finds an image by name, ID and digest reference, with stable IDs', async () => {
    const a = make();
    const { ref } = await a.pullImage('nginx:1.27');
    const s = await a.imageStatus('nginx:1.27');
    assert.ok(s);
    assert.equal(ref, s.id);
    assert.deepEqual(s.repoTags, ['docker.io/library/nginx:1.27']);
    assert.match(s.repoDigests[0]!, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.equal((await a.imageStatus(s.repoDigests[0]!))?.id, s.id);
    assert.equal((await make().pullImage('nginx:1.27')).ref, ref, 'same ID in another runtime');
    assert.notEqual((await a.pullImage('nginx:1.26')).ref, ref);
    assert.equal((await a.listImages()).length, 2);
    await a.removeImage(s.id);
    assert.equal(await a.imageStatus('nginx:1.27'), undefined);
    assert.equal((await a.listImages()).length, 1);
  });
});
