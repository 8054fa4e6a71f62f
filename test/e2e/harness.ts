/**
 * @module test/e2e/harness
 * Starts a real `kubeling up` child process on a temporary data dir and drives it with the real kubectl.
 * Each test file calls {@link useCluster} once: one cluster per file, shared by its tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

/** kubectl pinned to the server's minor version; the `kubectl` dispatcher on the PATH is the fallback. */
const PINNED_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
export const KUBECTL_BIN = existsSync(PINNED_KUBECTL) ? PINNED_KUBECTL : 'kubectl';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const KUBECTL_TIMEOUT_MS = 30_000;

/** The repository root: the nearest ancestor of this file holding package.json and bin/kubeling.js. */
export const REPO_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bin', 'kubeling.js'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('e2e harness: cannot find the repository root');
    dir = up;
  }
  return dir;
})();

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Text written to kubectl's stdin (then closed). */
  stdin?: string;
  /** Extra environment variables (e.g. KUBE_EDITOR). */
  env?: Record<string, string>;
  /** When false (default) a non-zero exit throws with kubectl's output. */
  allowFail?: boolean;
  timeoutMs?: number;
}

/** A kubectl process left running in the background (e.g. `get -w`). */
export interface BackgroundKubectl {
  readonly pid: number;
  /** Everything printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches; rejects after the deadline with the output seen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process has ended by itself. */
  exitCode(): Promise<number | null>;
  /** SIGTERM by PID, then waits for exit. */
  kill(): Promise<void>;
}

export interface Cluster {
  url: string;
  readonly kubeconfig: string;
  readonly dataDir: string;
  /** A scratch directory for manifests, removed with the cluster. */
  readonly workDir: string;
  /** Writes `text` to `workDir/name` and returns the path. */
  file(name: string, text: string): string;
  kubectl(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  kubectlBackground(args: string[], env?: Record<string, string>): BackgroundKubectl;
  /** SIGTERM by PID, waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL by PID, waits for the process to exit. */
  kill9(): Promise<void>;
  /** Starts a new server on the same data dir (port 0, so a new port); updates `url`. */
  restart(): Promise<void>;
}

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startServer(dataDir: string, command: string[]): Promise<Server> {
  // The launcher itself (its shebang carries kubeling's node flags), as a user runs it.
  const child = spawn(
    join(REPO_ROOT, 'bin', 'kubeling.js'),
    [...command, '--data-dir', dataDir, '--port', '0'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const output = () => out;
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`kubeling did not become ready: ${why}\n--- output ---\n${out}`));
    };
    const timer = setTimeout(() => fail(`timeout after ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const check = () => {
      if (!/kubeling is ready/.test(out)) return;
      const m = /API server:\s+(https:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(m[1]);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, sig) => fail(`exited early (code ${code}, signal ${sig})`));
  });
  child.removeAllListeners('exit');
  return { child, url, output };
}

/** Runs one kubectl command against the cluster (never through a shell). */
function runKubectl(base: string[], args: string[], opts: KubectlOptions): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL_BIN, [...base, ...args], {
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timeoutMs = opts.timeoutMs ?? KUBECTL_TIMEOUT_MS;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const res = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (signal === 'SIGKILL') stderr += `\n[harness: killed after ${timeoutMs} ms]`;
      if (res.code !== 0 && !opts.allowFail) {
        reject(
          new Error(`kubectl ${args.join(' ')} exited ${res.code}\nstdout:\n${stdout}\nstderr:\n${stderr}`),
        );
      } else resolve(res);
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

function background(base: string[], args: string[], env?: Record<string, string>): BackgroundKubectl {
  const child = spawn(KUBECTL_BIN, [...base, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, timeoutMs = 10_000) =>
      eventually(
        () => {
          if (!pattern.test(out))
            throw new Error(`no match for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        },
        { timeoutMs, intervalMs: 50 },
      ),
    exitCode: async () => {
      await exited(child);
      return child.exitCode;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
      await exited(child);
    },
  };
}

/**
 * Retries `fn` until it stops throwing, or rethrows its last error after the deadline.
 * Returns what `fn` returned.
 */
