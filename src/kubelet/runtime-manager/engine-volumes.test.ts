import assert from 'node:assert/strict';
import { lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import type { ContainerConfig, PodSandboxConfig } from '../../runtime/interface.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { PodWorkers } from '../pod-workers.js';
import { createFakeRuntime } from '../testing/fake-runtime.js';
import { container, Harness, makePod, MemoryStatusWriter, RecordingEvents } from '../testing/harness.js';
import { StubProbeManager } from '../testing/stub-probes.js';
import type { Mounter } from '../volumes/mounter.js';
import type { VolumeData } from '../volumes/payload.js';
import { TERMINATION_MESSAGE_HOST_PATH_ANNOTATION } from '../volumes/termination-message.js';
import { VolumeManager } from '../volumes/volume-manager.js';
import { KubeletPodSyncer } from './pod-syncer.js';

const roots: string[] = [];
after(async () => {
  for (const d of roots) await rm(d, { recursive: true, force: true });
});

const noMounts: Mounter = {
  mountTmpfs: async () => {},
  unmount: async () => {},
  mountsUnder: async () => [],
};

/** Records the configs the kubelet hands the runtime. */
function recordConfigs(fake: { createContainer: unknown; runPodSandbox: unknown }) {
  const containers: ContainerConfig[] = [];
  const sandboxes: PodSandboxConfig[] = [];
  const f = fake as {
    createContainer: (id: string, c: ContainerConfig, s: PodSandboxConfig) => Promise<string>;
    runPodSandbox: (s: PodSandboxConfig) => Promise<string>;
  };
  const create = f.createContainer.bind(fake);
  const run = f.runPodSandbox.bind(fake);
  f.createContainer = (id, c, s) => {
    containers.push(c);
    return create(id, c, s);
  };
  f.runPodSandbox = (s) => {
    sandboxes.push(s);
    return run(s);
  };
  return { containers, sandboxes };
}

/** The engine with a VolumeManager on a temp root dir (fake runtime, fake clock, no real mounts). */
class VolumeHarness {
  readonly clock = new FakeClock(Date.UTC(2024, 0, 1));
  readonly rt = createFakeRuntime(this.clock);
  readonly fake = this.rt.fake;
  readonly probes = new StubProbeManager();
  readonly events = new RecordingEvents();
  readonly status = new MemoryStatusWriter();
  readonly objects = new Map<string, VolumeData>();
  readonly recorded = recordConfigs(this.fake);
  readonly volumes: VolumeManager;
  readonly syncer: KubeletPodSyncer;
  readonly workers: PodWorkers;

  constructor(readonly root: string) {
    this.volumes = new VolumeManager({
      rootDir: root,
      lookup: async (kind, ns, name) => this.objects.get(`${kind}/${ns}/${name}`),
      requestToken: async () => ({ token: 't', expirationTimestamp: '2099-01-01T00:00:00Z' }),
      clock: this.clock,
      log: silentLogger,
      mounter: noMounts,
    });
    this.syncer = new KubeletPodSyncer({
      runtime: this.rt,
      probes: this.probes,
      status: this.status,
      events: this.events,
      clock: this.clock,
      log: silentLogger,
      rootDir: root,
      nodeIP: '192.168.1.10',
      logDirs: { mkdirp: async () => {}, remove: async () => {} },
      volumes: this.volumes,
      dns: { resolvConf: '' },
    });
    this.workers = new PodWorkers({ syncer: this.syncer, clock: this.clock, log: silentLogger });
    this.fake.subscribe((e) => this.workers.resync(e.podUid));
  }

  static async create(): Promise<VolumeHarness> {
    const root = await mkdtemp(join(tmpdir(), 'kubeling-engine-vol-'));
    roots.push(root);
    return new VolumeHarness(root);
  }

  async sync(pod: Pod, removed = false) {
    this.workers.update(pod, removed);
    await this.settle();
    return this.status.getPodStatus(pod.metadata.uid ?? '');
  }

  containerStatus(pod: Pod, name: string) {
    return this.status.getPodStatus(pod.metadata.uid ?? '')?.containerStatuses?.find((c) => c.name === name);
  }

  /** Waits (in real time: the volume manager does file I/O) until the workers are idle. */
  async settle(): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      let idle = false;
      void this.workers.whenIdle().then(() => (idle = true));
      await new Promise((r) => setTimeout(r, 1));
      if (idle) return;
    }
    throw new Error('workers did not settle');
  }
}

