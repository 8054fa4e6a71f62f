/**
 * @module bench/oci-host
 * Host plumbing for the oci benchmark: running a command and timing it to its return, installing
 * Debian's docker.io, podman and catatonit when missing (as root, no service started), and the
 * cleanup helpers that leave the machine as it was — unmounting whatever is still mounted under a
 * directory, and removing host paths the container engines create only when they did not exist
 * before the benchmark.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface CmdResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** ms from spawn to exit. */
  ms: number;
}

/** Runs `cmd args` (no shell, stdin closed), resolves with its exit and output; never throws on exit codes. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<CmdResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = execFile(
      cmd,
      args,
      {
        env: opts.env ?? process.env,
        timeout: opts.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
        maxBuffer: 16 << 20,
        cwd: opts.cwd,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({
          code: err && code === 0 ? 1 : code,
          stdout: String(stdout),
          stderr: String(stderr) + (err && code === null ? ` (${err.message})` : ''),
          ms: performance.now() - t0,
        });
      },
    );
    child.stdin?.end();
  });
}

/** Like {@link run} but throws, with the command's output, unless it exits 0. */
export async function mustRun(
  cmd: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<CmdResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    const out = `${r.stderr.trim()} ${r.stdout.trim()}`.trim().slice(-600);
    throw new Error(`${cmd} ${args.slice(0, 6).join(' ')} exited ${r.code}: ${out}`);
  }
  return r;
}

/**
 * Runs a command whose stdio must not be held open after it returns (`runc run -d` hands its
 * stdio to the container): stdio goes to /dev/null. Resolves with the exit code and the ms to exit.
 */
export function runDetached(
  cmd: string,
  args: readonly string[],
): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.once('error', () => resolve({ code: null, ms: performance.now() - t0 }));
    child.once('exit', (code) => resolve({ code, ms: performance.now() - t0 }));
  });
}

/** Whether a Debian package is installed. */
async function dpkgInstalled(pkg: string): Promise<boolean> {
  const r = await run('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return r.code === 0 && r.stdout.trim() === 'install ok installed';
}

/**
 * Installs the Debian packages among `pkgs` that are missing, as root with apt-get, with a
 * policy-rc.d refusing every service start (put there only for the install when none exists).
 * Returns undefined when all are installed afterwards, else why not.
 */
export async function ensureDebianPackages(
  pkgs: readonly string[],
  log: (s: string) => void,
): Promise<string | undefined> {
  const missing: string[] = [];
  for (const p of pkgs) if (!(await dpkgInstalled(p))) missing.push(p);
  if (missing.length === 0) return undefined;
  if (process.getuid?.() !== 0) return `not installed: ${missing.join(', ')} (and not root to install them)`;
  if (!existsSync('/usr/bin/apt-get')) return `not installed: ${missing.join(', ')} (no apt-get)`;
  log(`  installing ${missing.join(' ')} with apt-get (no services started) ...`);
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
        env,
        timeoutMs: 600_000,
      });
    let r = await install();
    if (r.code !== 0) {
      await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
      r = await install();
    }
    if (r.code !== 0) return `apt-get install ${missing.join(' ')} failed: ${r.stderr.trim().slice(-300)}`;
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  const still: string[] = [];
  for (const p of missing) if (!(await dpkgInstalled(p))) still.push(p);
  return still.length ? `not installed after apt-get: ${still.join(', ')}` : undefined;
}

/** Mount points at or under `dir`, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const f = line.split(' ');
    if (f.length < 5) continue;
    const mp = f[4].replace(/\\040/g, ' ');
    if (mp === dir || mp.startsWith(prefix)) out.push(mp);
  }
  return out.reverse();
}

/** Unmounts (lazily, as a last resort) everything still mounted under `dir`, then removes `dir`. */
export async function unmountAndRemove(dir: string): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const mps = mountsUnder(dir);
    if (mps.length === 0) break;
    for (const mp of mps) await run('umount', pass < 2 ? [mp] : ['-l', mp]);
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Records which of `paths` exist now; `restore()` later removes those that did not (the state and
 * socket directories a container engine creates outside its own data dirs).
 */