/** `kubectl get events` for one object (and one reason), as the table kubectl prints. */
export async function eventsOf(k: Pick<Cluster, 'kubectl'>, name: string, reason?: string): Promise<string> {
  const selector = `involvedObject.name=${name}${reason ? `,reason=${reason}` : ''}`;
  return (await k.kubectl(['get', 'events', '--field-selector', selector])).stdout;
}

export async function eventually<T>(
  fn: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

export interface ClusterOptions {
  /**
   * The kubeling command and its flags. Default `server`: the control plane without a node, so the
   * API tests see pods stay Pending; node tests use `up` (with `--runtime sim`).
   */
  command?: string[];
  /** Runs before kubeling first starts, with its (empty) data dir: files it reads at start. */
  prepare?(dataDir: string): Promise<void>;
  /** Runs after kubeling stopped for good, before the data dir goes: what it leaves running on purpose. */
  cleanup?(dataDir: string): Promise<void>;
}

/** Starts a cluster in a fresh temp dir. The caller must `dispose()` it. */
export async function startCluster(
  opts: ClusterOptions = {},
): Promise<Cluster & { dispose(): Promise<void> }> {
  const command = opts.command ?? ['server'];
  const root = mkdtempSync(join(tmpdir(), 'kubeling-e2e-'));
  const dataDir = join(root, 'data');
  const workDir = join(root, 'work');
  const cacheDir = join(root, 'kube-cache');
  const kubeconfig = join(dataDir, 'kubeconfig');
  mkdirSync(workDir);
  let server: Server;
  try {
    if (opts.prepare) {
      mkdirSync(dataDir, { recursive: true });
      await opts.prepare(dataDir);
    }
    server = await startServer(dataDir, command);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir];
  const watchers = new Set<BackgroundKubectl>();
  const cluster = {
    url: server.url,
    kubeconfig,
    dataDir,
    workDir,
    file(name: string, text: string) {
      const p = join(workDir, name);
      writeFileSync(p, text);
      return p;
    },
    kubectl: (args: string[], opts: KubectlOptions = {}) => runKubectl(base, args, opts),
    kubectlBackground(args: string[], env?: Record<string, string>) {
      const bg = background(base, args, env);
      watchers.add(bg);
      return bg;
    },
    async stop() {
      const { child } = server;
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited(child);
        clearTimeout(timer);
      }
    },
    async kill9() {
      const { child } = server;
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
      await exited(child);
    },
    async restart() {
      await cluster.stop();
      server = await startServer(dataDir, command);
      cluster.url = server.url;
    },
    /** Server output so far (for failure messages). */
    serverOutput: () => server.output(),
    async dispose() {
      for (const w of watchers) await w.kill();
      await cluster.stop();
      await opts.cleanup?.(dataDir);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}

/**
 * Registers `before`/`after` hooks that start one cluster for the calling test file and remove it at the
 * end. Returns an accessor valid inside tests. `setup` runs inside the same `before` hook, after the start
 * (top-level hooks of one file are not awaited one after another on Node 20, so files must not add their
 * own `before`).
 */
export function useCluster(
  setup?: (cluster: Cluster) => Promise<void>,
  opts: ClusterOptions = {},
): () => Cluster {
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  before(async () => {
    cluster = await startCluster(opts);
    await setup?.(cluster);
  });
  after(async () => {
    await cluster?.dispose();
  });
  return () => {
    if (!cluster) throw new Error('cluster not started');
    return cluster;
  };
}

/** Splits a kubectl table into rows of cells (columns are separated by 3+ spaces or aligned). */
export function parseTable(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { header: [], rows: [] };
  const headerLine = lines[0];
  // Column starts are where header words begin after 2+ spaces (kubectl pads with at least 3).
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(headerLine))) starts.push(m.index);
  const header = starts.map((s, i) => headerLine.slice(s, starts[i + 1]).trim());
  const rows = lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = line.slice(starts[i], starts[i + 1]).trim()));
    return row;
  });
  return { header, rows };
}