async function waitGone(path: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    try {
      await lstat(path);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.fail(`${path} still exists`);
}

describe('engine: volumes, mounts, security, resources and DNS', () => {
  it('volume manager off: no mounts, nothing on disk, but security, resources and DNS are set', async () => {
    const h = new Harness();
    const { containers, sandboxes } = recordConfigs(h.fake);
    const pod = makePod({
      volumes: [{ name: 'data', emptyDir: {} }],
      securityContext: { runAsUser: 1000 },
      containers: [
        container('app', {
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          resources: { limits: { cpu: '500m', memory: '64Mi' } },
        }),
      ],
    });
    const status = await h.sync(pod);
    assert.equal(status?.phase, 'Running');
    assert.deepEqual(containers[0].mounts, []);
    assert.deepEqual(containers[0].security, { runAsUser: 1000 });
    assert.equal(containers[0].cpuLimitMillis, 500);
    assert.equal(containers[0].cpuRequestMillis, 500);
    assert.equal(containers[0].memoryLimitBytes, 64 * 1024 * 1024);
    assert.equal(containers[0].annotations[TERMINATION_MESSAGE_HOST_PATH_ANNOTATION], undefined);
    assert.equal(sandboxes[0].dnsConfig?.servers[0], '10.43.0.10');
    assert.deepEqual(sandboxes[0].dnsConfig?.options, ['ndots:5']);
    assert.equal(sandboxes[0].cpuLimitMillis, 500);
    await assert.rejects(lstat(join('/tmp/kubeling-test-kubelet/pods', pod.metadata.uid!)), /ENOENT/);
  });

  it('volume manager on: containers get volume, /etc/hosts and termination-log mounts', async () => {
    const h = await VolumeHarness.create();
    h.objects.set('configmap/default/cfg', { 'a.conf': Buffer.from('A') });
    const pod = makePod({
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'cfg' } },
      ],
      initContainers: [container('init', { volumeMounts: [{ name: 'data', mountPath: '/work' }] })],
      containers: [
        container('app', {
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'cfg', mountPath: '/etc/app' },
          ],
        }),
      ],
    });
    await h.sync(pod);
    h.fake.exit('init', 0);
    await h.settle();
    const [init, app] = h.recorded.containers;
    const podDir = join(h.root, 'pods', pod.metadata.uid!);
    const dataDir = join(podDir, 'volumes/kubernetes.io~empty-dir/data');
    assert.deepEqual(init.mounts[0], { containerPath: '/work', hostPath: dataDir, readonly: false });
    assert.deepEqual(app.mounts.slice(0, 3), [
      { containerPath: '/data', hostPath: dataDir, readonly: false },
      {
        containerPath: '/etc/app',
        hostPath: join(podDir, 'volumes/kubernetes.io~configmap/cfg'),
        readonly: true,
      },
      { containerPath: '/etc/hosts', hostPath: join(podDir, 'etc-hosts'), readonly: false },
    ]);
    assert.equal(app.mounts[3].containerPath, '/dev/termination-log');
    assert.equal(app.annotations[TERMINATION_MESSAGE_HOST_PATH_ANNOTATION], app.mounts[3].hostPath);
    assert.match(await readFile(join(podDir, 'etc-hosts'), 'utf8'), /\n10\.88\.0\.\d+\tweb\n$/);
    assert.equal(await readFile(join(podDir, 'volumes/kubernetes.io~configmap/cfg/a.conf'), 'utf8'), 'A');
    assert.equal(h.status.getPodStatus(pod.metadata.uid!)?.phase, 'Running');
  });

  it('a missing ConfigMap: FailedMount, no sandbox, ContainerCreating; runs once it exists', async () => {
    const h = await VolumeHarness.create();
    const pod = makePod({ volumes: [{ name: 'cfg', configMap: { name: 'later' } }] });
    await h.sync(pod);
    assert.deepEqual(
      h.events.find('FailedMount').map((e) => `${e.type} ${e.message}`)[0],
      'Warning MountVolume.SetUp failed for volume "cfg" : configmap "later" not found',
    );
    assert.ok(!h.fake.calls.some((c) => c.startsWith('runPodSandbox')));
    assert.equal(h.containerStatus(pod, 'app')?.state?.waiting?.reason, 'ContainerCreating');
    assert.equal(h.status.getPodStatus(pod.metadata.uid!)?.phase, 'Pending');
    h.objects.set('configmap/default/later', { k: Buffer.from('v') });
    h.clock.advance(1000);
    await h.settle();
    assert.ok(h.containerStatus(pod, 'app')?.state?.running);
  });

  it('the termination message file becomes the terminated state message; FallbackToLogsOnError uses the log', async () => {
    const h = await VolumeHarness.create();
    const logs = ['2024-01-01T00:00:00.000000000Z stderr F panic: boom'];
    (h.fake as unknown as { readLog: () => string[] }).readLog = () => logs;
    const pod = makePod({
      restartPolicy: 'Never',
      containers: [container('a'), container('b', { terminationMessagePolicy: 'FallbackToLogsOnError' })],
    });
    await h.sync(pod);
    const a = h.recorded.containers.find((c) => c.metadata.name === 'a')!;
    await writeFile(a.annotations[TERMINATION_MESSAGE_HOST_PATH_ANNOTATION], 'all done');
    h.fake.exit('a', 0);
    h.fake.exit('b', 2);
    await h.settle();
    assert.equal(h.containerStatus(pod, 'a')?.state?.terminated?.message, 'all done');
    assert.equal(h.containerStatus(pod, 'b')?.state?.terminated?.message, 'panic: boom\n');
  });

  it('runAsNonRoot against the image user: CreateContainerConfigError with upstream text', async () => {
    const h = await VolumeHarness.create();
    const images = h.fake as unknown as { imageStatus: (i: string) => Promise<unknown> };
    const original = images.imageStatus.bind(h.fake);
    images.imageStatus = async (i) => {
      const st = await original(i);
      return st && { ...(st as object), username: 'nginx' };
    };
    const pod = makePod({ securityContext: { runAsNonRoot: true } });
    await h.sync(pod);
    const waiting = h.containerStatus(pod, 'app')?.state?.waiting;
    assert.equal(waiting?.reason, 'CreateContainerConfigError');
    assert.equal(
      waiting?.message,
      `container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root (pod: "web_default(${pod.metadata.uid})", container: app)`,
    );
    assert.ok(h.events.list.some((e) => e.reason === 'Failed' && e.message === `Error: ${waiting?.message}`));
    assert.ok(!h.fake.calls.some((c) => c.startsWith('create')));
  });

  it("a removed pod's directory is deleted once its containers stopped", async () => {
    const h = await VolumeHarness.create();
    const pod = makePod({ volumes: [{ name: 'data', emptyDir: {} }] });
    await h.sync(pod);
    const podDir = join(h.root, 'pods', pod.metadata.uid!);
    await lstat(join(podDir, 'volumes/kubernetes.io~empty-dir/data'));
    const deleted = {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:00:01Z', deletionGracePeriodSeconds: 0 },
    };
    await h.sync(deleted, true);
    await waitGone(podDir);
  });
});
