/**
 * @module bench/oci
 * The real-containers benchmark (`--only=oci`): create-to-Running of a busybox `sleep` pod with a
 * cached image on `kubeling up --runtime oci`, p50 and p99 over 50 pods created one at a time,
 * beside the same container started by bare `runc run -d` (the floor), `docker run -d` (Debian's
 * docker.io, dockerd started here and stopped after) and `podman kube play` (Debian's podman).
 * The four series alternate in blocks, each timed on the host as it is then; docker and podman are
 * stopped before the nginx pods and the burst.
 * Goals: p50 within 3× the floor and under a third of docker's and podman's; an nginx pod
 * answering on its pod IP within 150 ms of its create (p50); 100 pods created at once all Running
 * within 5 s; kubeling's resident memory with those 100 running under 300 MiB.
 *
 * Needs root and the oci runtime's host tools ({@link ociSkipReason}); docker.io, podman and
 * catatonit are installed with apt-get when missing, and an engine that still cannot run is
 * reported as n/a with the reason. All images come from the loopback test registry. Everything
 * started is stopped by PID and removed: containers, daemons, `kubeling reset`, mounts, temp dirs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkOciHost } from '../src/runtime/oci/preflight.js';
import { buildTestImages } from '../test/images/build.js';
import { startTestRegistry, writeRegistriesYaml, type TestRegistry } from '../test/images/registry.js';
import { http1Client } from './api-client.js';
import { CLI, startCluster, type Cluster } from './cluster.js';
import type { Baseline } from './oci-baselines.js';
import { EngineBaselines } from './oci-engines.js';
import { openRuncFloor, type RuncFloor } from './oci-floor.js';
import { ensureDebianPackages, onAbort, run } from './oci-host.js';
import { measureKubeling, type KubelingOciOptions, type KubelingOciResult } from './oci-kubeling.js';
import { waitNodesReady } from './pods-running.js';
import { rssMiB } from './resources.js';
import { below, info, type Row } from './report.js';
import { percentile } from './stats.js';

const SEQ = Number(process.env.OCI_BENCH_PODS ?? 50);
/**
 * kubeling's one-at-a-time series alternates in blocks of this many with the floor's, docker's and
 * podman's, so that all are timed on the same host: on this kind of VM the host's speed drifts by
 * half within minutes, and two series measured minutes apart gave ratios from 1.4× to 3.0× in one
 * hour. Each block of the others runs before a block of kubeling's pods, so it never sees more of
 * their mounts (a runc start copies the host's mount table) than those pods do.
 */
const BLOCK = 10;
const NGINX = 10;
const ENGINES_SETTLE_MS = 2000;
const BURST = 100;
const GOAL_FLOOR_RATIO = 3;
const GOAL_ENGINE_RATIO = 1 / 3;
const GOAL_NGINX_MS = 150;
const GOAL_BURST_S = 5;
const GOAL_RSS_MIB = 300;

/** Why the oci benchmark cannot run on this host, or undefined when it can. */
export function ociSkipReason(): string | undefined {
  const host = checkOciHost();
  return host.ok ? undefined : host.problems.join('; ');
}

