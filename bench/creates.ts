/**
 * @module bench/creates
 * Measurement 2: pod creates per second through the HTTPS API with concurrent clients, each on
 * its own connection (HTTP/1.1 keep-alive or one HTTP/2 session), every client sending one
 * create at a time. Also used, untimed, to fill a namespace with a given number of pods.
 */
import { performance } from 'node:perf_hooks';
import {
  ensureNamespace,
  http1Client,
  http2Client,
  minimalPod,
  type ApiClient,
  type Endpoint,
} from './api-client.js';
import { atLeast, below, info, type Row } from './report.js';
import { cpuSeconds } from './resources.js';
import { percentile } from './stats.js';

export interface CreateRun {
  protocol: 'http/1.1' | 'h2';
  clients: number;
  /** Pods acknowledged with 201. */
  created: number;
  /** Responses other than 201 (the first one's text is in `firstError`). */
  errors: number;
  firstError?: string;
  elapsedMs: number;
  perSecond: number;
  latenciesMs: number[];
  /** CPU seconds the server used during the run (NaN without `serverPid`). */
  serverCpuS: number;
  /** CPU seconds this benchmark process (the clients) used during the run. */
  clientCpuS: number;
}

export interface CreateOptions {
  namespace: string;
  protocol: 'http/1.1' | 'h2';
  clients: number;
  /** Stop sending after this long (default no limit). */
  durationMs?: number;
  /** Stop after this many pods were sent. */
  maxPods: number;
  /** Pod name prefix (default the protocol). */
  prefix?: string;
  /** The server's PID, to measure the CPU it spends (a figure that holds on a busy machine too). */
  serverPid?: number;
}

/** Runs `clients` loops of sequential creates until the time or pod budget is used up. */
export async function runCreates(ep: Endpoint, o: CreateOptions): Promise<CreateRun> {
  const make = o.protocol === 'h2' ? http2Client : http1Client;
  const clients: ApiClient[] = Array.from({ length: o.clients }, () => make(ep));
  try {
    await ensureNamespace(clients[0], o.namespace);
    // Warm every connection (TLS handshake, h2 settings) outside the timed window.
    await Promise.all(clients.map((c) => c.request('GET', `/api/v1/namespaces/${o.namespace}/pods?limit=1`)));
    const prefix = o.prefix ?? (o.protocol === 'h2' ? 'h2' : 'h1');
    const path = `/api/v1/namespaces/${o.namespace}/pods`;
    const latencies: number[] = [];
    let sent = 0;
    let created = 0;
    let errors = 0;
    let firstError: string | undefined;
    const serverCpu0 = o.serverPid ? cpuSeconds(o.serverPid) : NaN;
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const end = o.durationMs === undefined ? Infinity : t0 + o.durationMs;
    const loop = async (c: ApiClient) => {
      while (sent < o.maxPods && performance.now() < end) {
        const body = minimalPod(`${prefix}-${sent++}`);
        const t = performance.now();
        const res = await c.request('POST', path, body);
        latencies.push(performance.now() - t);
        if (res.status === 201) created++;
        else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`;
        }
      }
    };
    await Promise.all(clients.map(loop));
    const elapsedMs = performance.now() - t0;
    const serverCpuS = o.serverPid ? cpuSeconds(o.serverPid) - serverCpu0 : NaN;
    const cu = process.cpuUsage(clientCpu0);
    return {
      protocol: o.protocol,
      clients: o.clients,
      created,
      errors,
      firstError,
      elapsedMs,
      perSecond: created / (elapsedMs / 1000),
      latenciesMs: latencies,
      serverCpuS,
      clientCpuS: (cu.user + cu.system) / 1e6,
    };
  } finally {
    for (const c of clients) c.close();
  }
}

/** Rows for one timed run: throughput and p99 against their goals, p50 and counts for information. */
export function createRows(r: CreateRun): Row[] {
  const label = `pod creates, ${r.clients} clients, ${r.protocol}`;
  const rows = [
    atLeast(`${label}: throughput`, r.perSecond, 'pods/s', 2000),
    below(`${label}: p99 latency`, percentile(r.latenciesMs, 99), 'ms', 50),
    info(`${label}: p50 latency`, percentile(r.latenciesMs, 50), 'ms'),
    info(
      `${label}: created / errors / seconds`,
      `${r.created} / ${r.errors} / ${(r.elapsedMs / 1000).toFixed(1)}`,
    ),
  ];
  const secs = r.elapsedMs / 1000;
  rows.push(
    info(
      `${label}: server CPU per pod (core use)`,
      `${((r.serverCpuS * 1000) / r.created).toFixed(2)} ms (${((r.serverCpuS / secs) * 100).toFixed(0)}%)`,
    ),
    info(`${label}: client CPU (core use)`, `${((r.clientCpuS / secs) * 100).toFixed(0)}%`),
  );
  if (r.firstError) rows.push(info(`${label}: first error`, r.firstError.slice(0, 70)));
  return rows;
}

const WARMUP_MS = 4000;

/**
 * The timed create benchmark over HTTP/1.1 then HTTP/2, each into its own namespace, after an
 * untimed warm-up with both protocols: a cold server (JIT not yet warm) is about twice as slow
 * for its first few thousand creates, which is not what a running cluster sees.
 */
export async function benchCreates(
  ep: Endpoint & { pid: number },
  log: (s: string) => void,
): Promise<{ rows: Row[]; runs: CreateRun[] }> {
  const rows: Row[] = [];
  for (const protocol of ['http/1.1', 'h2'] as const) {
    const w = await runCreates(ep, {
      namespace: 'bench-warmup',
      protocol,
      clients: 8,
      durationMs: WARMUP_MS / 2,
      maxPods: 20_000,
      prefix: `warm-${protocol === 'h2' ? 'h2' : 'h1'}`,
    });
    log(`  warm-up ${protocol}: ${Math.round(w.perSecond)} pods/s, ${w.errors} errors`);
    if (w.created === 0)
      throw new Error(`no pod was created over ${protocol}: ${w.firstError ?? 'no response'}`);
    rows.push(
      info(
        `pod creates, cold server, first ${WARMUP_MS / 2000} s over ${protocol} (untimed warm-up)`,
        w.perSecond,
        'pods/s',
      ),
    );
  }
  const runs: CreateRun[] = [];
  for (const protocol of ['http/1.1', 'h2'] as const) {
    const ns = protocol === 'h2' ? 'bench-h2' : 'bench-h1';
    const r = await runCreates(ep, {
      namespace: ns,
      protocol,
      clients: 8,
      durationMs: 10_000,
      maxPods: 20_000,
      serverPid: ep.pid,
    });
    log(`  ${protocol}: ${r.created} pods in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.errors} errors`);
    if (r.created === 0)
      throw new Error(`no pod was created over ${protocol}: ${r.firstError ?? 'no response'}`);
    runs.push(r);
  }
  return { rows: [...runs.flatMap(createRows), ...rows], runs };
}
