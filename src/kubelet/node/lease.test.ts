import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../client/api-error.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { nextLease, runNodeLease } from './lease.js';

test('nextLease: new lease shape', () => {
  const l = nextLease(undefined, { name: 'n1', uid: 'u1' }, new Date(Date.UTC(2024, 0, 1)));
  assert.deepEqual(l, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: 'n1',
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u1' }],
    },
    spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' },
  });
});

test('nextLease: renewal moves renewTime and follows a re-registered node', () => {
  const first = nextLease(undefined, { name: 'n1', uid: 'u1' }, new Date(Date.UTC(2024, 0, 1)));
  const next = nextLease(
    { ...first, metadata: { ...first.metadata, resourceVersion: '7' } },
    { name: 'n1', uid: 'u2' },
    new Date(Date.UTC(2024, 0, 1, 0, 0, 10)),
  );
  assert.equal(next.spec!.renewTime, '2024-01-01T00:00:10.000000Z');
  assert.equal(next.metadata.resourceVersion, '7');
  assert.deepEqual(next.metadata.ownerReferences, [
    { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u2' },
  ]);
});

/** Just enough of a RestClient for leases: an in-memory map with 404s and resourceVersions. */
function fakeLeaseClient() {
  const store = new Map<string, Lease>();
  let rv = 0;
  const notFound = () =>
    new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      code: 404,
      reason: 'NotFound',
      message: 'nf',
    });
  const client = {
    writes: 0,
    async get(_r: unknown, name: string) {
      const l = store.get(name);
      if (!l) throw notFound();
      return structuredClone(l);
    },
    async create(_r: unknown, l: Lease) {
      client.writes++;
      store.set(l.metadata.name!, { ...l, metadata: { ...l.metadata, resourceVersion: String(++rv) } });
      return store.get(l.metadata.name!);
    },
    async update(_r: unknown, l: Lease) {
      const cur = store.get(l.metadata.name!);
      if (!cur) throw notFound();
      if (cur.metadata.resourceVersion !== l.metadata.resourceVersion) throw new Error('conflict');
      client.writes++;
      store.set(l.metadata.name!, { ...l, metadata: { ...l.metadata, resourceVersion: String(++rv) } });
      return store.get(l.metadata.name!);
    },
  };
  return { client, store };
}

const settle = () => new Promise((r) => setImmediate(r));

test('runNodeLease: waits for registration, creates, then renews every 10 s', async () => {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const { client, store } = fakeLeaseClient();
  const state: { node?: { name: string; uid: string } } = {};
  const stop = new AbortController();
  const done = runNodeLease(
    { client: client as unknown as RestClient, clock, log: silentLogger, node: () => state.node },
    stop.signal,
  );
  await settle();
  clock.advance(100);
  await settle();
  assert.equal(store.size, 0, 'no lease before the node is registered');
  state.node = { name: 'n1', uid: 'u1' };
  clock.advance(50);
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(store.get('n1')!.spec!.renewTime, '2024-01-01T00:00:00.150000Z');
  clock.advance(9_999);
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(client.writes, 1);
  clock.advance(1);
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(client.writes, 2);
  assert.equal(store.get('n1')!.spec!.renewTime, '2024-01-01T00:00:10.150000Z');
  // Deleted (e.g. by the garbage collector with its Node): created again on the next renewal.
  store.clear();
  clock.advance(10_000);
  for (let i = 0; i < 5; i++) await settle();
  assert.equal(store.get('n1')!.spec!.holderIdentity, 'n1');
  stop.abort();
  await done;
});
