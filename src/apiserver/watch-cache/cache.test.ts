import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../machinery/meta.js';
import {
  CachedObject,
  ResourceCache,
  withResourceVersion,
  type CacheEvent,
  type CacheWatcher,
} from './cache.js';

const pod = (name: string, node: string | undefined, rev: number) =>
  new CachedObject(`/registry/core/pods/ns/${name}`, rev, {
    metadata: { name, namespace: 'ns', resourceVersion: String(rev) },
    spec: node === undefined ? {} : { nodeName: node },
  } as KubeObject);

function recorder(): CacheWatcher & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    onEvent: (e) => seen.push(`${e.type} ${e.object.obj.metadata.name}@${e.rev}`),
    onClose() {},
  };
}

function cacheByNode(): ResourceCache {
  const rc = new ResourceCache('/registry/core/pods/');
  rc.setWatchIndex((o) => ((o as { spec?: { nodeName?: string } }).spec?.nodeName ?? '') || undefined);
  return rc;
}

const ev = (type: CacheEvent['type'], object: CachedObject, prev?: CachedObject): CacheEvent => ({
  type,
  rev: object.rev,
  object,
  prev,
  at: 0,
});

test('indexed watchers are woken only by objects with their value, before or after the change', () => {
  const rc = cacheByNode();
  const all = recorder();
  const a = recorder();
  const b = recorder();
  rc.addWatcher(all);
  rc.addWatcher(a, 'node-a');
  rc.addWatcher(b, 'node-b');
  const p1 = pod('p1', undefined, 1);
  const p2 = pod('p1', 'node-a', 2);
  const p3 = pod('p1', 'node-b', 3);
  rc.apply(ev('ADDED', p1));
  rc.apply(ev('MODIFIED', p2, p1));
  rc.apply(ev('MODIFIED', p3, p2));
  rc.apply(ev('DELETED', pod('p1', 'node-b', 4), p3));
  assert.deepEqual(all.seen, ['ADDED p1@1', 'MODIFIED p1@2', 'MODIFIED p1@3', 'DELETED p1@4']);
  // node-a sees the pod arrive and leave; node-b sees it arrive and be deleted; neither sees p1@1.
  assert.deepEqual(a.seen, ['MODIFIED p1@2', 'MODIFIED p1@3']);
  assert.deepEqual(b.seen, ['MODIFIED p1@3', 'DELETED p1@4']);
});

test('a removed watcher is no longer woken and leaves nothing behind', () => {
  const rc = cacheByNode();
  const a = recorder();
  rc.addWatcher(a, 'node-a');
  assert.equal(rc.allWatchers().length, 1);
  rc.removeWatcher(a);
  assert.equal(rc.allWatchers().length, 0);
  rc.apply(ev('ADDED', pod('p1', 'node-a', 1)));
  assert.deepEqual(a.seen, []);
});

test('without an index every watcher is woken, whatever value it asked for', () => {
  const rc = new ResourceCache('/registry/core/pods/');
  const a = recorder();
  rc.addWatcher(a, 'node-a');
  rc.apply(ev('ADDED', pod('p1', 'node-b', 1)));
  assert.deepEqual(a.seen, ['ADDED p1@1']);
});

test('a stored object text gets its resourceVersion put first in metadata; other texts are left alone', () => {
  const obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'a', resourceVersion: '42' },
    spec: { x: 1 },
  };
  const stored = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { x: 1 } });
  const text = withResourceVersion(stored, obj as any)!;
  assert.deepEqual(JSON.parse(text), obj);
  assert.ok(
    text.startsWith('{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"42","name":"a"}'),
  );
  const bare = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: {} });
  assert.equal(
    withResourceVersion(bare, obj as any),
    '{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"42"}}',
  );
  assert.equal(withResourceVersion('{"kind":"Pod","apiVersion":"v1","metadata":{}}', obj as any), undefined);
});

test('the sorted list view follows updates in place and is rebuilt after adds and deletes', () => {
  const rc = new ResourceCache('/registry/core/pods/');
  const [a, b, c] = [pod('a', undefined, 1), pod('b', undefined, 2), pod('c', undefined, 3)];
  for (const o of [c, a, b]) rc.apply(ev('ADDED', o));
  const first = rc.list();
  assert.deepEqual(
    first.map((o) => o.obj.metadata.name),
    ['a', 'b', 'c'],
  );
  const b2 = pod('b', 'n1', 4);
  rc.apply(ev('MODIFIED', b2, b));
  assert.equal(rc.list(), first, 'an update keeps the view');
  assert.equal(rc.list()[1], b2);
  rc.apply(ev('DELETED', pod('a', undefined, 5), a));
  assert.deepEqual(
    rc.list().map((o) => `${o.obj.metadata.name}@${o.rev}`),
    ['b@4', 'c@3'],
  );
  rc.apply(ev('ADDED', pod('aa', undefined, 6)));
  assert.deepEqual(
    rc.list().map((o) => o.obj.metadata.name),
    ['aa', 'b', 'c'],
  );
});
