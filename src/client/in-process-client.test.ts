import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/meta.js';
import { ApiError } from './api-error.js';
import { inProcessTransport } from './in-process-transport.js';
import { R } from './resources.js';
import { RestClient } from './rest-client.js';
import { eventually, startTestCluster, type TestCluster } from './testing/test-cluster.js';

// The in-process transport against the real API server: same answers as over HTTPS.
let tc: TestCluster;
let local: RestClient;
const NS = 'in-process-test';

before(async () => {
  tc = await startTestCluster();
  local = tc.server.localClient('in-process-test');
  await local.create(R.namespaces, { metadata: { name: NS } });
});
after(async () => {
  await tc?.close();
});

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NS },
  data,
});

test('objects written in process are the ones HTTPS clients read, and the other way round', async () => {
  const created = await local.create(R.configmaps, cm('one', { a: '1' }));
  assert.ok(created.metadata.uid);
  assert.equal(created.kind, 'ConfigMap');
  const viaHttps = await tc.client.get(R.configmaps, 'one', NS);
  assert.deepEqual(viaHttps, created);
  await tc.client.patch(R.configmaps, 'one', { data: { a: '2' } }, 'merge', { namespace: NS });
  const got = await local.get(R.configmaps, 'one', NS);
  assert.deepEqual(got.data, { a: '2' });
  await assert.rejects(
    local.update(R.configmaps, { ...created, data: { a: '3' } }),
    (e: unknown) => ApiError.is(e) && e.code === 409 && e.reason === 'Conflict',
  );
  const list = await local.list(R.configmaps, { namespace: NS });
  assert.deepEqual(
    list.items.map((i) => i.metadata.name),
    ['kube-root-ca.crt', 'one'],
    "the root CA publisher's ConfigMap and the test's",
  );
});

test('errors are the server Status: 404, 422, and 401 for a wrong token', async () => {
  await assert.rejects(local.get(R.configmaps, 'missing', NS), (e: unknown) => {
    assert.ok(ApiError.is(e));
    assert.equal(e.code, 404);
    assert.equal(e.message, 'configmaps "missing" not found');
    return true;
  });
  await assert.rejects(
    local.create(R.configmaps, cm('Bad_Name')),
    (e: unknown) => ApiError.is(e) && e.code === 422 && e.reason === 'Invalid',
  );
  const router = tc.server.api.router;
  const stranger = new RestClient(
    { server: 'in-process', token: 'wrong' },
    inProcessTransport(router.handle.bind(router)),
  );
  await assert.rejects(
    stranger.get(R.configmaps, 'one', NS),
    (e: unknown) => ApiError.is(e) && e.code === 401 && e.reason === 'Unauthorized',
  );
});

test('a watch streams live events and, when aborted, leaves no watcher behind on the server', async () => {
  const api = tc.server.api;
  const rc = api.cache.resource(api.store('', 'configmaps').prefix);
  const watchers = {
    get size() {
      return rc.allWatchers().length;
    },
  };
  const before = watchers.size;
  const rv = (await local.list(R.configmaps, { namespace: NS })).metadata.resourceVersion;
  const ac = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const ev of local.watch(R.configmaps, {
      namespace: NS,
      resourceVersion: rv,
      signal: ac.signal,
    }))
      seen.push(`${ev.type} ${ev.object.metadata.name}`);
  })();
  await eventually(() => watchers.size === before + 1, 5000, 'watch registered');
  await tc.client.create(R.configmaps, cm('w'));
  await tc.client.delete(R.configmaps, 'w', { namespace: NS });
  await eventually(() => seen.length === 2, 5000, 'two events');
  ac.abort();
  await reading;
  assert.deepEqual(seen, ['ADDED w', 'DELETED w']);
  assert.equal(watchers.size, before);
});
