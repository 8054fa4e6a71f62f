import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { StorageError } from '../errors.js';
import type { KeyValue } from '../interface.js';
import { runStoreConformance } from '../store.conformance.js';
import { openSqliteStore, type SqliteStoreOptions } from './store.js';

async function tempStore(opts: Omit<SqliteStoreOptions, 'path'> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-sqlite-'));
  const store = openSqliteStore({ path: join(dir, 'state.db'), ...opts });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runStoreConformance('sqlite', () => tempStore());
// A two-event tail sends every watcher that is not fully caught up through the log table.
runStoreConformance('sqlite, watch served from the table', () => tempStore({ tailSize: 2 }));

describe('sqlite store on disk', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeling-sqlite-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a long backlog from the table in order, in batches, filtered by prefix', async () => {
    const store = openSqliteStore({
      path: join(dir, 'backlog', 'state.db'),
      compactInterval: 0,
      tailSize: 0,
    });
    try {
      for (let i = 0; i < 2500; i++) await store.create(`/${i % 2 ? 'odd' : 'even'}/${i}`, String(i));
      const ac = new AbortController();
      const revs: number[] = [];
      let batches = 0;
      for await (const batch of store.watch('/odd/', { afterRevision: 0, signal: ac.signal })) {
        batches++;
        revs.push(...batch.map((e) => e.revision));
        if (revs.length >= 1250) ac.abort();
      }
      assert.deepEqual(
        revs,
        Array.from({ length: 1250 }, (_, i) => 2 * i + 2),
      );
      assert.ok(batches >= 2, 'a backlog comes in bounded batches');
    } finally {
      await store.close();
    }
  });

  it('uses no CPU while watchers wait for writes', async () => {
    const store = openSqliteStore({ path: join(dir, 'idle', 'state.db') });
    const ac = new AbortController();
    const watches = Array.from({ length: 20 }, async (_, i) => {
      let n = 0;
      for await (const batch of store.watch(`/w${i}/`, { afterRevision: 0, signal: ac.signal }))
        n += batch.length;
      return n;
    });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const before = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 500));
      const used = process.cpuUsage(before);
      assert.ok(
        (used.user + used.system) / 1000 < 50,
        `idle CPU ${(used.user + used.system) / 1000} ms in 500 ms`,
      );
      await store.create('/w3/x', '1');
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      ac.abort();
      await store.close();
    }
    assert.deepEqual(
      (await Promise.all(watches)).filter((n) => n > 0),
      [1],
    );
  });

  it('keeps every acknowledged write when the process is killed', async () => {
    const path = join(dir, 'durable', 'state.db');
    const self = fileURLToPath(import.meta.url);
    const script = join(self, '..', `durability-child${extname(self)}`);
    // Under tsx the sources are .ts and need its loader; the compiled tests run plain .js.
    const args =
      extname(self) === '.ts' ? ['--import', import.meta.resolve('tsx'), script, path] : [script, path];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, number>();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const line of lines) {
          const [n, rev] = line.split(' ').map(Number);
          acked.set(n, rev);
        }
        if (acked.size >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    assert.equal(await exited, 'SIGKILL');

    const store = openSqliteStore({ path, compactInterval: 0 });
    try {
      const cur = await store.currentRevision();
      assert.ok(acked.size >= 300);
      for (const [n, rev] of acked) {
        const kv = await store.get(`/durable/${String(n).padStart(8, '0')}`);
        assert.equal(kv?.modRevision, rev, `acknowledged key ${n} survives`);
        assert.equal(kv?.value, JSON.stringify({ n }));
      }
      assert.ok(cur >= Math.max(...acked.values()));
      assert.equal((await store.create('/after-kill', 'x')).modRevision, cur + 1);
    } finally {
      await store.close();
    }
  });

  it('keeps the revision counter and the compacted revision across a restart', async () => {
    const path = join(dir, 'restart', 'state.db');
    let store = openSqliteStore({ path, compactInterval: 0 });
    const a = await store.create('/r/a', 'a1');
    await store.update('/r/a', 'a2', a.modRevision);
    await store.create('/r/b', 'b');
    await store.delete('/r/b');
    await store.compact(4);
    await store.close();

    store = openSqliteStore({ path, compactInterval: 0 });
    assert.equal(await store.currentRevision(), 4, 'the newest row was compacted away, the counter was not');
    assert.equal(await store.compactedRevision(), 4);
    await assert.rejects(store.list('/r/', { revision: 3 }), (e) => StorageError.is(e, 'Compacted'));
    assert.deepEqual(
      (await store.list('/r/')).items.map((i) => `${i.key}=${i.value}@${i.modRevision}`),
      ['/r/a=a2@2'],
    );
    assert.equal((await store.create('/r/b', 'again')).modRevision, 5);
    await store.close();
  });

  it("reads a watch event's previous value from the row it follows, also after compaction and from old rows", async () => {
    const path = join(dir, 'prev', 'state.db');
    const store = openSqliteStore({ path, compactInterval: 0, tailSize: 0 });
    let a2: KeyValue;
    let a3: KeyValue;
    try {
      const a1 = await store.create('/p/a', 'a1');
      a2 = await store.update('/p/a', 'a2', a1.modRevision);
      a3 = await store.update('/p/a', 'a3', a2.modRevision);
      await store.update('/p/a', 'a4', a3.modRevision);
      await store.compact(a2.modRevision);
    } finally {
      await store.close();
    }
    // A row as schema version 1 wrote it: the previous value copied into old_value.
    const raw = new Database(path);
    raw.prepare(`UPDATE log SET old_value = 'copied' WHERE id = ?`).run(a3.modRevision);
    raw.close();
    const reopened = openSqliteStore({ path, compactInterval: 0, tailSize: 0 });
    try {
      const ac = new AbortController();
      const seen: string[] = [];
      for await (const batch of reopened.watch('/p/', { afterRevision: a2.modRevision, signal: ac.signal })) {
        for (const e of batch) seen.push(`${e.kv.value}<-${e.prev?.value}@${e.prev?.modRevision}`);
        if (seen.length >= 2) ac.abort();
      }
      assert.deepEqual(seen, [`a3<-copied@${a2.modRevision}`, `a4<-a3@${a3.modRevision}`]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a second open of a file in use', async () => {
    const path = join(dir, 'locked', 'state.db');
    const store = openSqliteStore({ path, compactInterval: 0 });
    try {
      assert.throws(() => openSqliteStore({ path }), /locked by another process/);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer schema', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => openSqliteStore({ path }), /schema version 99, newer than this kubeling \(1\)/);
  });

  it('compacts history older than the retention on its own, by the injected clock', async () => {
    const path = join(dir, 'auto', 'state.db');
    let now = 1_000_000;
    const store = openSqliteStore({
      path,
      clock: () => now,
      compactInterval: 10,
      retention: 60_000,
      tailSize: 0,
    });
    const a = await store.create('/a/x', 'x1');
    const x2 = await store.update('/a/x', 'x2', a.modRevision);
    await store.create('/a/y', 'y1');
    await store.delete('/a/y');
    now += 30_000;
    await store.update('/a/x', 'x3', x2.modRevision);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await store.compactedRevision(), 0, 'nothing is older than the retention yet');

    now += 40_000;
    const deadline = Date.now() + 2000;
    while ((await store.compactedRevision()) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    assert.equal(await store.compactedRevision(), 4, 'compacted up to the last write older than 60 s');
    await assert.rejects(store.list('/a/', { revision: 3 }), (e) => StorageError.is(e, 'Compacted'));
    const watch = store.watch('/a/', { afterRevision: 1, signal: new AbortController().signal });
    await assert.rejects(
      async () => {
        for await (const _ of watch) assert.fail('no events from a compacted revision');
      },
      (e) => StorageError.is(e, 'Compacted'),
    );
    assert.deepEqual(
      (await store.list('/a/')).items.map((i) => i.value),
      ['x3'],
    );
    assert.deepEqual(
      (await store.list('/a/', { revision: 4 })).items.map((i) => i.value),
      ['x2'],
    );
    const ac = new AbortController();
    for await (const batch of store.watch('/a/', { afterRevision: 4, signal: ac.signal })) {
      assert.deepEqual(
        batch.map((e) => `${e.kv.value}<-${e.prev?.value}`),
        ['x3<-x2'],
      );
      ac.abort();
    }
    await store.close();

    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT id FROM log ORDER BY id').all() as Array<{ id: number }>;
    db.close();
    assert.deepEqual(
      rows.map((r) => r.id),
      [2, 5],
      'only the row live at the compacted revision and the newer history remain',
    );
  });
});
