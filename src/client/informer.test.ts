import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../machinery/meta.js';
import { FakeClock } from '../util/clock.js';
import { ApiError } from './api-error.js';
import { Informer } from './informer.js';
import { R } from './resources.js';
import type { RestClient, WatchOptions } from './rest-client.js';
import type { WatchEvent } from './watch-stream.js';

const cm = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv, uid: name },
});
const tick = () => new Promise((r) => setImmediate(r));

/** A client whose lists and watch streams the test scripts one by one. */
function scriptedClient(lists: KubeObject[][], listRvs: string[], watches: (WatchEvent[] | Error)[]) {
  const watchRvs: string[] = [];
  const client = {
    async list() {
      const items = lists.shift() ?? [];
      return {
        apiVersion: 'v1',
        kind: 'ConfigMapList',
        metadata: { resourceVersion: listRvs.shift() ?? '0' },
        items,
      };
    },
    async *watchBatches(_ref: unknown, opts: WatchOptions) {
      watchRvs.push(opts.resourceVersion ?? '');
      const next = watches.shift();
      if (next === undefined) {
        await new Promise<void>((r) =>
          opts.signal?.aborted ? r() : opts.signal?.addEventListener('abort', () => r()),
        );
        return;
      }
      if (next instanceof Error) throw next;
      // One event per batch, and the last two together: both shapes reach the informer.
      for (let i = 0; i < next.length; i++) {
        if (i === next.length - 2) {
          yield next.slice(i);
          break;
        }
        yield [next[i]];
      }
    },
  } as unknown as RestClient;
  return { client, watchRvs };
}

test('informer: list, watch events, bookmark and 410 Expired → re-list with diffed handlers', async () => {
  const { client, watchRvs } = scriptedClient(
    [
      [cm('a', '1'), cm('b', '2')],
      [cm('a', '7'), cm('c', '8')],
    ],
    ['5', '9'],
    [
      [
        { type: 'MODIFIED', object: cm('a', '6') },
        { type: 'ADDED', object: cm('d', '6b') },
        { type: 'BOOKMARK', object: { metadata: { resourceVersion: '6c' } } },
      ],
      [
        {
          type: 'ERROR',
          object: { metadata: {}, kind: 'Status', code: 410, message: 'too old resource version' } as any,
        },
      ],
    ],
  );
  const inf = new Informer(client, R.configmaps, { clock: new FakeClock() });
  const log: string[] = [];
  inf.on({
    add: (o) => log.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`),
    update: (o, n) =>
      log.push(`update ${o.metadata.name}@${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
    delete: (o) => log.push(`delete ${o.metadata.name}`),
  });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.hasSynced();
  for (let i = 0; i < 10; i++) await tick();
  assert.deepEqual(watchRvs, ['5', '6c', '9'], 'resumes from the bookmark, then from the re-list');
  assert.equal(inf.listCount, 2);
  assert.deepEqual(log, [
    'add a@1',
    'add b@2',
    'update a@1->6',
    'add d@6b',
    'update a@6->7',
    'add c@8',
    'delete b',
    'delete d',
  ]);
  assert.deepEqual(
    inf.lister
      .list('ns')
      .map((o) => o.metadata.name)
      .sort(),
    ['a', 'c'],
  );
  assert.equal(inf.lister.get('ns', 'a')?.metadata.resourceVersion, '7');
  ac.abort();
  await run;
});

test('informer: a broken watch backs off on the clock, then re-lists', async () => {
  const clock = new FakeClock();
  const conn = new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 0,
    reason: '',
    message: 'ECONNRESET',
  });
  const { client } = scriptedClient([[cm('a', '1')], [cm('a', '1')]], ['3', '4'], [conn]);
  const errors: unknown[] = [];
  const inf = new Informer(client, R.configmaps, {
    clock,
    backoff: { baseMs: 1000, jitter: 0 },
    onError: (e) => errors.push(e),
  });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(errors.length, 1);
  assert.equal(inf.listCount, 1);
  clock.advance(999);
  await tick();
  assert.equal(inf.listCount, 1, 'still backing off');
  clock.advance(1);
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(inf.listCount, 2);
  assert.equal(inf.resourceVersion, '4');
  ac.abort();
  await run;
});

test('handlers registered late see the cached objects as adds', async () => {
  const { client } = scriptedClient([[cm('x', '1')]], ['1'], []);
  const inf = new Informer(client, R.configmaps, { clock: new FakeClock() });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.hasSynced();
  const seen: string[] = [];
  inf.on({ add: (o) => seen.push(o.metadata.name!) });
  assert.deepEqual(seen, ['x']);
  ac.abort();
  await run;
});
