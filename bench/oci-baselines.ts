/**
 * @module bench/oci-baselines
 * What kubeling's create-to-Running is compared with, each starting the same busybox `sleep 3600`
 * `n` times one after another and timing each command to its return (the container running):
 *
 * - the floor: bare `runc run -d` of the busybox rootfs unpacked once, a fresh bundle (config.json)
 *   per container and a runc state root of its own, in blocks (the first run of each uncounted);
 *   then as many again, each after a pause (for
 *   the report only: on a VM, runc started right after the previous one runs markedly faster than
 *   runc started from a quiet machine, as it is in a pipeline such as kubeling's);
 * - `docker run -d --network none` against Debian's dockerd, started here with its own data,
 *   exec root and socket, no bridge and no iptables or forwarding changes, the image pulled from
 *   the loopback test registry;
 * - `podman kube play --network none` of a one-container pod, Debian's podman with its own
 *   storage, run root, runc state root and network config dir.
 *
 * Each is timed in blocks, as the floor is, with one warm-up run when opened and one uncounted
 * run at the start of each block; a block's containers are removed after it. Everything is removed
 * at the end: containers, the daemons (by PID), mounts under the temp dirs and the host paths the
 * engines create.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TestImage, TestImageSet } from '../test/images/build.js';
import { DOCKER_DEFAULT_CAPS, unpackImage } from '../test/images/runc-check.js';
import {
  type CmdResult,
  endProcessesUsing,
  forEachLimit,
  killCgroupTreeSync,
  killUnmountRemoveSync,
  mustRun,
  onAbort,
  run,
  runDetached,
  trackCgroupParents,
  trackHostPaths,
  unmountAndRemove,
} from './oci-host.js';

/** The measured command's durations, or why the engine could not be measured here. */
export type Baseline = { ms: number[] } | { na: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RuncFloor {
  /** One right after another: the floor. */
  ms: number[];
  /** Each after a pause of `pauseMs`. */
  pausedMs: number[];
  pauseMs: number;
}

const FLOOR_PAUSE_MS = 50;
const BLOCK_SETTLE_MS = 300;

/** Bare runc, block by block (./oci.ts alternates the blocks with kubeling's pods). */
export interface RuncFloorSession extends EngineSession {
  /** `n` runs, each after a pause of `pauseMs`: their times. */
  paused(n: number): Promise<number[]>;
  readonly pauseMs: number;
}

/** Bare runc: `runc run -d` of a shared read-only rootfs with a fresh bundle each. */
export async function openRuncFloor(
  dir: string,
  set: TestImageSet,
  image: TestImage,
  log: (s: string) => void,
): Promise<RuncFloorSession> {
  const rootfs = join(dir, 'rootfs');
  const state = join(dir, 'state');
  /** The containers running now (a block's are deleted after it, off the clock). */
  const ids: string[] = [];
  let started = 0;
  const unhook = onAbort(() => {
    for (const id of ids) spawnSync('runc', ['--root', state, 'delete', '--force', id]);
    killUnmountRemoveSync(dir);
  });
  const deleteAll = async () => {
    await forEachLimit(ids.splice(0), 8, (id) => run('runc', ['--root', state, 'delete', '--force', id]));
  };
  const close = async () => {
    await deleteAll();
    await unmountAndRemove(dir);
    unhook();
  };
  try {
    await mkdir(rootfs, { recursive: true });
    await unpackImage(set, image, rootfs);
    const tmpl = join(dir, 'template');
    await mkdir(tmpl);
    await mustRun('runc', ['spec'], { cwd: tmpl });
    const imageConfig = JSON.parse(await readFile(set.blobPath(image.config.digest), 'utf8')).config as {
      Env?: string[];
    };
    const spec = JSON.parse(await readFile(join(tmpl, 'config.json'), 'utf8'));
    spec.root = { path: rootfs, readonly: true };
    spec.process.terminal = false;
    spec.process.args = ['sleep', '3600'];
    spec.process.env = imageConfig.Env ?? [
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ];
    spec.process.cwd = '/';
    for (const kind of ['bounding', 'effective', 'permitted'])
      spec.process.capabilities[kind] = DOCKER_DEFAULT_CAPS;
    delete spec.process.capabilities.inheritable;
    delete spec.process.capabilities.ambient;
    const one = async (): Promise<number> => {
      const i = started++;
      const id = `kubeling-bench-floor-${process.pid}-${i}`;
      const bundle = join(dir, `b${i}`);
      await mkdir(bundle);
      await writeFile(join(bundle, 'config.json'), JSON.stringify({ ...spec, hostname: `floor-${i}` }));
      ids.push(id);
      const r = await runDetached('runc', ['--root', state, 'run', '-d', '--bundle', bundle, id]);
      if (r.code !== 0) throw new Error(`runc run -d ${id} exited ${r.code}`);
      return r.ms;
    };
    const checkRunning = async () => {
      const list = await mustRun('runc', ['--root', state, 'list', '-q']);
      const running = list.stdout.split('\n').filter(Boolean).length;
      if (running !== ids.length)
        throw new Error(`runc floor: ${running} containers listed, want ${ids.length}`);
    };
    return {
      pauseMs: FLOOR_PAUSE_MS,
      async block(n) {
        // What the other measurement set going in the background (kubeling refilling its pools
        // once its pods are started) has settled first, then one uncounted run warms up.
        await sleep(BLOCK_SETTLE_MS);
        await one();
        const ms: number[] = [];
        for (let i = 0; i < n; i++) ms.push(await one());
        await checkRunning();
        // Gone before the other measurement goes on, so that it runs on the host as it was.
        await deleteAll();
        return ms;
      },
      async paused(n) {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          await sleep(FLOOR_PAUSE_MS);
          ms.push(await one());
        }
        await checkRunning();
        log(`  runc floor: ${started} containers started`);
        return ms;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Stops a daemon by PID: SIGTERM, SIGKILL after `graceMs`; resolves once it exited. */
async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Host paths dockerd and its containerd create outside --data-root/--exec-root. */
const DOCKER_HOST_PATHS = ['/run/docker', '/run/containerd', '/etc/docker/key.json', '/var/lib/docker'];

/** An engine timed block by block between kubeling's pods (./oci.ts), as the floor is. */
export interface EngineSession {
  /**
   * After a settle, one uncounted run and then `n` runs one right after another: their times. The
   * block's containers are removed after it, off the clock.
   */
  block(n: number): Promise<number[]>;
  /** Removes what it started, stops its daemon (by PID) and removes its directory. */
  close(): Promise<void>;
}

/** The engine ready to be timed, or why it cannot be here. */
export type OpenedEngine = EngineSession | { na: string };

/**
 * An engine's last step: what still runs from `dir` ends (after `waitMs`), its mounts go and it is
 * removed, the host paths and cgroups it made are put back, and the abort hook is dropped.
 */
async function leaveNothing(
  dir: string,
  waitMs: number,
  tracked: { restore(): unknown }[],
  unhook: () => void,
): Promise<void> {
  await endProcessesUsing(dir, waitMs);
  await unmountAndRemove(dir);
  for (const t of tracked) t.restore();
  unhook();
}

/** A block of an engine: a settle, one uncounted run, then `n` timed right after one another. */
async function timedBlock(
  n: number,
  one: () => Promise<CmdResult>,
  failure: (r: CmdResult) => string,
): Promise<number[]> {
  await sleep(BLOCK_SETTLE_MS);
  const ms: number[] = [];
  for (let i = 0; i <= n; i++) {
    const r = await one();
    if (r.code !== 0) throw new Error(failure(r));
    if (i > 0) ms.push(r.ms);
  }
  return ms;
}

/** `docker run -d` against a dockerd of our own. */
export async function openDocker(dir: string, registryHost: string): Promise<OpenedEngine> {
  const dockerd = '/usr/sbin/dockerd';
  // Debian's client; /usr/local/bin/docker may be another one.
  const docker = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
  if (!existsSync(dockerd)) return { na: 'dockerd is not installed (Debian: docker.io)' };
  const sock = join(dir, 'docker.sock');
  const env = { ...process.env, DOCKER_CONFIG: join(dir, 'client'), DOCKER_HOST: `unix://${sock}` };
  const host = trackHostPaths(DOCKER_HOST_PATHS);
  const cgroups = trackCgroupParents(['docker']);
  let daemon: ChildProcess | undefined;
  /** The containers running now (a block's are removed after it). */
  const ids: string[] = [];
  const unhook = onAbort(() => {
    daemon?.kill('SIGKILL');
    for (const name of cgroups.ours) killCgroupTreeSync(name);
    killUnmountRemoveSync(dir);
    host.restore();
    cgroups.restore();
  });
  const removeAll = async () => {
    if (ids.length) await run(docker, ['rm', '-f', ...ids.splice(0)], { env, timeoutMs: 120_000 });
  };
  const close = async () => {
    if (daemon) {
      await removeAll();
      const containerdPid = readPid(join(dir, 'exec', 'containerd', 'containerd.pid'));
      await stopChild(daemon, 20_000);
      // dockerd stops the containerd it started; should it not have, that containerd goes too.
      if (containerdPid && pidAlive(containerdPid)) {
        process.kill(containerdPid, 'SIGTERM');
        for (let i = 0; i < 50 && pidAlive(containerdPid); i++) await sleep(100);
        if (pidAlive(containerdPid)) process.kill(containerdPid, 'SIGKILL');
      }
    }
    await leaveNothing(dir, 5000, [host, cgroups], unhook);
  };
  const ref = `${registryHost}/library/busybox:1.36`;
  const one = async (): Promise<CmdResult> => {
    const r = await run(docker, ['run', '-d', '--network', 'none', ref, 'sleep', '3600'], { env });
    if (r.code === 0) ids.push(r.stdout.trim());
    return r;
  };
  const na = async (why: string): Promise<OpenedEngine> => {
    await close();
    return { na: why };
  };
  try {
    await mkdir(join(dir, 'client'), { recursive: true });
    await writeFile(join(dir, 'daemon.json'), '{}\n');
    const logFd = openSync(join(dir, 'dockerd.log'), 'a');
    // prettier-ignore
    daemon = spawn(dockerd, [
      '--config-file', join(dir, 'daemon.json'),
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'dockerd.pid'),
      '-H', `unix://${sock}`,
      '--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false',
      '--userland-proxy=false',
    ], { stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const d = daemon;
    let spawnError: Error | undefined;
    d.once('error', (e) => (spawnError = e));
    const deadline = performance.now() + 30_000;
    for (;;) {
      if (spawnError) return await na(`dockerd could not start: ${spawnError.message}`);
      if (d.exitCode !== null || d.signalCode !== null)
        return await na(`dockerd exited at start: ${tail(join(dir, 'dockerd.log'))}`);
      const version = await run(docker, ['version', '--format', '{{.Server.Version}}'], {
        env,
        timeoutMs: 5000,
      });
      if (version.code === 0) break;
      if (performance.now() > deadline)
        return await na(`dockerd did not answer in 30 s: ${tail(join(dir, 'dockerd.log'))}`);
      await sleep(100);
    }
    const pull = await run(docker, ['pull', '-q', ref], { env, timeoutMs: 60_000 });
    if (pull.code !== 0) return await na(`docker pull failed: ${pull.stderr.trim().slice(-200)}`);
    const first = await one();
    if (first.code !== 0) return await na(`docker run failed: ${first.stderr.trim().slice(-200)}`);
    await removeAll();
  } catch (err) {
    await close();
    throw err;
  }
  return {
    async block(n) {
      const ms = await timedBlock(n, one, (r) => `docker run failed: ${r.stderr.trim().slice(-300)}`);
      await removeAll();
      return ms;
    },
    close,
  };
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ').slice(-300);
  } catch {
    return '';
  }
}

/** Host paths podman creates outside --root/--runroot/--tmpdir (its blob-info cache among them). */
const PODMAN_HOST_PATHS = [
  '/var/lib/containers',
  '/run/containers',
  '/run/libpod',
  '/etc/containers/networks',
];

/** `podman kube play` of a one-container busybox pod. */
export async function openPodman(dir: string, registryHost: string): Promise<OpenedEngine> {
  const podman = '/usr/bin/podman';
  if (!existsSync(podman)) return { na: 'podman is not installed (Debian: podman)' };
  const runcRoot = join(dir, 'runc');
  // prettier-ignore
  const global = [
    '--root', join(dir, 'root'),
    '--runroot', join(dir, 'run'),
    '--tmpdir', join(dir, 'tmp'),
    '--network-config-dir', join(dir, 'net'),
    '--cgroup-manager=cgroupfs',
    '--events-backend=none',
    '--runtime', 'runc',
    '--runtime-flag', `root=${runcRoot}`,
  ];
  // Podman as root gives containers nofile and nproc rlimits of its own choosing (1048576,
  // 4194304); raising them needs CAP_SYS_RESOURCE, which a sandboxed root may lack, so runc
  // would refuse. Fixed values below any host's limits keep the comparison to the start itself.
  const conf = join(dir, 'containers.conf');
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const host = trackHostPaths(PODMAN_HOST_PATHS);
  const cgroups = trackCgroupParents(['libpod_parent']);
  const unhook = onAbort(() => {
    for (const name of cgroups.ours) killCgroupTreeSync(name);
    const left = spawnSync('runc', ['--root', runcRoot, 'list', '-q'], { encoding: 'utf8' });
    for (const id of (left.stdout ?? '').split('\n').filter(Boolean))
      spawnSync('runc', ['--root', runcRoot, 'delete', '--force', id]);
    killUnmountRemoveSync(dir);
    host.restore();
    cgroups.restore();
  });
  const pm = (args: string[], timeoutMs?: number) => run(podman, [...global, ...args], { env, timeoutMs });
  let pulled = false;
  let played = 0;
  /** Removes every pod; waits for conmon's exit commands (`podman container cleanup`) to end. */
  const removeAll = async () => {
    // SIGKILL first: `pod rm -f -t 0` alone stops the pods one by one, seconds each.
    await pm(['pod', 'kill', '-a'], 120_000);
    await pm(['pod', 'rm', '-f', '-a', '-t', '0'], 120_000);
    await endProcessesUsing(dir, 10_000);
  };
  const close = async () => {
    if (pulled) {
      await removeAll();
      await pm(['system', 'reset', '-f'], 60_000);
    }
    const left = await run('runc', ['--root', runcRoot, 'list', '-q']);
    await forEachLimit(left.stdout.split('\n').filter(Boolean), 8, (id) =>
      run('runc', ['--root', runcRoot, 'delete', '--force', id]),
    );
    await leaveNothing(dir, 2000, [host, cgroups], unhook);
  };
  const ref = `${registryHost}/library/busybox:1.36`;
  const play = async (timeoutMs = 60_000): Promise<CmdResult> => {
    const file = join(dir, `pod-${played}.yaml`);
    await writeFile(file, podYaml(`bench-podman-${played++}`, ref));
    return pm(['kube', 'play', '--network', 'none', file], timeoutMs);
  };
  const failure = (r: CmdResult) =>
    `podman kube play failed: ${r.stderr.trim().split('\n').slice(-2).join(' ').slice(-240)}`;
  try {
    await mkdir(join(dir, 'net'), { recursive: true });
    await writeFile(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=32768:32768"]\n');
    const pull = await pm(['pull', '-q', '--tls-verify=false', ref], 60_000);
    if (pull.code !== 0) {
      await close();
      return { na: `podman pull failed: ${pull.stderr.trim().slice(-200)}` };
    }
    pulled = true;
    // The first play also builds podman's pause image (catatonit).
    const first = await play(120_000);
    if (first.code !== 0) {
      await close();
      return { na: failure(first) };
    }
    await removeAll();
  } catch (err) {
    await close();
    throw err;
  }
  return {
    async block(n) {
      const ms = await timedBlock(n, () => play(), failure);
      const ps = await pm(['ps', '-q', '--filter', 'status=running']);
      const running = ps.stdout.split('\n').filter(Boolean).length;
      // Each pod is its infra (pause) container and the busybox one.
      if (running !== 2 * (n + 1))
        throw new Error(`podman: ${running} containers running, want ${2 * (n + 1)}`);
      await removeAll();
      return ms;
    },
    close,
  };
}

function podYaml(name: string, image: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  terminationGracePeriodSeconds: 0',
    '  containers:',
    '  - name: app',
    `    image: ${image}`,
    '    command: ["sleep", "3600"]',
    '',
  ].join('\n');
}
