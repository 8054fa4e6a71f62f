import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/meta.js';
import { ApiError, isConflict, isNotFound } from './api-error.js';
import { Informer } from './informer.js';
import { R } from './resources.js';
import { eventually, startTestCluster, type TestCluster } from './testing/test-cluster.js';
import type { WatchEvent } from './watch-stream.js';

let tc: TestCluster;
const NS = 'client-test';

before(async () => {
  tc = await startTestCluster();
  await tc.client.create(R.namespaces, { metadata: { name: NS } });
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

test('create, get, list, update and delete round-trip over HTTPS', async () => {
  const c = tc.client;
  const created = await c.create(R.configmaps, cm('one', { a: '1' }));
  assert.ok(created.metadata.uid);
  const got = await c.get(R.configmaps, 'one', NS);
  assert.deepEqual(got.data, { a: '1' });
  const list = await c.list(R.configmaps, { namespace: NS });
  assert.ok(list.items.some((i) => i.metadata.name === 'one'));
  assert.ok(list.metadata.resourceVersion);
  const updated = await c.update(R.configmaps, { ...got, data: { a: '2' } });
  assert.notEqual(updated.metadata.resourceVersion, got.metadata.resourceVersion);
  await assert.rejects(
    c.update(R.configmaps, { ...got, data: { a: '3' } }),
    (e) => isConflict(e) && (e as ApiError).code === 409,
  );
  await c.delete(R.configmaps, 'one', { namespace: NS });
  await assert.rejects(c.get(R.configmaps, 'one', NS), (e: unknown) => {
    assert.ok(ApiError.is(e));
    assert.equal(e.code, 404);
    assert.equal(e.reason, 'NotFound');
    assert.equal(e.message, 'configmaps "one" not found');
    return true;
  });
});

test('the four patch types', async () => {
  const c = tc.client;
  await c.create(R.configmaps, cm('patched', { a: '1' }));
  let o = await c.patch(R.configmaps, 'patched', { data: { b: '2' } }, 'merge', { namespace: NS });
  assert.deepEqual(o.data, { a: '1', b: '2' });
  o = await c.patch(R.configmaps, 'patched', { data: { c: '3' } }, 'strategic', { namespace: NS });
  assert.deepEqual(o.data, { a: '1', b: '2', c: '3' });
  o = await c.patch(R.configmaps, 'patched', [{ op: 'remove', path: '/data/a' }], 'json', { namespace: NS });
  assert.deepEqual(o.data, { b: '2', c: '3' });
  o = await c.patch(
    R.configmaps,
    'patched',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'patched' }, data: { d: '4' } },
    'apply',
    {
      namespace: NS,
      fieldManager: 'test',
    },
  );
  assert.equal((o.data as Record<string, string>).d, '4');
});

test('deleteCollection removes what the selector matches', async () => {
  const c = tc.client;
  for (const n of ['x1', 'x2'])
    await c.create(R.configmaps, { ...cm(n), metadata: { name: n, namespace: NS, labels: { set: 'x' } } });
  await c.create(R.configmaps, cm('keep'));
  await c.deleteCollection(R.configmaps, { namespace: NS, labelSelector: 'set=x' });
  const names = (await c.list(R.configmaps, { namespace: NS })).items.map((i) => i.metadata.name);
  assert.ok(names.includes('keep'));
  assert.ok(!names.includes('x1') && !names.includes('x2'));
});

test('watch streams events from a resourceVersion and ends on abort', async () => {
  const c = tc.client;
  const rv = (await c.list(R.configmaps, { namespace: NS })).metadata.resourceVersion;
  const ac = new AbortController();
  const seen: WatchEvent[] = [];
  const reading = (async () => {
    for await (const ev of c.watch(R.configmaps, { namespace: NS, resourceVersion: rv, signal: ac.signal })) {
      seen.push(ev);
      if (seen.length === 3) ac.abort();
    }
  })();
  await c.create(R.configmaps, cm('w'));
  await c.patch(R.configmaps, 'w', { data: { k: 'v' } }, 'merge', { namespace: NS });
  await c.delete(R.configmaps, 'w', { namespace: NS });
  await reading;
  assert.deepEqual(
    seen.map((e) => `${e.type} ${e.object.metadata.name}`),
    ['ADDED w', 'MODIFIED w', 'DELETED w'],
  );
});

test('errors from the server carry its Status; a refused connection is code 0', async () => {
  await assert.rejects(
    tc.client.create(R.configmaps, cm('Bad_Name')),
    (e: unknown) => ApiError.is(e) && e.code === 422 && e.reason === 'Invalid',
  );
  const { RestClient } = await import('./rest-client.js');
  const dead = new RestClient({ server: 'http://127.0.0.1:1' });
  await assert.rejects(dead.get(R.configmaps, 'x', NS), (e: unknown) => ApiError.is(e) && e.code === 0);
  dead.close();
  assert.ok(isNotFound(ApiError.fromResponse(404, '')));
});

test('an informer sees adds, updates and deletes', async () => {
  const inf = new Informer(tc.client, R.configmaps, { namespace: NS, labelSelector: 'inf=yes' });
  const log: string[] = [];
  inf.on({
    add: (o) => log.push(`add ${o.metadata.name}`),
    update: (_o, n) => log.push(`update ${n.metadata.name} ${JSON.stringify(n.data ?? {})}`),
    delete: (o) => log.push(`delete ${o.metadata.name}`),
  });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.hasSynced();
  const labelled = { ...cm('i1'), metadata: { name: 'i1', namespace: NS, labels: { inf: 'yes' } } };
  await tc.client.create(R.configmaps, labelled);
  await eventually(() => inf.lister.get(NS, 'i1'), 5000, 'informer add');
  await tc.client.patch(R.configmaps, 'i1', { data: { x: '1' } }, 'merge', { namespace: NS });
  await eventually(() => log.includes('update i1 {"x":"1"}'), 5000, 'informer update');
  await tc.client.delete(R.configmaps, 'i1', { namespace: NS });
  await eventually(() => !inf.lister.get(NS, 'i1'), 5000, 'informer delete');
  assert.deepEqual(log, ['add i1', 'update i1 {"x":"1"}', 'delete i1']);
  ac.abort();
  await run;
});

test('the event recorder writes an Event the server accepts and folds repeats into it', async () => {
  const { EventRecorder, EVENTS } = await import('./events.js');
  const errors: unknown[] = [];
  const rec = new EventRecorder(tc.client, { component: 'test-controller', onError: (e) => errors.push(e) });
  const target = await tc.client.create(R.configmaps, cm('evented'));
  const obj = { ...target, apiVersion: 'v1', kind: 'ConfigMap' };
  await rec.event(obj, 'Normal', 'Synced', 'synced it');
  await rec.event(obj, 'Normal', 'Synced', 'synced it');
  assert.deepEqual(errors, []);
  const events = (
    await tc.client.list(EVENTS, { namespace: NS, fieldSelector: 'involvedObject.name=evented' })
  ).items as any[];
  assert.equal(events.length, 1);
  assert.equal(events[0].count, 2);
  assert.equal(events[0].reason, 'Synced');
  assert.equal(events[0].source.component, 'test-controller');
  assert.equal(events[0].involvedObject.uid, target.metadata.uid);
});
