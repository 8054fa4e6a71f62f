/**
 * @module bench/scheduler
 * Scheduler throughput: 100 fake nodes (status.allocatable, Ready, no kubelet) and 10,000 pending
 * pods created first, then a scheduler started here and the time until the last pod is bound
 * (seen through a watch). Goal: >= 1,000 pods/s. By default the API server is a spawned
 * `kubeling up` (`{server: 'in-process'}` puts it in this process, sharing the event loop). The
 * pods name `bench-scheduler`, so the cluster's own default-scheduler leaves them alone, and select
 * the fake nodes by label. Also reports the scheduling cycles alone (filter, score, assume on an
 * in-memory cache) and the CPU each process used while binding.
 * Run alone: `npx tsx bench/scheduler.ts [--in-process]`; SCHED_BENCH_PODS=N changes the count,
 * SCHED_BENCH_LOG=info shows the scheduler's log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Node } from '../src/api/core/nodes/types.js';
import type { Pod } from '../src/api/core/pods/types.js';
import { Informer } from '../src/client/informer.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { RestClient } from '../src/client/rest-client.js';
import { R } from '../src/client/resources.js';
import { startTestCluster } from '../src/client/testing/test-cluster.js';
import { SchedulerCache } from '../src/scheduler/cache.js';
import { schedulePod } from '../src/scheduler/schedule-one.js';
import { defaultFramework, startScheduler } from '../src/scheduler/scheduler.js';
import { realClock } from '../src/util/clock.js';
import { createLogger } from '../src/util/logger.js';
import { startCluster } from './cluster.js';
import { atLeast, info, type Row } from './report.js';
import { cpuSeconds } from './resources.js';

const NODES = 100;
const PODS = Number(process.env.SCHED_BENCH_PODS ?? 10_000);
const GOAL = 1000;
const CONCURRENCY = 64;
/** Only the fake nodes carry it, so no pod lands on the cluster's own (sim) node. */
const BENCH_LABEL = 'kubeling.dev/scheduler-bench';

async function pool(n: number, limit: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

/** The scheduling cycles alone (filter, score, assume) on an in-memory cache, no API calls. */
export function cyclesPerSecond(nodes = NODES, pods = PODS): number {
  const cache = new SchedulerCache();
  for (let i = 0; i < nodes; i++)
    cache.upsertNode({
      metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
      status: { allocatable: { cpu: '64', memory: '256Gi', pods: '200' } },
    });
  const fwk = defaultFramework();
  const t0 = performance.now();
  for (let i = 0; i < pods; i++) {
    const pod: Pod = {
      metadata: { name: `p-${i}`, namespace: 'b', labels: { app: 'bench' } },
      spec: {
        containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      },
    };
    const r = schedulePod(fwk, cache, pod);
    if (r.kind !== 'scheduled') throw new Error(`pod ${i} not schedulable: ${JSON.stringify(r)}`);
    cache.assumePod(pod, r.node);
  }
  return pods / ((performance.now() - t0) / 1000);
}

export interface SchedulerBenchOptions {
  /**
   * `spawned` (default): the API server is a separate `kubeling up` process (as the other
   * measurements run it), the scheduler runs here. `in-process`: server and scheduler share this
   * process and its event loop.
   */
  server?: 'spawned' | 'in-process';
  log?: (s: string) => void;
}

/** A client for a fresh cluster and a way to stop it. */
async function openCluster(
  mode: 'spawned' | 'in-process',
): Promise<{ client: RestClient; pid?: number; close(): Promise<void> }> {
  if (mode === 'in-process') return startTestCluster();
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-sched-bench-'));
  const cluster = await startCluster({ dataDir: dir, pollReadyz: false });
  const client = new RestClient(loadKubeconfig(cluster.kubeconfigPath));
  return {
    client,
    pid: cluster.pid,
    async close() {
      client.close();
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function benchScheduler(opts: SchedulerBenchOptions = {}): Promise<Row[]> {
  const log = opts.log ?? (() => {});
  const mode = opts.server ?? 'spawned';
  const tc = await openCluster(mode);
  const ac = new AbortController();
  try {
    const c = tc.client;
    await c
      .create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sched-bench' } })
      .catch(() => {});
    log(`creating ${PODS} pending pods ...`);
    await pool(PODS, CONCURRENCY, (i) =>
      c.create(R.pods, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p-${i}`, namespace: 'sched-bench', labels: { app: 'bench' } },
        spec: {
          schedulerName: 'bench-scheduler',
          containers: [
            { name: 'c', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } },
          ],
        },
      } as Pod & { metadata: { name: string } }),
    );
    log(`creating ${NODES} nodes ...`);
    // Nodes come last: they have no kubelet, so the node lifecycle controller would mark them
    // unreachable after its grace period; they must be fresh while the pods are scheduled.
    await pool(NODES, 16, async (i) => {
      const name = `node-${i}`;
      const node: Node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'kubernetes.io/hostname': name,
            'topology.kubernetes.io/zone': `zone-${i % 3}`,
            [BENCH_LABEL]: 'true',
          },
        },
      };
      await c.create(R.nodes, node);
      const allocatable = { cpu: '64', memory: '256Gi', pods: '200' };
      await c.patch(
        R.nodes,
        name,
        { status: { capacity: allocatable, allocatable, conditions: [{ type: 'Ready', status: 'True' }] } },
        'merge',
        {
          subresource: 'status',
        },
      );
    });
    const watcher = new Informer<Pod & { metadata: { name: string } }>(c, R.pods, {
      namespace: 'sched-bench',
    });
    let bound = 0;
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    watcher.on({
      update(o, n) {
        if (!o.spec.nodeName && n.spec.nodeName && ++bound === PODS) resolveAll();
      },
    });
    void watcher.run(ac.signal);
    await watcher.hasSynced();
    log('starting the scheduler ...');
    const t0 = performance.now();
    const serverCpu0 = tc.pid ? cpuSeconds(tc.pid) : 0;
    const ownCpu0 = process.cpuUsage();
    const sched = startScheduler(
      {
        client: c,
        clock: realClock,
        schedulerName: 'bench-scheduler',
        log: process.env.SCHED_BENCH_LOG ? createLogger({ level: process.env.SCHED_BENCH_LOG }) : undefined,
      },
      ac.signal,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`only ${bound}/${PODS} bound after 120 s`)), 120_000);
    });
    await Promise.race([all, timeout]).finally(() => clearTimeout(timer));
    const secs = (performance.now() - t0) / 1000;
    const serverCpu = tc.pid ? (cpuSeconds(tc.pid) - serverCpu0) / secs : NaN;
    const own = process.cpuUsage(ownCpu0);
    const ownCpu = (own.user + own.system) / 1e6 / secs;
    ac.abort();
    await sched.done;
    return [
      info('scheduling cycles alone (in memory, no API writes)', cyclesPerSecond(), 'pods/s'),
      atLeast(
        `pods scheduled per second (${NODES} nodes, ${PODS} pending pods, ${mode} API server)`,
        PODS / secs,
        'pods/s',
        GOAL,
      ),
      info('time to bind all pods', secs * 1000, 'ms'),
      info('CPU of the scheduler process while binding (1 = one core)', ownCpu.toFixed(2)),
      ...(tc.pid ? [info('CPU of the API server process while binding', serverCpu.toFixed(2))] : []),
    ];
  } finally {
    ac.abort();
    await tc.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.argv.includes('--in-process') ? 'in-process' : 'spawned';
  benchScheduler({ server, log: (s) => console.log(s) }).then((rows) => console.log(rows));
}
