import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mounter } from './mounter.js';
import { unmountPodVolumes } from './reset.js';

describe('unmountPodVolumes', () => {
  it("unmounts only the volume manager's tmpfs mounts under <root>/pods", async () => {
    const mounted = new Set([
      '/k/pods/u1/volumes/kubernetes.io~empty-dir/mem',
      '/k/pods/u1/volumes/kubernetes.io~projected/kube-api-access-x',
      '/k/pods/u2/volumes/kubernetes.io~secret/s',
      '/k/pods/u2/volumes/kubernetes.io~configmap/c',
      '/k/pods/u2/volumes/kubernetes.io~empty-dir/mem/nested',
      '/k/other',
    ]);
    const mounter: Mounter = {
      mountTmpfs: async () => {},
      unmount: async (d) => void mounted.delete(d),
      mountsUnder: async (d) =>
        [...mounted].filter((p) => p.startsWith(`${d}/`)).sort((a, b) => b.length - a.length),
    };
    const done = await unmountPodVolumes('/k', mounter);
    assert.deepEqual(done.sort(), [
      '/k/pods/u1/volumes/kubernetes.io~empty-dir/mem',
      '/k/pods/u1/volumes/kubernetes.io~projected/kube-api-access-x',
      '/k/pods/u2/volumes/kubernetes.io~secret/s',
    ]);
    assert.deepEqual([...mounted].sort(), [
      '/k/other',
      '/k/pods/u2/volumes/kubernetes.io~configmap/c',
      '/k/pods/u2/volumes/kubernetes.io~empty-dir/mem/nested',
    ]);
  });
});
