/**
 * The engine against the real `sim` runtime and the real prober, on a FakeClock: the paths the
 * sim's annotation scheme scripts (crash loops, jobs, liveness, pull failures, slow SIGTERM).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { createSimRuntime } from '../../runtime/sim/index.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { PodWorkers } from '../pod-workers.js';
import { createProbeManager } from '../prober/index.js';
import { makePod, MemoryStatusWriter, RecordingEvents } from '../testing/harness.js';
import { KubeletPodSyncer } from './pod-syncer.js';

function setup() {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const rt = createSimRuntime({ clock, unscriptedProbes: 'success' });
  const events = new RecordingEvents();
  const status = new MemoryStatusWriter();
  const probes = createProbeManager({ runtime: rt.runtime, events, clock, jitter: false });
  const syncer = new KubeletPodSyncer({
    runtime: rt,
    probes,
    status,
    events,
    clock,
    log: silentLogger,
    rootDir: '/tmp/unused',
    nodeIP: '192.168.1.10',
    logDirs: { mkdirp: async () => {}, remove: async () => {} },
  });
  const workers = new PodWorkers({ syncer, clock, log: silentLogger });
  rt.runtime.subscribe?.((e) => workers.resync(e.podUid));
  probes.onChange((uid) => workers.resync(uid));
  /** Runs the virtual clock for `ms`, 100 ms at a time, letting async work finish in between. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
      clock.advance(100);
    }
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  const cs = (pod: Pod, name: string) => {
    const s = status.getPodStatus(pod.metadata.uid!);
    return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? [])].find(
      (c) => c.name === name,
    );
  };
  return { clock, rt, events, status, probes, workers, run, cs, close: () => (probes.stop(), rt.close()) };
}

const annotated = (annotations: Record<string, string>, spec: Partial<Pod['spec']> = {}) => {
  const p = makePod(spec);
  p.metadata.annotations = annotations;
  return p;
};

describe('engine on the sim runtime', () => {
  it('a plain pod runs and is ready', async () => {
    const h = setup();
    const pod = makePod();
    h.workers.update(pod);
    await h.run(2000);
    assert.equal(h.status.getPodStatus(pod.metadata.uid!)?.phase, 'Running');
    assert.equal(h.cs(pod, 'app')?.ready, true);
    assert.match(h.cs(pod, 'app')?.containerID ?? '', /^sim:\/\//);
    await h.close();
  });

  it('a hostNetwork pod gets the node IP and one sandbox', async () => {
    const h = setup();
    const pod = makePod({ hostNetwork: true });
    h.workers.update(pod);
    await h.run(3000);
    const st = h.status.getPodStatus(pod.metadata.uid!)!;
    assert.equal(st.phase, 'Running');
    assert.equal(st.podIP, '192.168.1.10');
    assert.equal((await h.rt.runtime.listPodSandbox()).length, 1);
    await h.close();
  });

  it('a scripted crasher ends in CrashLoopBackOff with growing restart counts', async () => {
    const h = setup();
    const pod = annotated({ 'sim.kubeling.io/app.exit': '1@2s' });
    h.workers.update(pod);
    await h.run(60_000);
    const c = h.cs(pod, 'app')!;
    assert.ok(c.restartCount >= 3, `restartCount ${c.restartCount}`);
    assert.ok(h.events.find('BackOff').length > 0);
    assert.equal(h.status.getPodStatus(pod.metadata.uid!)?.phase, 'Running');
    await h.close();
  });

  it('a job-like pod (Never, exit 0) completes: Succeeded', async () => {
    const h = setup();
    const pod = annotated({ 'sim.kubeling.io/app.exit': '0@5s' }, { restartPolicy: 'Never' });
    h.workers.update(pod);
    await h.run(8000);
    assert.equal(h.status.getPodStatus(pod.metadata.uid!)?.phase, 'Succeeded');
    assert.equal(h.cs(pod, 'app')?.state?.terminated?.reason, 'Completed');
    await h.close();
  });

  it('a scripted liveness failure kills and restarts the container', async () => {
    const h = setup();
    const pod = annotated(
      { 'sim.kubeling.io/app.liveness': 'success@0s,failure@20s' },
      {
        containers: [
          { name: 'app', image: 'nginx:1.27', livenessProbe: { exec: { command: ['x'] }, periodSeconds: 5 } },
        ],
      },
    );
    h.workers.update(pod);
    await h.run(60_000);
    assert.ok(
      h.events.list.some(
        (e) =>
          e.reason === 'Killing' && e.message === 'Container app failed liveness probe, will be restarted',
      ),
      h.events.reasons().join(','),
    );
    assert.ok((h.cs(pod, 'app')?.restartCount ?? 0) >= 1);
    await h.close();
  });

  it('a missing image: ErrImagePull then ImagePullBackOff', async () => {
    const h = setup();
    const pod = makePod({ containers: [{ name: 'app', image: 'nginx:missing' }] });
    h.workers.update(pod);
    await h.run(1000);
    assert.equal(h.cs(pod, 'app')?.state?.waiting?.reason, 'ErrImagePull');
    await h.run(3000);
    assert.equal(h.cs(pod, 'app')?.state?.waiting?.reason, 'ImagePullBackOff');
    await h.close();
  });

  it('graceful delete waits for a slow SIGTERM, then the pod is terminated', async () => {
    const h = setup();
    const pod = annotated({ 'sim.kubeling.io/app.term-delay': '3s' });
    h.workers.update(pod);
    await h.run(2000);
    h.workers.update({
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: '2024-01-01T00:00:02Z',
        deletionGracePeriodSeconds: 30,
      },
    });
    await h.run(1000);
    assert.equal(h.status.terminated.length, 0, 'still stopping');
    await h.run(4000);
    assert.ok(h.status.terminated.includes(pod.metadata.uid!));
    assert.equal(h.cs(pod, 'app')?.state?.terminated?.exitCode, 0);
    await h.close();
  });
});

describe('engine on the sim runtime: per-pod pull failures', () => {
  it('the sandbox config reaches pullImage, so `pull-fail` scripts one pod only', async () => {
    const h = setup();
    // Always: the other pod's successful pull must not let this one use the cached image.
    const bad = annotated(
      { 'sim.kubeling.io/pull-fail': 'nginx:1.27' },
      { containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'Always' }] },
    );
    const good = makePod();
    h.workers.update(bad);
    h.workers.update(good);
    await h.run(2000);
    assert.match(h.cs(bad, 'app')?.state?.waiting?.reason ?? '', /ErrImagePull|ImagePullBackOff/);
    assert.ok(h.cs(good, 'app')?.state?.running);
    await h.close();
  });
});
