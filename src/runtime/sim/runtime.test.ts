/**
 * @module runtime/sim/runtime.test
 * The shared conformance suite on the sim runtime (FakeClock), then one test per annotation of the
 * sim script (./README.md) and the runtime's own behaviour (IPs, events, logs, scale).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../util/clock.js';
import { containerConfig, Driver, rejectsWith, runForever, sandboxConfig } from '../conformance-fixtures.js';
import type { RuntimeEvent } from '../interface.js';
import { runRuntimeConformance } from '../runtime.conformance.js';
import { createSimRuntime, type SimRuntimeOptions } from './index.js';

runRuntimeConformance('sim', async () => {
  const clock = new FakeClock();
  const runtime = createSimRuntime({ clock, nodeName: 'sim-node-1', podCidr: '10.42.1.0/24' });
  return { runtime, clock, cleanup: () => runtime.close() };
});

const IMAGE = 'busybox:1.36';

function setup(opts: Omit<SimRuntimeOptions, 'clock'> = {}) {
  const clock = new FakeClock();
  const sim = createSimRuntime({ clock, preloadedImages: [IMAGE], ...opts });
  const d = new Driver(clock);
  const rt = sim.runtime;
  /** A running sandbox with the pod annotations and one created container per name. */
  async function pod(annotations: Record<string, string>, names = ['app'], attempt = 0) {
    const sb = sandboxConfig({ annotations });
    const sandboxId = await rt.runPodSandbox(sb);
    const ids: string[] = [];
    for (const n of names) {
      ids.push(await rt.createContainer(sandboxId, containerConfig(n, IMAGE, runForever(), { attempt }), sb));
    }
    return { sb, sandboxId, id: ids[0]!, ids };
  }
  async function started(annotations: Record<string, string>, attempt = 0) {
    const p = await pod(annotations, ['app'], attempt);
    await d.settle(rt.startContainer(p.id));
    return p;
  }
  return { clock, sim, rt, d, pod, started };
}