export async function benchOci(tmpRoot: string, log: (s: string) => void): Promise<Row[]> {
  const skip = ociSkipReason();
  if (skip) throw new Error(`the oci runtime cannot run here: ${skip}`);
  const load0 = loadavg()[0];
  const installProblem = await ensureDebianPackages(['docker.io', 'podman', 'catatonit'], log);
  if (installProblem) log(`  ${installProblem}`);
  const set = await buildTestImages();
  const busybox = set.find('busybox:1.36');
  if (!busybox) throw new Error('the test images have no busybox:1.36');
  let registry: TestRegistry | undefined;
  try {
    registry = await startTestRegistry({ images: ['busybox:1.36', 'nginx:1.27'] });
    log(`  test registry on ${registry.url}; the runc floor, docker and podman opened ...`);
    const floorSession = await openRuncFloor(await mkdtemp(join(tmpRoot, 'oci-floor-')), set, busybox, log);
    const floorMs: number[] = [];
    let engines: EngineBaselines | undefined;
    let k: KubelingOciResult;
    let floor: RuncFloor;
    try {
      const opened = await EngineBaselines.open(tmpRoot, registry.host, installProblem);
      engines = opened;
      log(
        '  kubeling up --runtime oci, its pods alternating with blocks of the floor, docker and podman ...',
      );
      const blocks = {
        every: BLOCK,
        async run() {
          floorMs.push(...(await floorSession.block(BLOCK)));
          await opened.block(BLOCK);
        },
      };
      k = await kubelingSide(tmpRoot, registry.url, log, blocks, async () => {
        // Their daemons and state go before the nginx pods and the burst, and what the kernel
        // does after them (unmounts, cgroups going) has a moment to settle.
        await opened.close();
        await new Promise((r) => setTimeout(r, ENGINES_SETTLE_MS));
        log(`  blocks done: ${floorMs.length} floor runs, ${opened.counts()}`);
      });
      floor = { ms: floorMs, pausedMs: await floorSession.paused(SEQ), pauseMs: floorSession.pauseMs };
    } finally {
      await engines?.close();
      await floorSession.close();
    }
    const { docker, podman } = engines.results();
    const load = `${load0.toFixed(2)} / ${loadavg()[0].toFixed(2)} on ${availableParallelism()} CPUs`;
    return [
      ...ociRows(k, floor, docker, podman),
      info('load average (1 min) at start / end of this section', load),
    ];
  } finally {
    await registry?.stop();
  }
}

