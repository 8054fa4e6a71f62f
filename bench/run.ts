/**
 * @module bench/run
 * `npm run bench`: the performance report of issues 2 and 3. Runs each measurement against the real
 * `kubeling up` (spawned on temp data dirs), prints a table per measurement and a final summary
 * with each figure, its goal and PASS/MISS. Exits 0 even when goals are missed; non-zero only
 * when a measurement could not be taken.
 *
 * Flags: `--only=startup,creates,list,watch,resources,storage,scheduler,running,oci` runs a subset
 * (`oci`, real containers against runc, docker and podman, runs only as root with the oci
 * runtime's host tools, else it is listed as SKIP with the reason);
 * `--profile[=DIR]` instead runs the create benchmark (or, with `--only=running`, the pods-running
 * benchmark) under `node --cpu-prof` and prints the hottest functions (the .cpuprofile is kept in
 * DIR when given).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI, killAllClusters, startCluster, type Cluster } from './cluster.js';
import { benchCreates, runCreates } from './creates.js';
import { benchList } from './list.js';
import { benchPodsRunning } from './pods-running.js';
import { formatProfile, summariseProfile } from './profile.js';
import { benchOci, ociSkipReason } from './oci.js';
import { runAbortHooks } from './oci-host.js';
import { failed, formatTable, info, skipped, type Row } from './report.js';
import { benchResources, rssMiB } from './resources.js';
import { benchScheduler } from './scheduler.js';
import { benchStartup, rowsFor, timeStart } from './startup.js';
import { benchStorage } from './storage.js';
import { benchWatchLatency } from './watch-latency.js';

const STORED_PODS = 10_000;
const RESTARTS = 3;
const ALL = [
  'startup',
  'creates',
  'list',
  'watch',
  'resources',
  'storage',
  'scheduler',
  'running',
  'oci',
] as const;
type Part = (typeof ALL)[number];

const t0 = performance.now();
const log = (s: string) =>
  process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${s}\n`);

interface Section {
  title: string;
  rows: Row[];
}

function parseArgs(argv: string[]): { parts: Set<Part>; profile: false | { keepDir?: string } } {
  let parts = new Set<Part>(ALL);
  let profile: false | { keepDir?: string } = false;
  for (const a of argv) {
    if (a.startsWith('--only=')) {
      const want = a.slice('--only='.length).split(',');
      for (const w of want)
        if (!(ALL as readonly string[]).includes(w))
          throw new Error(`unknown part ${w}; parts: ${ALL.join(',')}`);
      parts = new Set(want as Part[]);
    } else if (a === '--profile') profile = {};
    else if (a.startsWith('--profile=')) profile = { keepDir: resolve(a.slice('--profile='.length)) };
    else throw new Error(`unknown flag ${a}`);
  }
  return { parts, profile };
}

/** Runs `fn` and returns its rows, or one FAIL row (and marks the run failed) when it throws. */
async function section(title: string, fn: () => Promise<Row[]>, out: Section[]): Promise<void> {
  log(`${title} ... (load average ${loadavg()[0].toFixed(2)})`);
  let rows: Row[];
  try {
    rows = await fn();
  } catch (err) {
    log(`  FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    rows = [failed(title, err)];
  }
  out.push({ title, rows });
  process.stdout.write(formatTable(title, rows) + '\n\n');
}

/** Measurements 3-5 on one cluster holding exactly STORED_PODS pods in namespace `bench`. */
async function storedPods(tmpRoot: string, parts: Set<Part>, out: Section[]): Promise<void> {
  const dir = await mkdtemp(join(tmpRoot, 'stored-'));
  let c: Cluster | undefined = await startCluster({
    dataDir: dir,
    pollReadyz: false,
    controlPlaneOnly: true,
  });
  try {
    log(`filling namespace bench with ${STORED_PODS} pods ...`);
    const fill = await runCreates(c, {
      namespace: 'bench',
      protocol: 'h2',
      clients: 8,
      maxPods: STORED_PODS,
      prefix: 'pod',
    });
    if (fill.created !== STORED_PODS)
      throw new Error(`fill created ${fill.created} pods (${fill.firstError ?? ''})`);
    log(`  filled in ${(fill.elapsedMs / 1000).toFixed(1)} s`);
    const cluster = c;
    if (parts.has('list')) {
      await section(
        '3. List 10,000 pods',
        () => benchList(cluster, 'bench', STORED_PODS, cluster.kubeconfigPath),
        out,
      );
    }
    if (parts.has('resources')) {
      await section(
        `5. Memory and idle CPU, ${STORED_PODS} pods stored`,
        () => benchResources(cluster.pid, `${STORED_PODS} pods`),
        out,
      );
    }
    if (parts.has('watch'))
      await section('4. Watch delivery latency', () => benchWatchLatency(cluster, 'bench-watch'), out);
    await c.stop();
    c = undefined;
    if (parts.has('resources') || parts.has('startup')) {
      await section(
        `Restart with ${STORED_PODS} pods stored`,
        async () => {
          const starts = [];
          for (let i = 0; i < RESTARTS; i++) starts.push(await timeStart(dir));
          const again = await startCluster({ dataDir: dir, pollReadyz: false });
          try {
            await new Promise((r) => setTimeout(r, 2000));
            return [
              ...rowsFor(`${STORED_PODS} pods stored`, starts, false),
              info(`resident memory after restart, ${STORED_PODS} pods`, rssMiB(again.pid), 'MiB'),
            ];
          } finally {
            await again.stop();
          }
        },
        out,
      );
    }
  } finally {
    await c?.stop();
  }
}

/**
 * The create benchmark (or with `running` the pods-running benchmark) on a fresh cluster run under
 * `node --cpu-prof`, then the profile summary.
 */
async function profileRun(tmpRoot: string, which: 'creates' | 'running', keepDir?: string): Promise<void> {
  const profDir = join(tmpRoot, 'profile');
  mkdirSync(profDir, { recursive: true });
  const nodeArgs = ['--cpu-prof', '--cpu-prof-dir', profDir];
  // The source map of the bundle as profiled, in case another build replaces it meanwhile.
  const root = dirname(dirname(CLI));
  const bundle = join(root, 'dist', 'kubeling.mjs');
  const mapFiles = new Map<string, string>();
  if (existsSync(`${bundle}.map`)) {
    copyFileSync(`${bundle}.map`, join(profDir, 'kubeling.mjs.map'));
    mapFiles.set(bundle, join(profDir, 'kubeling.mjs.map'));
  }
  const out: Section[] = [];
  if (which === 'running') {
    await section(
      '7. 10,000 pods to Running (profiled: slower than unprofiled)',
      () => benchPodsRunning(tmpRoot, log, { nodeArgs, stopGraceMs: 60_000 }),
      out,
    );
  } else {
    const c = await startCluster({ dataDir: join(tmpRoot, 'prof-data'), nodeArgs, controlPlaneOnly: true });
    try {
      await section(
        '2. Pod creates (profiled: slower than unprofiled)',
        async () => (await benchCreates(c, log)).rows,
        out,
      );
    } finally {
      await c.stop(30_000); // the profile is written while the process exits
    }
  }
  const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error('kubeling wrote no .cpuprofile');
  const file = join(profDir, files[0]);
  const what = which === 'running' ? 'the pods-running benchmark' : 'the create benchmark';
  process.stdout.write(formatProfile(summariseProfile(file, root, 25, mapFiles), what) + '\n');
  if (keepDir) {
    mkdirSync(keepDir, { recursive: true });
    copyFileSync(file, join(keepDir, files[0]));
    for (const m of mapFiles.values()) copyFileSync(m, join(keepDir, 'kubeling.mjs.map'));
    log(`profile kept at ${join(keepDir, files[0])} (open it in Chrome DevTools or speedscope)`);
  }
}

async function main(): Promise<number> {
  const { parts, profile } = parseArgs(process.argv.slice(2));
  const tmpRoot = await mkdtemp(join(tmpdir(), 'kubeling-bench-'));
  const cleanup = () => {
    killAllClusters();
  };
  const onSignal = () => {
    cleanup();
    runAbortHooks(); // the oci section's containers, daemons and mounts
    void rm(tmpRoot, { recursive: true, force: true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const out: Section[] = [];
  try {
    if (profile) {
      const which = parts.size === 1 && parts.has('running') ? 'running' : 'creates';
      await profileRun(tmpRoot, which, profile.keepDir);
      return 0;
    }
    log(`kubeling benchmark: node ${process.version}, CLI ${CLI}, ${availableParallelism()} CPUs`);
    if (parts.has('startup'))
      await section('1. Start-to-ready of kubeling up', () => benchStartup(tmpRoot, log), out);
    if (parts.has('creates')) {
      await section(
        '2. Pod creates through the HTTPS API (kubeling server --disable-scheduler: API and storage only)',
        async () => {
          const c = await startCluster({
            dataDir: await mkdtemp(join(tmpRoot, 'creates-')),
            pollReadyz: false,
            controlPlaneOnly: true,
          });
          try {
            return (await benchCreates(c, log)).rows;
          } finally {
            await c.stop();
          }
        },
        out,
      );
    }
    if (parts.has('list') || parts.has('watch') || parts.has('resources')) {
      try {
        await storedPods(tmpRoot, parts, out);
      } catch (err) {
        await section('3-5. Cluster with stored pods', () => Promise.reject(err), out);
      }
    }
    if (parts.has('storage'))
      await section('Storage layer (src/storage/sqlite/bench.ts)', () => benchStorage(tmpRoot), out);
    if (parts.has('scheduler'))
      await section(
        '6. Scheduler throughput, 100 nodes, 10,000 pending pods',
        () => benchScheduler({ log }),
        out,
      );
    if (parts.has('running'))
      await section(
        '7. 10,000 pods from create to Running, 100 sim nodes',
        () => benchPodsRunning(tmpRoot, log),
        out,
      );
    if (parts.has('oci')) {
      const title = '8. Real containers (oci runtime): create-to-Running beside runc, docker and podman';
      const skip = ociSkipReason();
      if (skip) await section(title, async () => [skipped('oci benchmark', skip)], out);
      else await section(title, () => benchOci(tmpRoot, log), out);
    }
  } finally {
    cleanup();
    await rm(tmpRoot, { recursive: true, force: true });
  }
  const all = out.flatMap((s) => s.rows);
  process.stdout.write(
    formatTable(`Summary (${((performance.now() - t0) / 1000).toFixed(0)} s)`, all) + '\n',
  );
  const count = (v: string) => all.filter((r) => r.verdict === v).length;
  const skips = count('SKIP') ? `, ${count('SKIP')} SKIP` : '';
  process.stdout.write(`${count('PASS')} PASS, ${count('MISS')} MISS, ${count('FAIL')} FAIL${skips}\n`);
  return count('FAIL') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    killAllClusters();
    process.stderr.write(
      `benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(2);
  },
);
