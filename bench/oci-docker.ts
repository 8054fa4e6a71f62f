/**
 * @module bench/oci-docker
 * `docker run -d --network none` against Debian's dockerd, started here with its own data, exec
 * root and socket, no bridge and no iptables or forwarding changes, the image pulled from the
 * loopback test registry; stopped by PID at the end, with the containerd it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { leaveNothing, openEngine, sleep, timedBlock, type OpenedEngine } from './oci-baselines.js';
import {
  killCgroupTreeSync,
  killUnmountRemoveSync,
  onAbort,
  run,
  trackCgroupParents,
  trackHostPaths,
  type CmdResult,
} from './oci-host.js';

/** Host paths dockerd and its containerd create outside --data-root/--exec-root. */
const DOCKER_HOST_PATHS = ['/run/docker', '/run/containerd', '/etc/docker/key.json', '/var/lib/docker'];

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
  const setup = async (): Promise<string | undefined> => {
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
      if (spawnError) return `dockerd could not start: ${spawnError.message}`;
      if (d.exitCode !== null || d.signalCode !== null)
        return `dockerd exited at start: ${tail(join(dir, 'dockerd.log'))}`;
      const version = await run(docker, ['version', '--format', '{{.Server.Version}}'], {
        env,
        timeoutMs: 5000,
      });
      if (version.code === 0) break;
      if (performance.now() > deadline)
        return `dockerd did not answer in 30 s: ${tail(join(dir, 'dockerd.log'))}`;
      await sleep(100);
    }
    const pull = await run(docker, ['pull', '-q', ref], { env, timeoutMs: 60_000 });
    if (pull.code !== 0) return `docker pull failed: ${pull.stderr.trim().slice(-200)}`;
    const first = await one();
    if (first.code !== 0) return `docker run failed: ${first.stderr.trim().slice(-200)}`;
    await removeAll();
    return undefined;
  };
  return openEngine(setup, {
    async block(n) {
      const ms = await timedBlock(n, one, (r) => `docker run failed: ${r.stderr.trim().slice(-300)}`);
      await removeAll();
      return ms;
    },
    close,
  });
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
