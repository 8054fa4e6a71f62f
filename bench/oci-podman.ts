/**
 * @module bench/oci-podman
 * `podman kube play --network none` of a one-container pod: Debian's podman with its own storage,
 * run root, runc state root and network config dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leaveNothing, openEngine, timedBlock, type OpenedEngine } from './oci-baselines.js';
import {
  endProcessesUsing,
  forEachLimit,
  killCgroupTreeSync,
  killUnmountRemoveSync,
  onAbort,
  run,
  trackCgroupParents,
  trackHostPaths,
  type CmdResult,
} from './oci-host.js';

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
  const setup = async (): Promise<string | undefined> => {
    await mkdir(join(dir, 'net'), { recursive: true });
    await writeFile(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=32768:32768"]\n');
    const pull = await pm(['pull', '-q', '--tls-verify=false', ref], 60_000);
    if (pull.code !== 0) return `podman pull failed: ${pull.stderr.trim().slice(-200)}`;
    pulled = true;
    // The first play also builds podman's pause image (catatonit).
    const first = await play(120_000);
    if (first.code !== 0) return failure(first);
    await removeAll();
    return undefined;
  };
  return openEngine(setup, {
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
  });
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