/** Starts the oci cluster, measures, and stops it, `kubeling reset` removing what it leaves. */
async function kubelingSide(
  tmpRoot: string,
  registryUrl: string,
  log: (s: string) => void,
  betweenSeq: KubelingOciOptions['betweenSeq'],
  afterSeq: KubelingOciOptions['afterSeq'],
): Promise<KubelingOciResult> {
  const dataDir = await mkdtemp(join(tmpRoot, 'oci-kubeling-'));
  let cluster: Cluster | undefined;
  // Interrupted: bench/run.ts has SIGKILLed the cluster; reset removes its containers and network.
  const unhook = onAbort(() => {
    spawnSync(CLI, ['reset', '--data-dir', dataDir], { timeout: 120_000, stdio: 'ignore' });
  });
  try {
    await writeRegistriesYaml(dataDir, registryUrl);
    cluster = await startCluster({
      dataDir,
      runtime: 'oci',
      pollReadyz: false,
      // A pod range of its own (the e2e tests use 10.200-249), pulls only from the test registry.
      upArgs: [
        '--cluster-cidr',
        `10.${150 + (process.pid % 40)}.0.0/16`,
        '--disable-default-registry-endpoint',
      ],
    });
    const c = cluster;
    const admin = http1Client(c);
    try {
      await waitNodesReady(admin, 1, log);
    } finally {
      admin.close();
    }
    try {
      return await measureKubeling(c, {
        seq: SEQ,
        nginx: NGINX,
        burst: BURST,
        log,
        rss: () => rssMiB(c.pid),
        betweenSeq,
        afterSeq,
        nodeQuiet: () => podDirsGone(join(dataDir, 'kubelet', 'pods'), log),
      });
    } catch (err) {
      const tail = c.stderrTail().trim().split('\n').slice(-6).join('\n');
      if (err instanceof Error && tail) err.message += `\nkubeling stderr (last lines):\n${tail}`;
      throw err;
    }
  } finally {
    const t = performance.now();
    await cluster?.stop(20_000);
    const stoppedMs = performance.now() - t;
    const r = await run(CLI, ['reset', '--data-dir', dataDir], { timeoutMs: 120_000 });
    if (r.code !== 0) log(`  kubeling reset failed (${r.code}): ${r.stderr.trim().slice(-300)}`);
    else
      log(`  kubeling stopped in ${(stoppedMs / 1000).toFixed(1)} s, reset in ${(r.ms / 1000).toFixed(1)} s`);
    await rm(dataDir, { recursive: true, force: true });
    unhook();
  }
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const p50p99 = (xs: number[]) => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 99))} ms`;

/** A ratio row with a "below" goal. */
function ratioRow(name: string, num: number, den: number, limit: number, limitText: string): Row {
  const r = num / den;
  const ok = Number.isFinite(r);
  return {
    name,
    value: ok ? `${r.toFixed(2)}×` : 'n/a',
    goal: `< ${limitText}`,
    verdict: !ok ? 'FAIL' : r < limit ? 'PASS' : 'MISS',
  };
}

function engineRows(label: string, b: Baseline, kP50: number): { line: Row; ratio: Row } {
  if ('na' in b)
    return {
      line: info(`${label} p50 / p99`, `n/a (${b.na.slice(0, 90)})`),
      ratio: info(`kubeling p50 ÷ ${label} p50`, 'n/a (not measured)'),
    };
  return {
    line: info(`${label} p50 / p99`, p50p99(b.ms)),
    ratio: ratioRow(
      `kubeling p50 ÷ ${label} p50`,
      kP50,
      percentile(b.ms, 50),
      GOAL_ENGINE_RATIO,
      '0.33× (a third)',
    ),
  };
}

export function ociRows(k: KubelingOciResult, f: RuncFloor, docker: Baseline, podman: Baseline): Row[] {
  const floor = f.ms;
  const kP50 = percentile(k.seqMs, 50);
  const what = `busybox sleep, ${k.seqMs.length} one at a time`;
  const d = engineRows(`docker run -d (${what})`, docker, kP50);
  const p = engineRows(`podman kube play (${what})`, podman, kP50);
  return [
    info(`kubeling create→Running (${what}) p50 / p99`, p50p99(k.seqMs)),
    info(
      `bare runc run -d, the floor (${what}, blocks of ${BLOCK} alternating with kubeling's) p50 / p99`,
      p50p99(floor),
    ),
    info(
      `bare runc run -d, each after a ${f.pauseMs} ms pause (not the floor) p50 / p99`,
      p50p99(f.pausedMs),
    ),
    d.line,
    p.line,
    ratioRow(
      'kubeling p50 ÷ runc floor p50',
      kP50,
      percentile(floor, 50),
      GOAL_FLOOR_RATIO,
      `${GOAL_FLOOR_RATIO}×`,
    ),
    d.ratio,
    p.ratio,
    below(
      `nginx pod create → GET / on its pod IP answers, p50 of ${k.nginxMs.length}`,
      percentile(k.nginxMs, 50),
      'ms',
      GOAL_NGINX_MS,
    ),
    info(
      'nginx: port answering p99; create→Running p50',
      `${ms(percentile(k.nginxMs, 99))} ms; ${ms(percentile(k.nginxRunningMs, 50))} ms`,
    ),
    below(`${k.burstPods} busybox pods created at once → all Running`, k.burstMs / 1000, 's', GOAL_BURST_S),
    info(`${k.burstPods} at once: each pod's create→Running p50 / p99`, p50p99(k.burstEachMs)),
    below(`kubeling resident memory (VmRSS) with ${k.burstPods} pods running`, k.rssMiB, 'MiB', GOAL_RSS_MIB),
  ];
}

/**
 * Resolves once the kubelet's pods directory is empty: the kubelet removes a deleted pod's
 * directory last, after its containers and network (its teardown goes on after the API object is
 * gone, as upstream's). Gives up after a minute, saying so.
 */
async function podDirsGone(dir: string, log: (s: string) => void): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if ((await readdir(dir).catch(() => [])).length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`  ${dir} still not empty after 60 s; measuring anyway`);
}
