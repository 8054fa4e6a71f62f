/**
 * @module storage/store.conformance
 * The one behaviour suite every Store backend must pass. A backend's test file calls
 * `runStoreConformance(name, factory)`; each case gets a fresh, empty store from the factory and
 * cleans it up afterwards. Skipped cases: none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageError } from './errors.js';
import type { KeyValue, Store, StoreEvent } from './interface.js';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const PODS = '/registry/pods/';

async function withStore(
  factory: () => Promise<StoreFixture>,
  fn: (s: Store) => Promise<void>,
): Promise<void> {
  const fixture = await factory();
  try {
    await fn(fixture.store);
  } finally {
    await fixture.cleanup();
  }
}

async function rejectsWith(p: Promise<unknown>, code: StorageError['code']): Promise<StorageError> {
  try {
    await p;
  } catch (e) {
    assert.ok(StorageError.is(e, code), `expected StorageError ${code}, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected StorageError ${code}, but the call succeeded`);
}

/** Reads events until `count` have arrived (or `timeoutMs` passes), then stops the watch. */
async function collect(
  store: Store,
  prefix: string,
  afterRevision: number,
  count: number,
  timeoutMs = 2000,
): Promise<StoreEvent[]> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const out: StoreEvent[] = [];
  try {
    for await (const batch of store.watch(prefix, { afterRevision, signal: ac.signal })) {
      out.push(...batch);
      if (out.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return out;
}

const brief = (e: StoreEvent) => `${e.type} ${e.kv.key}@${e.revision}=${e.kv.value}`;

export function runStoreConformance(name: string, factory: () => Promise<StoreFixture>): void {
  const test = (title: string, fn: (s: Store) => Promise<void>) => it(title, () => withStore(factory, fn));

  describe(`Store conformance: ${name}`, () => {
    test('starts empty at revision 0 and grows by one per write', async (s) => {
      assert.equal(await s.currentRevision(), 0);
      assert.equal(await s.compactedRevision(), 0);
      const a = await s.create('/a', '1');
      assert.equal(a.modRevision, 1);
      assert.equal(await s.currentRevision(), 1);
      const a2 = await s.update('/a', '2', a.modRevision);
      assert.equal(a2.modRevision, 2);
      const d = await s.delete('/a');
      assert.equal(d.modRevision, 3);
      assert.equal(await s.currentRevision(), 3);
    });

    test('create returns the new key and refuses an existing one', async (s) => {
      const kv = await s.create(`${PODS}default/a`, '{"x":1}');
      assert.deepEqual(kv, { key: `${PODS}default/a`, value: '{"x":1}', createRevision: 1, modRevision: 1 });
      await rejectsWith(s.create(`${PODS}default/a`, 'other'), 'KeyExists');
      assert.equal(await s.currentRevision(), 1, 'a failed write must not use a revision');
      assert.deepEqual(await s.get(`${PODS}default/a`), kv);
    });

    test('get of a missing key is undefined', async (s) => {
      assert.equal(await s.get('/missing'), undefined);
      await s.create('/present', 'v');
      assert.equal(await s.get('/pres'), undefined, 'get matches whole keys only');
    });

    test('modRevisionOf gives the live revision of a key, or undefined', async (s) => {
      assert.equal(await s.modRevisionOf('/r'), undefined);
      const v1 = await s.create('/r', 'v1');
      assert.equal(await s.modRevisionOf('/r'), v1.modRevision);
      const v2 = await s.update('/r', 'v2', v1.modRevision);
      assert.equal(await s.modRevisionOf('/r'), v2.modRevision);
      assert.equal(await s.modRevisionOf('/'), undefined, 'whole keys only');
      await s.delete('/r');
      assert.equal(await s.modRevisionOf('/r'), undefined);
    });

    test('update checks the expected revision', async (s) => {
      const v1 = await s.create('/k', 'v1');
      await s.create('/other', 'x');
      const v2 = await s.update('/k', 'v2', v1.modRevision);
      assert.deepEqual(v2, { key: '/k', value: 'v2', createRevision: 1, modRevision: 3 });
      const err = await rejectsWith(s.update('/k', 'v3', v1.modRevision), 'Conflict');
      assert.deepEqual(err.current, v2);
      assert.equal(err.key, '/k');
      assert.equal(await s.currentRevision(), 3);
      assert.equal((await s.get('/k'))?.value, 'v2');
    });

    test('update and delete of a missing key fail with KeyNotFound', async (s) => {
      await rejectsWith(s.update('/nope', 'v', 1), 'KeyNotFound');
      await rejectsWith(s.delete('/nope'), 'KeyNotFound');
      await rejectsWith(s.delete('/nope', 3), 'KeyNotFound');
      assert.equal(await s.currentRevision(), 0);
    });

    test('delete returns the last value at the deletion revision', async (s) => {
      const c = await s.create('/k', 'v1');
      const u = await s.update('/k', 'v2', c.modRevision);
      const err = await rejectsWith(s.delete('/k', c.modRevision), 'Conflict');
      assert.deepEqual(err.current, u);
      const d = await s.delete('/k', u.modRevision);
      assert.deepEqual(d, { key: '/k', value: 'v2', createRevision: 1, modRevision: 3 });
      assert.equal(await s.get('/k'), undefined);
      await rejectsWith(s.delete('/k'), 'KeyNotFound');
      await rejectsWith(s.update('/k', 'v', 3), 'KeyNotFound');
    });

    test('create after delete starts a new incarnation', async (s) => {
      await s.create('/k', 'old');
      await s.delete('/k');
      const again = await s.create('/k', 'new');
      assert.deepEqual(again, { key: '/k', value: 'new', createRevision: 3, modRevision: 3 });
      assert.deepEqual(await s.get('/k'), again);
      const events = await collect(s, '/k', 0, 3);
      assert.deepEqual(events.map(brief), ['put /k@1=old', 'delete /k@2=old', 'put /k@3=new']);
      assert.equal(events[2].prev, undefined, 'a re-create carries no prev');
    });

    test('list returns keys under a plain string prefix in key order', async (s) => {
      for (const k of ['default/b', 'kube-system/a', 'default/a', 'default/c']) await s.create(PODS + k, k);
      await s.create('/registry/podsx/default/z', 'not a pod');
      await s.create('/registry/pod', 'not a pod');
      const res = await s.list(PODS);
      assert.deepEqual(
        res.items.map((i) => i.key),
        ['default/a', 'default/b', 'default/c', 'kube-system/a'].map((k) => PODS + k),
      );
      assert.equal(res.revision, 6);
      assert.equal(res.more, false);
      assert.deepEqual(res.items[0], {
        key: `${PODS}default/a`,
        value: 'default/a',
        createRevision: 3,
        modRevision: 3,
      });
      assert.equal((await s.list(`${PODS}default/`)).items.length, 3);
      assert.equal((await s.list('')).items.length, 6, 'the empty prefix lists everything');
      assert.deepEqual((await s.list('/registry/none/')).items, []);
    });

    test('list pages with limit and startAfter', async (s) => {
      for (let i = 0; i < 7; i++) await s.create(`${PODS}ns/p${i}`, String(i));
      const seen: string[] = [];
      let startAfter: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await s.list(PODS, { limit: 3, startAfter });
        pages++;
        seen.push(...page.items.map((i) => i.value));
        assert.equal(page.revision, 7);
        if (!page.more) break;
        assert.equal(page.items.length, 3);
        startAfter = page.items[page.items.length - 1].key;
      }
      assert.equal(pages, 3);
      assert.deepEqual(seen, ['0', '1', '2', '3', '4', '5', '6']);
      const exact = await s.list(PODS, { limit: 7 });
      assert.equal(exact.more, false, 'a limit equal to the size is not cut short');
      assert.equal(exact.items.length, 7);
    });

    test('list at a revision reads past state', async (s) => {
      const a = await s.create('/r/a', 'a1');
      const b = await s.create('/r/b', 'b1');
      const at = await s.currentRevision();
      await s.update('/r/a', 'a2', a.modRevision);
      await s.delete('/r/b', b.modRevision);
      await s.create('/r/c', 'c1');
      const past = await s.list('/r/', { revision: at });
      assert.equal(past.revision, at);
      assert.deepEqual(past.items, [a, b]);
      const mid = await s.list('/r/', { revision: 3 });
      assert.deepEqual(
        mid.items.map((i) => `${i.key}=${i.value}@${i.modRevision}`),
        ['/r/a=a2@3', '/r/b=b1@2'],
      );
      const paged = await s.list('/r/', { revision: at, limit: 1 });
      assert.deepEqual(paged.items, [a]);
      assert.equal(paged.more, true);
      const rest = await s.list('/r/', { revision: at, limit: 1, startAfter: '/r/a' });
      assert.deepEqual(rest.items, [b]);
      assert.equal(rest.more, false);
      const now = await s.list('/r/');
      assert.deepEqual(
        now.items.map((i) => `${i.key}=${i.value}`),
        ['/r/a=a2', '/r/c=c1'],
      );
      await rejectsWith(s.list('/r/', { revision: 99 }), 'Invalid');
    });

    test('count counts current keys under a prefix', async (s) => {
      assert.equal(await s.count(PODS), 0);
      await s.create(`${PODS}a/1`, 'x');
      await s.create(`${PODS}a/2`, 'x');
      await s.create('/registry/podsx/a', 'x');
      await s.delete(`${PODS}a/1`);
      assert.equal(await s.count(PODS), 1);
      assert.equal(await s.count(''), 2);
    });

    test('watch delivers history then live events in order, with prev values, by prefix', async (s) => {
      const a = await s.create(`${PODS}ns/a`, 'a1');
      await s.create('/registry/podsx/ns/x', 'noise');
      const a2 = await s.update(`${PODS}ns/a`, 'a2', a.modRevision);
      const ac = new AbortController();
      const got: StoreEvent[] = [];
      const done = (async () => {
        for await (const batch of s.watch(PODS, { afterRevision: 0, signal: ac.signal })) {
          got.push(...batch);
          if (got.length >= 5) ac.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(got.length, 2, 'history first');
      await s.create(`${PODS}ns/b`, 'b1');
      await s.create('/registry/podsx/ns/y', 'noise');
      await s.delete(`${PODS}ns/a`, a2.modRevision);
      await s.create(`${PODS}ns/c`, 'c1');
      await done;
      assert.deepEqual(got.map(brief), [
        `put ${PODS}ns/a@1=a1`,
        `put ${PODS}ns/a@3=a2`,
        `put ${PODS}ns/b@4=b1`,
        `delete ${PODS}ns/a@6=a2`,
        `put ${PODS}ns/c@7=c1`,
      ]);
      assert.equal(got[0].prev, undefined);
      assert.deepEqual(got[1].prev, a);
      assert.deepEqual(got[1].kv, a2);
      assert.deepEqual(got[3].prev, a2);
      assert.deepEqual(got[3].kv, { key: `${PODS}ns/a`, value: 'a2', createRevision: 1, modRevision: 6 });
      for (const e of got) assert.equal(e.revision, e.kv.modRevision);
    });

    test('watch starts strictly after the given revision', async (s) => {
      for (let i = 1; i <= 5; i++) await s.create(`/w/${i}`, String(i));
      const events = await collect(s, '/w/', 3, 2);
      assert.deepEqual(
        events.map((e) => e.revision),
        [4, 5],
      );
    });

    test('a watcher that does not read does not block writers', async (s) => {
      const ac = new AbortController();
      const it = s.watch('/slow/', { afterRevision: 0, signal: ac.signal })[Symbol.asyncIterator]();
      const first = it.next();
      await s.create('/slow/0', '0');
      assert.equal((await first).value?.[0].kv.key, '/slow/0');
      for (let i = 1; i < 300; i++) await s.create(`/slow/${i}`, String(i));
      const revs: number[] = [];
      while (revs.length < 299) {
        const r = await it.next();
        assert.equal(r.done, false);
        revs.push(...r.value.map((e: StoreEvent) => e.revision));
      }
      assert.deepEqual(
        revs,
        Array.from({ length: 299 }, (_, i) => i + 2),
      );
      ac.abort();
      assert.equal((await it.next()).done, true);
    });

    test('watch ends when its signal aborts', async (s) => {
      const ac = new AbortController();
      let batches = 0;
      const done = (async () => {
        for await (const _batch of s.watch('/', { afterRevision: 0, signal: ac.signal })) batches++;
      })();
      await s.create('/x', '1');
      await new Promise((r) => setTimeout(r, 20));
      ac.abort();
      await done;
      assert.equal(batches, 1);
      const pre = new AbortController();
      pre.abort();
      for await (const _batch of s.watch('/', { afterRevision: 0, signal: pre.signal })) {
        assert.fail('an already aborted watch yields nothing');
      }
    });

    test('compaction drops history below the revision but keeps current values', async (s) => {
      const a = await s.create('/c/a', 'a1');
      const b = await s.create('/c/b', 'b1');
      const a2 = await s.update('/c/a', 'a2', a.modRevision);
      await s.delete('/c/b', b.modRevision);
      const d = await s.create('/c/d', 'd1');
      await s.update('/c/a', 'a3', a2.modRevision);
      await s.compact(4);
      assert.equal(await s.compactedRevision(), 4);
      assert.equal(await s.currentRevision(), 6);
      const err = await rejectsWith(s.list('/c/', { revision: 3 }), 'Compacted');
      assert.equal(err.compactedRevision, 4);
      await rejectsWith(collect(s, '/c/', 3, 1), 'Compacted');
      const at4 = await s.list('/c/', { revision: 4 });
      assert.deepEqual(at4.items, [a2], 'the compacted revision itself stays readable');
      assert.deepEqual((await collect(s, '/c/', 4, 2)).map(brief), ['put /c/d@5=d1', 'put /c/a@6=a3']);
      assert.deepEqual(
        (await s.list('/c/')).items.map((i) => `${i.key}=${i.value}`),
        ['/c/a=a3', '/c/d=d1'],
      );
      assert.deepEqual(await s.get('/c/d'), d);
      await s.compact(2);
      assert.equal(await s.compactedRevision(), 4, 'compacting an older revision changes nothing');
      await s.compact(6);
      assert.deepEqual(
        (await s.list('/c/', { revision: 6 })).items.map((i) => i.value),
        ['a3', 'd1'],
      );
      const next = await s.create('/c/e', 'e1');
      assert.equal(next.modRevision, 7, 'the revision counter survives compaction');
      await rejectsWith(s.compact(99), 'Invalid');
    });

    test('compaction after a trailing delete keeps the counter', async (s) => {
      await s.create('/t/a', '1');
      await s.delete('/t/a');
      await s.compact(2);
      assert.equal(await s.currentRevision(), 2);
      assert.equal(await s.get('/t/a'), undefined);
      assert.deepEqual((await s.list('/t/', { revision: 2 })).items, []);
      assert.equal((await s.create('/t/a', '2')).modRevision, 3);
    });

    test('100 parallel creates get distinct revisions', async (s) => {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => s.create(`/p/${i}`, String(i))),
      );
      const revs = new Set(results.map((r: KeyValue) => r.modRevision));
      assert.equal(revs.size, 100);
      assert.deepEqual(
        [...revs].sort((x, y) => x - y),
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      assert.equal(await s.currentRevision(), 100);
      assert.equal(await s.count('/p/'), 100);
      const dup = await Promise.allSettled([s.create('/dup', 'a'), s.create('/dup', 'b')]);
      assert.deepEqual(dup.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    });

    test('close ends watches and refuses further use', async (s) => {
      await s.create('/z', '1');
      const ac = new AbortController();
      const done = (async () => {
        const got: StoreEvent[] = [];
        for await (const batch of s.watch('/', { afterRevision: 0, signal: ac.signal })) got.push(...batch);
        return got;
      })();
      await new Promise((r) => setTimeout(r, 20));
      await s.close();
      const got = await done;
      assert.equal(got.length, 1);
      assert.equal(ac.signal.aborted, false, 'the watch ended because of close, not the signal');
      await rejectsWith(s.get('/z'), 'Unavailable');
      await rejectsWith(s.create('/y', '1'), 'Unavailable');
      await s.close();
    });
  });
}
