import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatus } from '../../runtime/interface.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { imageGCPass } from './image-gc-loop.js';

const MB = 1 << 20;

function fixture(availableBytes: number) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const old = clock.nowMs() - 3_600_000;
  const images = [
    {
      id: 'sha256:used',
      size: 10 * MB,
      lastUsed: old,
      createdAt: old,
      refs: ['docker.io/library/nginx@sha256:u'],
    },
    { id: 'sha256:idle-old', size: 10 * MB, lastUsed: old - 1000, createdAt: old, refs: [] },
    { id: 'sha256:idle-new', size: 10 * MB, lastUsed: old, createdAt: old, refs: [] },
  ];
  const removed: string[] = [];
  const warnings: string[] = [];
  const container = { imageRef: 'docker.io/library/nginx@sha256:u', image: 'nginx' } as ContainerStatus;
  return {
    removed,
    warnings,
    deps: {
      store: {
        usage: async () => ({ capacityBytes: 100 * MB, availableBytes }),
        listImages: async () => images.filter((i) => !removed.includes(i.id)),
        removeImage: async (id: string) => void removed.push(id),
        resolve: async (ref: string) => images.find((i) => i.refs.includes(ref)),
      },
      runtime: { listContainers: async () => [container] },
      clock,
      log: silentLogger,
      warn: (reason: string, message: string) => warnings.push(`${reason}: ${message}`),
    },
  };
}

test('below the high threshold nothing is removed', async () => {
  const f = fixture(50 * MB);
  await imageGCPass(f.deps);
  assert.deepEqual(f.removed, []);
  assert.deepEqual(f.warnings, []);
});

test("above it, unused images go least recently used first; a container's image stays", async () => {
  const f = fixture(12 * MB); // 88% used: free down to 80% = 8 MiB
  const r = await imageGCPass(f.deps);
  assert.deepEqual(f.removed, ['sha256:idle-old']);
  assert.equal(r.freedBytes, 10 * MB);
  assert.deepEqual(f.warnings, []);
});

test('when not enough can be freed the node gets FreeDiskSpaceFailed', async () => {
  const f = fixture(0);
  // Full: 40 MiB to free to reach 80%, but the unused images hold only 20 MiB (the used one stays).
  f.deps.store.usage = async () => ({ capacityBytes: 200 * MB, availableBytes: 0 });
  await imageGCPass(f.deps);
  assert.deepEqual(f.removed.sort(), ['sha256:idle-new', 'sha256:idle-old']);
  assert.equal(f.warnings.length, 1);
  assert.match(f.warnings[0], /^FreeDiskSpaceFailed: Failed to garbage collect required amount of images/);
});
