/**
 * @module bench/pods-running
 * The issue-3 benchmark: `kubeling up --sim-nodes 100`, then 10,000 one-container pods created
 * through the HTTPS API by 8 concurrent clients as fast as the server takes them, and the time
 * until every pod is Running with Ready=True (goal under 20 s), create-to-Running p50/p99, the
 * binding rate, and the kubeling process's resident memory (goal under 1 GiB) and CPU at that point.
 * One watch on the namespace observes binds and readiness.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureNamespace, expectStatus, http1Client, http2Client, type ApiClient } from './api-client.js';
import { startCluster, type Cluster } from './cluster.js';
import { watchPods, type PodWatch } from './pod-watch.js';
import { below, info, type Row } from './report.js';
import { cpuSeconds, rssMiB } from './resources.js';
import { percentile } from './stats.js';

const SIM_NODES = 100;
const PODS = Number(process.env.RUNNING_BENCH_PODS ?? 10_000);
const CLIENTS = 8;
const NAMESPACE = 'bench';
const IMAGE = 'busybox:1.36';
const GOAL_TOTAL_S = 20;
const GOAL_RSS_MIB = 1024;
const NODES_READY_TIMEOUT_MS = 120_000;
/** Give up when no pod became Running for this long after the last create. */
const STALL_MS = 60_000;
const TIMEOUT_MS = Number(process.env.RUNNING_BENCH_TIMEOUT_S ?? 600) * 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One progress sample: seconds since the first create and the counts seen so far. */
interface Sample {
  s: number;
  created: number;
  bound: number;
  running: number;
  rssMiB: number;
}

export interface RunningResult {
  pods: number;
  created: number;
  createErrors: number;
  firstCreateError?: string;
  createMs: number;
  totalMs: number;
  latenciesMs: number[];
  bindPerSecond: number;
  condPeakPerSecond: number;
  rssMiB: number;
  hwmMiB: number;
  serverCpuS: number;
  clientCpuS: number;
  nodesReadyMs: number;
  watchEvents: number;
  timeline: Sample[];
}

/** A pod with one container; the `app` label lets a later reader select them. */
function podBody(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench-running' } },
    spec: { containers: [{ name: 'app', image: IMAGE }], terminationGracePeriodSeconds: 0 },
  });
}

