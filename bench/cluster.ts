/**
 * @module bench/cluster
 * Starts the real `kubeling up` CLI as a child process for the benchmark, times how long it takes
 * to become ready, and stops it again by PID. Every spawned PID is remembered so that
 * `killAllClusters` can clean up after a failure or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The launcher of the CLI, resolved from dist/bench/ or bench/ alike. */
function findCli(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.endsWith(join('dist', 'bench')) ? join(here, '..', '..') : join(here, '..');
  return join(root, 'bin', 'kubeling.js');
}

export const CLI = findCli();

/** The node flags of the launcher's `#!/usr/bin/env -S node …` line, so the benchmark runs kubeling as a user does. */
export function launcherNodeFlags(cli = CLI): string[] {
  const first = readFileSync(cli, 'utf8').split('\n', 1)[0];
  const m = /^#!\S*env -S node((?:\s+--\S+)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

/**
 * Node flags for the kubeling process from `BENCH_NODE_FLAGS` (space-separated, e.g. `--trace-gc`),
 * for investigating a run; its stdout can be kept with `BENCH_SERVER_STDOUT=FILE`.
 */
function extraNodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/** `sim` so that a later node agent never launches real containers for benchmark pods. */
const RUNTIME = 'sim';
const READY_TIMEOUT_MS = 60_000;
const live = new Set<ChildProcess>();

export interface StartOptions {
  dataDir: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Extra `kubeling up` flags, e.g. `['--sim-nodes', '100']`. */
  upArgs?: string[];
  /**
   * Run `kubeling server --disable-scheduler` (the API server, storage and controllers, no node and no
   * scheduler) instead of `kubeling up`: for the API figures, so pods created by the benchmark are
   * not also scheduled and run. Default false.
   */
  controlPlaneOnly?: boolean;
  /** Poll /readyz while starting to time it (a few ms of extra load). Default true. */
  pollReadyz?: boolean;
  /** `kubeling up --runtime` (not for controlPlaneOnly). Default `sim`. */
  runtime?: 'sim' | 'oci' | 'process';
}

export interface Cluster {
  pid: number;
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  ca: string;
  /** ms from spawn until the "kubeling is ready" line was read from stdout. */
  readyLineMs: number;
  /** The time to ready kubeling itself printed ("kubeling is ready (1.23s)"), in ms. */
  selfReportedMs: number;
  /** ms from spawn until GET /readyz answered 200 `ok` (NaN when not polled). */
  readyzMs: number;
  /** Sends SIGTERM, waits for exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** The last few KB of the child's stderr, for error messages. */
  stderrTail(): string;
}

/** A free loopback port, so /readyz can be polled before the ready line tells us the port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns `kubeling up` on `dataDir` and resolves once it is ready (both signals when polled). */
export async function startCluster(opts: StartOptions): Promise<Cluster> {
  const port = await freePort();
  const args = [
    ...launcherNodeFlags(),
    ...extraNodeFlags(),
    ...(opts.nodeArgs ?? []),
    CLI,
    opts.controlPlaneOnly ? 'server' : 'up',
    '--data-dir',
    opts.dataDir,
    '--port',
    String(port),
    ...(opts.upArgs ?? []),
  ];
  const t0 = performance.now();
  const modeArgs = opts.controlPlaneOnly ? ['--disable-scheduler'] : ['--runtime', opts.runtime ?? RUNTIME];
  const child = spawn(process.execPath, [...args, ...modeArgs, '--bind-address', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  let stdout = '';
  const tee = process.env.BENCH_SERVER_STDOUT;
  if (tee) child.stdout!.pipe(createWriteStream(tee));
  const readyLine = new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.includes('kubeling is ready')) return;
      stdout += d;
      if (stdout.includes('kubeling is ready')) resolve(performance.now() - t0);
    });
    child.once('exit', (code, sig) =>
      reject(new Error(`kubeling up exited (${code ?? sig}) before ready: ${stderr.slice(-600)}`)),
    );
  });
  readyLine.catch(() => undefined);
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    const deadline = t0 + READY_TIMEOUT_MS;
    const readyzMs = opts.pollReadyz === false ? NaN : await pollReadyz(port, t0, deadline, readyLine);
    const readyLineMs = await withTimeout(readyLine, deadline - performance.now(), 'ready line');
    const self = /kubeling is ready \(([\d.]+)s\)/.exec(stdout);
    const selfReportedMs = self ? Number(self[1]) * 1000 : NaN;
    const kubeconfigPath = join(opts.dataDir, 'kubeconfig');
    const kc = parseKubeconfig(readFileSync(kubeconfigPath, 'utf8'));
    return {
      pid: child.pid!,
      port,
      kubeconfigPath,
      readyLineMs,
      readyzMs,
      selfReportedMs,
      stop,
      stderrTail: () => stderr,
      ...kc,
    };
  } catch (err) {
    await stop(1000);
    throw err;
  }
}

/** Kills every cluster still running (used on failure and on SIGINT). */
export function killAllClusters(): void {
  for (const c of live) c.kill('SIGKILL');
}

function parseKubeconfig(text: string): { url: string; token: string; ca: string } {
  const kc = parse(text) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  return {
    url: kc.clusters[0].cluster.server,
    ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString('utf8'),
    token: kc.users[0].user.token,
  };
}

/**
 * Polls GET /readyz over HTTPS every ~3 ms until it answers 200 `ok`. One keep-alive connection
 * is reused once it exists, so the server pays for one TLS handshake, not one per poll. The
 * certificate is not checked: on a fresh data dir the CA does not exist yet.
 */
async function pollReadyz(
  port: number,
  t0: number,
  deadline: number,
  failure: Promise<unknown>,
): Promise<number> {
  let dead: unknown;
  failure.catch((e) => (dead = e));
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  try {
    while (performance.now() < deadline) {
      if (dead) throw dead;
      if (await readyzOnce(port, agent)) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 3));
    }
    throw new Error('timed out waiting for /readyz');
  } finally {
    agent.destroy();
  }
}

function readyzOnce(port: number, agent: https.Agent): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/readyz', agent, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'ok'));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), Math.max(0, ms));
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
