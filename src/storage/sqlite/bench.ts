/**
 * @module storage/sqlite/bench
 * Micro-benchmark of the SQLite store, called by `npm run bench` (not a test). It measures
 * sequential single-row creates and 10,000-key lists, both through the `current` table (reads
 * now) and through MAX(id) per key over the log (reads at a past revision, which is also what
 * current reads would cost without the `current` table).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from './store.js';

export interface SqliteBenchResult {
  /** Sequential awaited creates per second (one transaction each). */
  createsPerSecond: number;
  /** Sequential awaited updates per second. */
  updatesPerSecond: number;
  /** Median ms to list 10,000 keys at the current revision. */
  list10kCurrentMs: number;
  /** Median ms to list 10,000 keys at a past revision (MAX(id) per key). */
  list10kPastMs: number;
  /** Median ms to read one 500-key page from the middle of 10,000 keys. */
  page500Ms: number;
  /** Median ms to count 10,000 keys. */
  count10kMs: number;
}

const KEYS = 10_000;
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return Math.round(median(times) * 100) / 100;
}

/** Runs the benchmark in a fresh database under `dir` (a temp dir is created inside and removed). */
export async function benchSqlite(dir: string): Promise<SqliteBenchResult> {
  const work = await mkdtemp(join(dir, 'kubeling-bench-'));
  const store = openSqliteStore({ path: join(work, 'state.db'), compactInterval: 0 });
  try {
    // About the size of a small pod object.
    const value = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', spec: { pad: 'x'.repeat(900) } });
    let t = performance.now();
    for (let i = 0; i < KEYS; i++) await store.create(`/registry/pods/ns${i % 10}/pod-${i}`, value);
    const createsPerSecond = Math.round(KEYS / ((performance.now() - t) / 1000));
    const past = await store.currentRevision();

    const first = await store.list('/registry/pods/', { limit: 2000 });
    t = performance.now();
    for (const kv of first.items) await store.update(kv.key, value, kv.modRevision);
    const updatesPerSecond = Math.round(first.items.length / ((performance.now() - t) / 1000));

    const check = (n: number) => {
      if (n !== KEYS) throw new Error(`bench: expected ${KEYS} keys, listed ${n}`);
    };
    const list10kCurrentMs = await timed(async () =>
      check((await store.list('/registry/pods/')).items.length),
    );
    const list10kPastMs = await timed(async () =>
      check((await store.list('/registry/pods/', { revision: past })).items.length),
    );
    const page500Ms = await timed(() =>
      store.list('/registry/pods/', { limit: 500, startAfter: '/registry/pods/ns5/pod-5000' }),
    );
    const count10kMs = await timed(async () => check(await store.count('/registry/pods/')));
    return { createsPerSecond, updatesPerSecond, list10kCurrentMs, list10kPastMs, page500Ms, count10kMs };
  } finally {
    await store.close();
    await rm(work, { recursive: true, force: true });
  }
}
