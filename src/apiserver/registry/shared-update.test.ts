import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { definition as pods } from '../../api/core/pods/index.js';
import type { KubeObject } from '../../machinery/meta.js';
import { openMemoryStore } from '../../storage/memory/store.js';
import { WatchCache } from '../watch-cache/cache.js';
import type { RequestContext } from './context.js';
import { GenericStore } from './generic-store.js';

// Writes that share the stored object's parts (status, binding) must not default or change them:
// here the stored pod lacks a default a newer version would add (the test runner freezes cached
// objects, so a write into a shared part fails).
const store = openMemoryStore();
const cache = new WatchCache({ store });
const gs = new GenericStore(pods, { store, cache, storeFor: () => undefined });
after(async () => {
  cache.stop();
  await store.close();
});

const ctx = (subresource?: string): RequestContext => ({
  user: { name: 'test', groups: [] },
  dryRun: false,
  fieldManager: 'test',
  now: new Date('2026-01-01T00:00:00Z'),
  warnings: [],
  subresource,
});

test('a status write and a binding keep the stored spec as it is, defaults and all', async () => {
  const stored = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'old', namespace: 'default', uid: 'u1', creationTimestamp: '2025-01-01T00:00:00Z' },
    // No dnsPolicy: as a pod stored before that default existed.
    spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Always' },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  await store.create(gs.key('default', 'old'), JSON.stringify(stored));
  await cache.start();
  const withStatus = await gs.update(
    ctx('status'),
    'default',
    'old',
    (cur) => ({ ...cur!, metadata: { ...cur!.metadata }, status: { phase: 'Running' } }) as KubeObject,
    { sharedCurrent: true, retryOnConflict: true },
  );
  const spec = (withStatus.object as any).spec;
  assert.equal(spec.dnsPolicy, undefined, 'the spec is not defaulted through status');
  assert.equal((withStatus.object as any).status.qosClass, 'BestEffort', 'the status defaults still apply');
  const bound = await gs.update(
    ctx('binding'),
    'default',
    'old',
    (cur) => ({ ...cur!, spec: { ...(cur as any).spec, nodeName: 'n1' } }) as KubeObject,
    { sharedCurrent: true, untracked: true },
  );
  assert.equal((bound.object as any).spec.nodeName, 'n1');
  assert.equal((bound.object as any).spec.dnsPolicy, undefined, 'a binding defaults nothing');
  const got = await gs.get('default', 'old');
  assert.equal((got as any).spec.dnsPolicy, undefined);
  assert.equal((got as any).status.phase, 'Running');
});