/** VmHWM (peak resident memory) of `pid` in MiB. */
function hwmMiB(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface NodeList {
  items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

/** Polls the node list until `want` nodes are Ready=True; returns the ms waited. */
export async function waitNodesReady(c: ApiClient, want: number, log: (s: string) => void): Promise<number> {
  const t0 = performance.now();
  let ready = 0;
  let total = 0;
  let lastLog = 0;
  while (performance.now() - t0 < NODES_READY_TIMEOUT_MS) {
    const res = await c.request('GET', '/api/v1/nodes');
    expectStatus(res, 200, 'list nodes');
    const list = JSON.parse(res.body.toString('utf8')) as NodeList;
    total = list.items.length;
    ready = list.items.filter((n) =>
      n.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'),
    ).length;
    if (ready >= want) return performance.now() - t0;
    if (performance.now() - lastLog > 5000) {
      log(`  nodes: ${ready} Ready of ${total} registered, want ${want}`);
      lastLog = performance.now();
    }
    await sleep(250);
  }
  throw new Error(
    `only ${ready} of ${total} nodes Ready after ${NODES_READY_TIMEOUT_MS / 1000} s (want ${want})`,
  );
}

/** Waits until every created pod is Running, failing on the overall timeout or a stall. */
async function awaitRunning(
  w: PodWatch,
  state: { created: number; creating: boolean; lastCreateAt: number },
  t0: number,
  pid: number,
  log: (s: string) => void,
): Promise<Sample[]> {
  const timeline: Sample[] = [];
  let lastRunning = -1;
  let lastProgressAt = performance.now();
  let lastLog = 0;
  let lastSampleAt = -Infinity;
  for (;;) {
    const now = performance.now();
    const running = w.runningAt.size;
    if (running !== lastRunning) {
      lastRunning = running;
      lastProgressAt = now;
    }
    if (!state.creating && running >= state.created) return timeline;
    if (now - lastSampleAt >= 1000) {
      lastSampleAt = now;
      const sample = {
        s: (now - t0) / 1000,
        created: state.created,
        bound: w.boundAt.size,
        running,
        rssMiB: rssMiB(pid),
      };
      timeline.push(sample);
      if (now - lastLog >= 2000) {
        log(
          `  t=${sample.s.toFixed(1)} s: created ${sample.created}, bound ${sample.bound}, ` +
            `running ${sample.running}, rss ${sample.rssMiB.toFixed(0)} MiB`,
        );
        lastLog = now;
      }
    }
    const stalledSince = Math.max(lastProgressAt, state.creating ? now : state.lastCreateAt);
    if (now - t0 > TIMEOUT_MS || now - stalledSince > STALL_MS) {
      const why = now - t0 > TIMEOUT_MS ? `timed out after ${TIMEOUT_MS / 1000} s` : 'no progress for 60 s';
      const trail = timeline
        .filter(
          (_, i) => i % Math.max(1, Math.floor(timeline.length / 15)) === 0 || i === timeline.length - 1,
        )
        .map((x) => `${x.s.toFixed(0)}s:${x.created}/${x.bound}/${x.running}`)
        .join(' ');
      throw new Error(
        `${why}: ${running} of ${state.created} pods Running (${w.boundAt.size} bound); ` +
          `created/bound/running over time: ${trail}; watch errors: ${w.stats.errors.join('; ') || 'none'}`,
      );
    }
    await sleep(50);
  }
}

/** Runs the measurement on a cluster that already has its nodes Ready. */
export async function runPodsToRunning(
  cluster: Cluster,
  log: (s: string) => void,
  pods = PODS,
): Promise<Omit<RunningResult, 'nodesReadyMs'>> {
  const clients = Array.from({ length: CLIENTS }, () => http2Client(cluster));
  const admin = http1Client(cluster);
  let w: PodWatch | undefined;
  try {
    await ensureNamespace(admin, NAMESPACE);
    const list = await admin.request('GET', `/api/v1/namespaces/${NAMESPACE}/pods?limit=1`);
    expectStatus(list, 200, 'list pods before watch');
    const rv = (JSON.parse(list.body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    w = watchPods(cluster, NAMESPACE, rv);
    await w.opened;
    await Promise.all(clients.map((c) => c.request('GET', `/api/v1/namespaces/${NAMESPACE}/pods?limit=1`)));

    const createdAt = new Map<string, number>();
    const state = { created: 0, creating: true, lastCreateAt: 0 };
    let errors = 0;
    let firstError: string | undefined;
    let sent = 0;
    const path = `/api/v1/namespaces/${NAMESPACE}/pods`;
    const cpu0 = cpuSeconds(cluster.pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const loop = async (c: ApiClient) => {
      while (sent < pods) {
        const name = `run-${sent++}`;
        const t = performance.now();
        const res = await c.request('POST', path, podBody(name));
        if (res.status === 201) {
          createdAt.set(name, t);
          state.created++;
          state.lastCreateAt = performance.now();
        } else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`;
        }
      }
    };
    const creating = Promise.all(clients.map(loop)).finally(() => (state.creating = false));
    const waiting = awaitRunning(w, state, t0, cluster.pid, log);
    await creating;
    const createMs = performance.now() - t0;
    log(`  ${state.created} pods created in ${(createMs / 1000).toFixed(1)} s, ${errors} errors`);
    const timeline = await waiting;
    const doneAt = Math.max(...w.runningAt.values());
    const rss = rssMiB(cluster.pid);
    const hwm = hwmMiB(cluster.pid);
    const serverCpuS = cpuSeconds(cluster.pid) - cpu0;
    const cu = process.cpuUsage(clientCpu0);

    const latencies: number[] = [];
    for (const [name, at] of w.runningAt) {
      const c = createdAt.get(name);
      if (c !== undefined) latencies.push(at - c);
    }
    const binds = [...w.boundAt.values()];
    const bindSpanS = (Math.max(...binds) - Math.min(...binds)) / 1000;
    // PodScheduled times have second resolution: take the busiest second.
    const perSecond = new Map<number, number>();
    for (const ms of w.scheduledCondAt.values()) perSecond.set(ms, (perSecond.get(ms) ?? 0) + 1);
    return {
      pods,
      created: state.created,
      createErrors: errors,
      firstCreateError: firstError,
      createMs,
      totalMs: doneAt - t0,
      latenciesMs: latencies,
      bindPerSecond: bindSpanS > 0 ? (binds.length - 1) / bindSpanS : NaN,
      condPeakPerSecond: perSecond.size > 0 ? Math.max(...perSecond.values()) : NaN,
      rssMiB: rss,
      hwmMiB: hwm,
      serverCpuS,
      clientCpuS: (cu.user + cu.system) / 1e6,
      watchEvents: w.stats.events,
      timeline,
    };
  } finally {
    w?.close();
    for (const c of clients) c.close();
    admin.close();
  }
}

/** The report rows of one run. */
export function runningRows(r: RunningResult): Row[] {
  const label = `${r.created.toLocaleString('en-US')} pods, ${SIM_NODES} sim nodes`;
  const secs = r.totalMs / 1000;
  const rows: Row[] = [
    below(`${label}: first create to all Running+Ready`, secs, 's', GOAL_TOTAL_S),
    below(`${label}: kubeling resident memory (VmRSS) then`, r.rssMiB, 'MiB', GOAL_RSS_MIB),
    info(`${label}: create-to-Running p50`, percentile(r.latenciesMs, 50), 'ms'),
    info(`${label}: create-to-Running p99`, percentile(r.latenciesMs, 99), 'ms'),
    info(`${label}: pods bound per second (watch, first to last bind)`, r.bindPerSecond, 'pods/s'),
    info(`${label}: pods scheduled in the busiest second (PodScheduled)`, r.condPeakPerSecond, 'pods'),
    info(
      `${label}: creates (${CLIENTS} h2 clients)`,
      `${r.created} in ${(r.createMs / 1000).toFixed(1)} s = ${Math.round(r.created / (r.createMs / 1000))}/s, ${r.createErrors} errors`,
    ),
    info(
      `${label}: kubeling CPU time (core use)`,
      `${r.serverCpuS.toFixed(1)} s (${((r.serverCpuS / secs) * 100).toFixed(0)}%), ${((r.serverCpuS * 1000) / r.created).toFixed(2)} ms/pod`,
    ),
    info(`${label}: peak resident memory (VmHWM)`, r.hwmMiB, 'MiB'),
    info(`${label}: benchmark client CPU, watch events`, `${r.clientCpuS.toFixed(1)} s, ${r.watchEvents}`),
    info(`${SIM_NODES + 1} nodes Ready after the ready line`, r.nodesReadyMs, 'ms'),
  ];
  if (r.firstCreateError) rows.push(info(`${label}: first create error`, r.firstCreateError.slice(0, 70)));
  return rows;
}

/**
 * Starts `kubeling up --sim-nodes 100` on a temp dir under `tmpRoot`, waits for 101 Ready nodes,
 * runs the measurement and stops the cluster (by PID) and removes the dir. `nodeArgs` go to node
 * (e.g. `--cpu-prof`); `stopGraceMs` lets a profiled process write its profile on exit.
 */
export async function benchPodsRunning(
  tmpRoot: string,
  log: (s: string) => void,
  opts: { nodeArgs?: string[]; stopGraceMs?: number } = {},
): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpRoot, 'running-'));
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({
      dataDir: dir,
      pollReadyz: false,
      nodeArgs: opts.nodeArgs,
      upArgs: ['--sim-nodes', String(SIM_NODES)],
    });
    const admin = http1Client(cluster);
    let nodesReadyMs: number;
    try {
      nodesReadyMs = await waitNodesReady(admin, SIM_NODES + 1, log);
    } finally {
      admin.close();
    }
    log(`  ${SIM_NODES + 1} nodes Ready after ${(nodesReadyMs / 1000).toFixed(1)} s; creating ${PODS} pods`);
    let r: Omit<RunningResult, 'nodesReadyMs'>;
    try {
      r = await runPodsToRunning(cluster, log);
    } catch (err) {
      const tail = cluster.stderrTail().trim().split('\n').slice(-8).join('\n');
      if (err instanceof Error && tail) err.message += `\nkubeling stderr (last lines):\n${tail}`;
      throw err;
    }
    return runningRows({ ...r, nodesReadyMs });
  } finally {
    await cluster?.stop(opts.stopGraceMs ?? 5000);
    await rm(dir, { recursive: true, force: true });
  }
}