export function trackHostPaths(paths: readonly string[]): { restore(): string[] } {
  const before = new Set(paths.filter((p) => existsSync(p)));
  return {
    restore() {
      const removed: string[] = [];
      for (const p of paths) {
        if (before.has(p) || !existsSync(p)) continue;
        rmSync(p, { recursive: true, force: true });
        removed.push(p);
      }
      return removed;
    },
  };
}

/**
 * Records which of the cgroup directories `names` (e.g. `docker`, `libpod_parent`, which the
 * engines create at the top of every hierarchy) exist now; `restore()` later removes, deepest
 * first, those that did not (only empty cgroups can be removed, so a busy one stays).
 */
export function trackCgroupParents(names: readonly string[]): { restore(): void; ours: string[] } {
  const roots = cgroupRoots();
  const dirs = roots.flatMap((r) => names.map((n) => join(r, n)));
  const before = new Set(dirs.filter((d) => existsSync(d)));
  return {
    /** The names that did not exist before (whose processes are all ours). */
    ours: names.filter((n) => roots.every((r) => !before.has(join(r, n)))),
    restore() {
      for (const d of dirs) if (!before.has(d) && existsSync(d)) rmdirTree(d);
    },
  };
}

/** The cgroup hierarchies' mount points: /sys/fs/cgroup itself (v2) or its per-controller dirs (v1). */
function cgroupRoots(): string[] {
  const base = '/sys/fs/cgroup';
  if (existsSync(join(base, 'cgroup.controllers'))) return [base];
  try {
    return readdirSync(base, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(base, e.name));
  } catch {
    return [];
  }
}

function rmdirTree(dir: string): void {
  try {
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) rmdirTree(join(dir, e.name));
    rmdirSync(dir);
  } catch {
    // busy or gone
  }
}

/**
 * Processes whose command line mentions `dir` (the engines' monitors and cleanup helpers we
 * started, e.g. conmon or `podman container cleanup`): waits up to `waitMs` for them to end by
 * themselves, then SIGKILLs each by PID. Returns how many had to be killed.
 */
export async function endProcessesUsing(dir: string, waitMs: number): Promise<number> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const pids = pidsMentioning(dir);
    if (pids.length === 0) return 0;
    if (performance.now() > deadline) {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      return pids.length;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function pidsMentioning(dir: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(dir)) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (x: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const abortHooks = new Set<() => void>();

/**
 * Registers a synchronous best-effort cleanup for when the benchmark is interrupted (SIGINT or
 * SIGTERM) while something is running; returns the function that unregisters it once the normal
 * cleanup has run.
 */
export function onAbort(fn: () => void): () => void {
  abortHooks.add(fn);
  return () => abortHooks.delete(fn);
}

/** Runs the registered abort cleanups, newest first (called by bench/run.ts on a signal). */
export function runAbortHooks(): void {
  for (const fn of [...abortHooks].reverse()) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
  abortHooks.clear();
}

/** SIGKILLs every process mentioning `dir`, lazily unmounts what is mounted under it, removes it. */
export function killUnmountRemoveSync(dir: string): void {
  for (const pid of pidsMentioning(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const mp of mountsUnder(dir)) spawnSync('umount', ['-l', mp]);
  rmSync(dir, { recursive: true, force: true });
}

/** SIGKILLs every process in the cgroup trees named `name` under each hierarchy. */
export function killCgroupTreeSync(name: string): void {
  const kill = (dir: string) => {
    try {
      for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean))
        process.kill(Number(pid), 'SIGKILL');
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) kill(join(dir, e.name));
    } catch {
      // gone
    }
  };
  for (const r of cgroupRoots()) kill(join(r, name));
}