describe('sim script: exit', () => {
  it('exits with the scripted code after the scripted time of running', async () => {
    const { rt, d, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.exit': '1@3s' });
    await d.sleep(2_900);
    assert.equal((await rt.containerStatus(id)).state, 'CONTAINER_RUNNING');
    await d.sleep(200);
    const s = await rt.containerStatus(id);
    assert.equal(s.state, 'CONTAINER_EXITED');
    assert.deepEqual([s.exitCode, s.reason, s.finishedAt - s.startedAt], [1, 'Error', 3_000]);
  });

  it('0@0s completes as soon as it starts', async () => {
    const { rt, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.exit': '0@0s' });
    const s = await rt.containerStatus(id);
    assert.deepEqual([s.state, s.exitCode, s.reason], ['CONTAINER_EXITED', 0, 'Completed']);
    assert.equal(s.finishedAt, s.startedAt);
  });

  it('uses entry i for attempt i and repeats the last one; forever never exits', async () => {
    const script = { 'sim.kubeling.io/app.exit': '1@2s,2@1s,0@5s' };
    const want: [number, number][] = [
      [1, 2_000],
      [2, 1_000],
      [0, 5_000],
      [0, 5_000],
    ];
    for (const [attempt, [code, ms]] of want.entries()) {
      const { rt, d, started } = setup();
      const { id } = await started(script, attempt);
      await d.sleep(6_000);
      const s = await rt.containerStatus(id);
      assert.deepEqual([s.exitCode, s.finishedAt - s.startedAt], [code, ms], `attempt ${attempt}`);
    }
    const { rt, d, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.exit': '1@1s,forever' }, 3);
    await d.sleep(60_000);
    assert.equal((await rt.containerStatus(id)).state, 'CONTAINER_RUNNING');
  });

  it('scripts only the named container of the pod', async () => {
    const { rt, d, pod } = setup();
    const p = await pod({ 'sim.kubeling.io/app.exit': '1@1s' }, ['app', 'sidecar']);
    for (const id of p.ids) await d.settle(rt.startContainer(id));
    await d.sleep(2_000);
    assert.equal((await rt.containerStatus(p.ids[0]!)).state, 'CONTAINER_EXITED');
    assert.equal((await rt.containerStatus(p.ids[1]!)).state, 'CONTAINER_RUNNING');
  });
});

describe('sim script: start-delay', () => {
  it('startContainer takes the scripted delay, else the default', async () => {
    const { rt, d, pod, clock } = setup({ defaults: { startDelayMs: 250 } });
    const slow = await pod({ 'sim.kubeling.io/app.start-delay': '1500ms' });
    const t0 = clock.nowMs();
    await d.settle(rt.startContainer(slow.id));
    assert.equal((await rt.containerStatus(slow.id)).startedAt - t0, 1_500);
    const plain = await pod({});
    const t1 = clock.nowMs();
    const p = rt.startContainer(plain.id);
    assert.equal(
      (await rt.containerStatus(plain.id)).state,
      'CONTAINER_CREATED',
      'not running during the delay',
    );
    await d.settle(p);
    assert.equal((await rt.containerStatus(plain.id)).startedAt - t1, 250);
  });

  it('a stop during the start delay fails the start and exits 137', async () => {
    const { rt, d, pod } = setup({ defaults: { startDelayMs: 1_000 } });
    const { id } = await pod({});
    const start = rt.startContainer(id);
    await rt.stopContainer(id, 30);
    await rejectsWith(d.settle(start), 'StartContainerFailed');
    assert.equal((await rt.containerStatus(id)).exitCode, 137);
  });
});

describe('sim script: probes', () => {
  it('answers liveness, readiness and startup from the scripted steps over time', async () => {
    const { rt, d, started } = setup();
    const { id } = await started({
      'sim.kubeling.io/app.liveness': 'success@0s,failure@30s',
      'sim.kubeling.io/app.readiness': 'success@10s',
      'sim.kubeling.io/app.startup': 'failure',
    });
    const probe = rt.scriptedProbe;
    assert.deepEqual(
      [await probe(id, 'liveness'), await probe(id, 'readiness'), await probe(id, 'startup')],
      ['success', 'failure', 'failure'],
    );
    await d.sleep(10_000);
    assert.equal(await probe(id, 'readiness'), 'success');
    assert.equal(await probe(id, 'liveness'), 'success');
    await d.sleep(20_000);
    assert.equal(await probe(id, 'liveness'), 'failure');
  });

  it('leaves unscripted probes to the kubelet only when told to run them', async () => {
    const { rt, started } = setup({ unscriptedProbes: 'run' });
    const { id } = await started({ 'sim.kubeling.io/app.liveness': 'success' });
    assert.equal(await rt.scriptedProbe(id, 'readiness'), undefined);
    assert.equal(await rt.scriptedProbe('unknown', 'liveness'), undefined);
    const other = setup({ unscriptedProbes: 'success' });
    const p = await other.started({});
    assert.equal(await other.rt.scriptedProbe(p.id, 'readiness'), 'success');
  });

  it('a scripted probe of an exited container fails', async () => {
    const { rt, d, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.readiness': 'success' });
    await d.settle(rt.stopContainer(id, 0));
    assert.equal(await rt.scriptedProbe(id, 'readiness'), 'failure');
  });
});

describe('sim script: image pulls', () => {
  it('pulls take pullDelayMs and stay; `:missing` fails as not found', async () => {
    const { sim, d, clock } = setup({ defaults: { pullDelayMs: 700 } });
    const t0 = clock.nowMs();
    const r = await d.settle(sim.images.pullImage('nginx:1.27'));
    assert.equal(clock.nowMs() - t0, 700);
    assert.equal(r.durationMs, 700);
    const s = await sim.images.imageStatus('docker.io/library/nginx:1.27');
    assert.equal(s?.id, r.ref);
    assert.equal((await sim.images.imageStatus(r.ref))?.id, r.ref, 'found by ID');
    const e = await rejectsWith(d.settle(sim.images.pullImage('nginx:missing')), 'ImagePullFailed');
    assert.equal(
      e.message,
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:missing": ' +
        'failed to resolve reference "docker.io/library/nginx:missing": docker.io/library/nginx:missing: not found',
    );
  });

  it('fails images of the failImages option and of a pod`s pull-fail annotation', async () => {
    const { sim, rt, d, pod } = setup({ failImages: ['registry.example/app:v1'] });
    const e = await rejectsWith(d.settle(sim.images.pullImage('registry.example/app:v1')), 'ImagePullFailed');
    assert.match(e.message, /pull access denied, repository does not exist or may require authorization/);
    const p = await pod({ 'sim.kubeling.io/pull-fail': 'nginx:1.27, redis' });
    // With the pod's sandbox config (as CRI's PullImageRequest carries it): only this pod's pulls fail.
    await rejectsWith(d.settle(sim.images.pullImage('nginx:1.27', undefined, p.sb)), 'ImagePullFailed');
    await d.settle(sim.images.pullImage('nginx:1.27', undefined, sandboxConfig()));
    await sim.images.removeImage('nginx:1.27');
    // Without it: while a live pod lists the image.
    await rejectsWith(d.settle(sim.images.pullImage('docker.io/library/redis:latest')), 'ImagePullFailed');
    await d.settle(rt.removePodSandbox(p.sandboxId));
    await d.settle(sim.images.pullImage('redis'));
    assert.ok(await sim.images.imageStatus('redis:latest'));
  });

  it('refuses to create a container whose image is not present', async () => {
    const { rt } = setup();
    const sb = sandboxConfig();
    const id = await rt.runPodSandbox(sb);
    const e = await rejectsWith(
      rt.createContainer(id, containerConfig('app', 'nginx:9', runForever()), sb),
      'CreateContainerFailed',
    );
    assert.match(e.message, /nginx:9/);
  });
});

describe('sim script: oom', () => {
  it('is OOM-killed (137, OOMKilled) after the scripted time, before a later scripted exit', async () => {
    const { rt, d, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.oom': '4s', 'sim.kubeling.io/app.exit': '0@10s' });
    await d.sleep(5_000);
    const s = await rt.containerStatus(id);
    assert.deepEqual([s.exitCode, s.reason, s.finishedAt - s.startedAt], [137, 'OOMKilled', 4_000]);
  });
});

describe('sim script: exec', () => {
  it('answers the scripted code, takes the scripted time, and -1 past the timeout', async () => {
    const { rt, d, clock, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.exec': '2@3s' });
    const t0 = clock.nowMs();
    const r = await d.settle(rt.execSync(id, ['cat', '/tmp/healthy'], 10));
    assert.deepEqual([r.exitCode, clock.nowMs() - t0], [2, 3_000]);
    const t1 = clock.nowMs();
    const late = await d.settle(rt.execSync(id, ['cat', '/tmp/healthy'], 1));
    assert.deepEqual([late.exitCode, clock.nowMs() - t1], [-1, 1_000]);
  });
});

describe('sim script: term-delay', () => {
  it('exits after the term delay when the timeout allows, else 137 at the timeout', async () => {
    const { rt, d, clock, started } = setup();
    const a = await started({ 'sim.kubeling.io/app.term-delay': '5s' });
    let t0 = clock.nowMs();
    await d.settle(rt.stopContainer(a.id, 30));
    let s = await rt.containerStatus(a.id);
    assert.deepEqual([s.exitCode, s.reason, s.finishedAt - t0], [0, 'Completed', 5_000]);
    const b = await started({ 'sim.kubeling.io/app.term-delay': '143@2s' });
    await d.settle(rt.stopContainer(b.id, 30));
    assert.equal((await rt.containerStatus(b.id)).exitCode, 143);
    const c = await started({ 'sim.kubeling.io/app.term-delay': '5s' });
    t0 = clock.nowMs();
    await d.settle(rt.stopContainer(c.id, 3));
    s = await rt.containerStatus(c.id);
    assert.deepEqual([s.exitCode, s.reason, s.finishedAt - t0], [137, 'Error', 3_000]);
  });

  it('a second stop with a shorter timeout kills earlier', async () => {
    const { rt, d, clock, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.term-delay': '60s' });
    const t0 = clock.nowMs();
    const first = rt.stopContainer(id, 30);
    await d.sleep(1_000);
    await d.settle(rt.stopContainer(id, 1));
    await first;
    assert.equal((await rt.containerStatus(id)).finishedAt - t0, 2_000);
  });
});

describe('sim script: log and errors', () => {
  it('writes the scripted log lines in CRI format when the container starts', async () => {
    const { sim, started } = setup();
    const { id } = await started({ 'sim.kubeling.io/app.log': 'hello\nworld\n' });
    assert.deepEqual(sim.runtime.readLog(id), [
      '2024-01-01T00:00:00.100000000Z stdout F hello',
      '2024-01-01T00:00:00.100000000Z stdout F world',
    ]);
  });

  it('fails the create with CreateContainerFailed naming a bad annotation', async () => {
    const { pod } = setup();
    const e = await rejectsWith(pod({ 'sim.kubeling.io/app.exit': 'soon' }), 'CreateContainerFailed');
    assert.match(e.message, /sim\.kubeling\.io\/app\.exit/);
    await rejectsWith(pod({ 'sim.kubeling.io/app.exitt': '1' }), 'CreateContainerFailed');
  });
});

describe('sim runtime', () => {
  it('lists by the pod UID label from its index, applying the rest of the filter', async () => {
    const { rt } = setup();
    const uid = 'pod-a';
    const labels = { 'io.kubernetes.pod.uid': uid };
    const sbA = sandboxConfig({ labels });
    const a = await rt.runPodSandbox(sbA);
    const other = sandboxConfig({ labels: { 'io.kubernetes.pod.uid': 'pod-b' } });
    const b = await rt.runPodSandbox(other);
    const ca = await rt.createContainer(a, containerConfig('app', IMAGE, runForever(), { labels }), sbA);
    await rt.createContainer(b, containerConfig('app', IMAGE, runForever(), { labels: other.labels }), other);
    assert.deepEqual(
      (await rt.listPodSandbox({ labelSelector: labels })).map((s) => s.id),
      [a],
    );
    assert.deepEqual(
      (await rt.listContainers({ labelSelector: labels })).map((c) => c.id),
      [ca],
    );
    const sel = { ...labels, 'io.kubernetes.container.name': 'other' };
    assert.deepEqual(await rt.listContainers({ labelSelector: sel }), []);
    assert.deepEqual(await rt.listContainers({ labelSelector: { 'io.kubernetes.pod.uid': 'none' } }), []);
    await rt.removePodSandbox(a);
    assert.deepEqual(await rt.listPodSandbox({ labelSelector: labels }), []);
    assert.deepEqual(await rt.listContainers({ labelSelector: labels }), []);
    assert.equal((await rt.listContainers()).length, 1);
  });

  it('hands out sandbox IPs from the pod CIDR, fails when it is exhausted, reuses freed ones', async () => {
    const { rt } = setup({ podCidr: '10.42.7.0/29' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await rt.runPodSandbox(sandboxConfig()));
    const ips = await Promise.all(ids.map(async (id) => (await rt.podSandboxStatus(id)).ip));
    assert.deepEqual(ips, ['10.42.7.2', '10.42.7.3', '10.42.7.4', '10.42.7.5', '10.42.7.6']);
    const e = await rejectsWith(rt.runPodSandbox(sandboxConfig()), 'SandboxFailed');
    assert.match(e.message, /no IP addresses available in range set: 10\.42\.7\.1-10\.42\.7\.6/);
    await rt.removePodSandbox(ids[1]!);
    assert.equal((await rt.podSandboxStatus(await rt.runPodSandbox(sandboxConfig()))).ip, '10.42.7.3');
  });

  it('emits created, started, stopped and deleted events', async () => {
    const { rt, d, pod } = setup();
    const events: RuntimeEvent[] = [];
    rt.subscribe((e) => events.push(e));
    const p = await pod({ 'sim.kubeling.io/app.exit': '1@1s' });
    await d.settle(rt.startContainer(p.id));
    await d.sleep(1_000);
    await rt.removePodSandbox(p.sandboxId);
    await d.sleep(0);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ContainerCreated', 'ContainerStarted', 'ContainerStopped', 'SandboxStopped', 'ContainerDeleted'],
    );
  });

  it('runs 10,000 containers on 100 sim nodes sharing one clock cheaply', async () => {
    const clock = new FakeClock();
    const nodes = Array.from({ length: 100 }, (_, i) =>
      createSimRuntime({
        clock,
        nodeName: `sim-node-${i + 1}`,
        podCidr: `10.42.${i}.0/24`,
        preloadedImages: [IMAGE],
      }),
    );
    const started = Date.now();
    const ids: [number, string][] = [];
    for (let n = 0; n < 100; n++) {
      for (let i = 0; i < 100; i++) {
        const sb = sandboxConfig({ annotations: i % 10 === 0 ? { 'sim.kubeling.io/app.exit': '1@5s' } : {} });
        const rt = nodes[n]!.runtime;
        const sandboxId = await rt.runPodSandbox(sb);
        const id = await rt.createContainer(sandboxId, containerConfig('app', IMAGE, runForever()), sb);
        void rt.startContainer(id);
        ids.push([n, id]);
      }
    }
    clock.advance(10_000);
    await new Promise((r) => setImmediate(r));
    const states = await Promise.all(
      ids.map(async ([n, id]) => (await nodes[n]!.runtime.containerStatus(id)).state),
    );
    assert.equal(states.filter((s) => s === 'CONTAINER_RUNNING').length, 9_000);
    assert.equal(states.filter((s) => s === 'CONTAINER_EXITED').length, 1_000);
    assert.equal((await nodes[0]!.runtime.listContainers({ state: 'CONTAINER_EXITED' })).length, 10);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    for (const node of nodes) await node.close();
  });
});
