import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';

const deleted = (pod: ReturnType<typeof makePod>, grace: number) => ({
  ...pod,
  metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:01:00Z', deletionGracePeriodSeconds: grace },
});

describe('engine: hooks, termination, deadlines, images, adoption', () => {
  it('postStart success: the hook runs right after start', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [container('app', { lifecycle: { postStart: { exec: { command: ['warm', 'up'] } } } })],
    });
    await h.sync(pod);
    const i = h.fake.calls.indexOf('start app');
    assert.equal(h.fake.calls[i + 1], 'exec app warm up');
    assert.ok(h.containerStatus(pod, 'app')?.state?.running);
    assert.equal(h.events.find('FailedPostStartHook').length, 0);
  });

  it('postStart failure kills the container with FailedPostStartHook and restarts it', async () => {
    const h = new Harness();
    h.fake.execResult(() => ({ exitCode: 1, stdout: Buffer.from('nope'), stderr: Buffer.alloc(0) }));
    const pod = makePod({
      containers: [container('app', { lifecycle: { postStart: { exec: { command: ['x'] } } } })],
    });
    await h.sync(pod);
    const ev = h.events.find('FailedPostStartHook')[0];
    assert.equal(ev.type, 'Warning');
    assert.equal(ev.message, 'PostStartHook failed');
    assert.equal(h.events.find('Killing')[0].message, 'FailedPostStartHook');
    assert.ok(h.fake.calls.includes('stop app 30'));
    // The kill is a crash: restarted once at once, then the second failure backs off.
    assert.equal(h.fake.calls.filter((c) => c === 'start app').length, 2);
    assert.equal(h.containerStatus(pod, 'app')?.state?.waiting?.reason, 'CrashLoopBackOff');
  });

  it('postStart failure under restartPolicy Never: killed, not restarted, pod Failed', async () => {
    const h = new Harness();
    h.fake.termExitCode = 143;
    h.fake.execResult(() => ({ exitCode: 1, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }));
    const pod = makePod({
      containers: [container('app', { lifecycle: { postStart: { exec: { command: ['x'] } } } })],
      restartPolicy: 'Never',
    });
    await h.sync(pod);
    assert.equal(h.fake.calls.filter((c) => c === 'start app').length, 1);
    assert.equal(h.statusOf(pod)?.phase, 'Failed');
  });

  it('graceful delete: preStop, then stop with the remaining grace, sandbox stopped, podTerminated', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [container('app', { lifecycle: { preStop: { sleep: { seconds: 3 } } } })],
    });
    await h.sync(pod);
    await h.sync(deleted(pod, 10));
    assert.equal(h.events.find('Killing')[0].message, 'Stopping container app');
    assert.ok(h.fake.calls.includes('stop app 7'), h.fake.calls.join(','));
    assert.ok(h.fake.calls.includes('stopPodSandbox web'));
    assert.deepEqual([...new Set(h.status.terminated)], [pod.metadata.uid]);
    assert.equal(h.workers.state(pod.metadata.uid!), 'terminated');
    await h.sync(deleted(pod, 10), true);
    assert.equal(h.workers.state(pod.metadata.uid!), undefined, 'forgotten once removed');
  });

  it('SIGKILL after the grace period when the container ignores SIGTERM', async () => {
    const h = new Harness();
    h.fake.ignoreSigterm('app');
    const pod = makePod({ containers: [container('app')] });
    await h.sync(pod);
    const t0 = h.clock.nowMs();
    await h.sync(deleted(pod, 5));
    const c = h.fake.latest('app')!;
    assert.equal(c.exitCode, 137);
    assert.ok(c.finishedAt - t0 >= 5000, 'killed only after the grace period');
    assert.deepEqual([...new Set(h.status.terminated)], [pod.metadata.uid]);
  });

  it('a forced delete during a slow termination brings the SIGKILL forward', async () => {
    const h = new Harness();
    h.fake.ignoreSigterm('app');
    const pod = makePod({ containers: [container('app')] });
    await h.sync(pod);
    const t0 = h.clock.nowMs();
    const c = h.fake.latest('app')!;
    h.workers.update(deleted(pod, 30));
    await h.settle(100, 1000).catch(() => undefined);
    assert.equal(h.fake.latest('app')!.state, 'CONTAINER_RUNNING', 'still in its grace period');
    await h.sync(deleted(pod, 0), true);
    assert.equal(c.exitCode, 137);
    assert.ok(c.finishedAt - t0 < 5000, `killed early (${c.finishedAt - t0} ms)`);
    assert.ok(h.fake.calls.includes('stop app 0'));
    assert.equal(h.workers.state(pod.metadata.uid!), undefined);
  });

  it('a failing preStop hook emits FailedPreStopHook and the stop goes on', async () => {
    const h = new Harness();
    h.fake.execResult(() => ({ exitCode: 2, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) }));
    const pod = makePod({
      containers: [container('app', { lifecycle: { preStop: { exec: { command: ['bye'] } } } })],
    });
    await h.sync(pod);
    await h.sync(deleted(pod, 30));
    assert.equal(h.events.find('FailedPreStopHook')[0].message, 'PreStopHook failed');
    assert.equal(h.fake.latest('app')!.state, 'CONTAINER_EXITED');
  });

  it('activeDeadlineSeconds: kills everything, Failed with DeadlineExceeded', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], activeDeadlineSeconds: 30 });
    await h.sync(pod);
    await h.advance(29_000);
    assert.equal(h.statusOf(pod)?.phase, 'Running');
    await h.advance(1_000);
    const st = h.statusOf(pod)!;
    assert.equal(st.phase, 'Failed');
    assert.equal(st.reason, 'DeadlineExceeded');
    assert.equal(st.message, 'Pod was active on the node longer than the specified deadline');
    assert.equal(h.fake.latest('app')!.state, 'CONTAINER_EXITED');
  });

  it('ErrImagePull then ImagePullBackOff, then a successful pull after the back-off', async () => {
    const h = new Harness();
    h.fake.failPull('nginx:1.27', 'manifest unknown');
    const pod = makePod();
    await h.sync(pod);
    let cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.state?.waiting?.reason, 'ErrImagePull');
    assert.equal(cs.state?.waiting?.message, 'manifest unknown');
    assert.deepEqual(
      h.events.list.map((e) => `${e.type} ${e.reason}: ${e.message}`),
      [
        'Normal Pulling: Pulling image "nginx:1.27"',
        'Warning Failed: Failed to pull image "nginx:1.27": manifest unknown',
        'Warning Failed: Error: ErrImagePull',
      ],
    );
    await h.sync(pod);
    cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.state?.waiting?.reason, 'ImagePullBackOff');
    assert.equal(cs.state?.waiting?.message, 'Back-off pulling image "nginx:1.27"');
    assert.ok(
      h.events.list.some(
        (e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "nginx:1.27"',
      ),
    );
    assert.equal(h.fake.calls.filter((c) => c.startsWith('pull')).length, 1);
    h.fake.failPull('nginx:1.27', undefined);
    await h.advance(10_000);
    assert.ok(h.containerStatus(pod, 'app')?.state?.running);
  });

  it('ErrImageNeverPull with upstream wording; present images are not pulled', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [container('app', { image: 'local/app:dev', imagePullPolicy: 'Never' })],
    });
    await h.sync(pod);
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.state?.waiting?.reason, 'ErrImageNeverPull');
    assert.equal(
      cs.state?.waiting?.message,
      'Container image "local/app:dev" is not present with pull policy of Never',
    );
    // As upstream's pod worker after a failed sync: tried again 10–15 s later, with the event
    // again; an image imported meanwhile (ctr images import, kubeling image load) is then run.
    await h.advance(9_900);
    assert.equal(h.events.find('ErrImageNeverPull').length, 1);
    await h.advance(5_100);
    assert.equal(h.events.find('ErrImageNeverPull').length, 2);
    h.fake.addImage('local/app:dev');
    await h.advance(15_000);
    assert.ok(h.containerStatus(pod, 'app')?.state?.running);
    assert.ok(
      h.events.list.some((e) => e.message === 'Container image "local/app:dev" already present on machine'),
    );
    assert.equal(h.fake.calls.filter((c) => c.startsWith('pull')).length, 0);
  });

  it("hostPID and hostIPC reach the sandbox; an ephemeral container's target is the running one's id", async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], hostPID: true, hostIPC: true });
    await h.sync(pod);
    const [sandbox] = h.fake.sandboxConfigs.values();
    assert.equal(sandbox.hostPID, true);
    assert.equal(sandbox.hostIPC, true);
    const appId = [...h.fake.containerConfigs].find(([, c]) => c.metadata.name === 'app')![0];
    const withDebug = {
      ...pod,
      spec: {
        ...pod.spec,
        ephemeralContainers: [{ ...container('dbg'), targetContainerName: 'app' }, { ...container('plain') }],
      },
    };
    await h.sync(withDebug);
    const configs = new Map([...h.fake.containerConfigs.values()].map((c) => [c.metadata.name, c]));
    assert.equal(configs.get('dbg')?.pidNamespaceTarget, appId);
    assert.equal(configs.get('plain')?.pidNamespaceTarget, undefined);
    assert.equal(configs.get('app')?.pidNamespaceTarget, undefined);
  });

  it('a restarted kubelet adopts running pods and restarts none of them', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [container('init')],
      containers: [container('a'), container('b')],
    });
    await h.sync(pod);
    h.fake.exit('init', 0);
    await h.settle();
    const calls = h.fake.calls.length;
    const old = h.statusOf(pod)!;
    // A fresh engine over the same runtime, starting from the API's view of the pod.
    const h2 = new Harness();
    Object.assign(h2, { fake: h.fake });
    const { KubeletPodSyncer } = await import('./pod-syncer.js');
    const { PodWorkers } = await import('../pod-workers.js');
    const { silentLogger } = await import('../../util/logger.js');
    const syncer = new KubeletPodSyncer({
      runtime: h.rt,
      probes: h2.probes,
      status: h2.status,
      events: h2.events,
      clock: h.clock,
      log: silentLogger,
      rootDir: '/tmp/x',
      nodeIP: '192.168.1.10',
      logDirs: { mkdirp: async () => {}, remove: async () => {} },
    });
    const workers = new PodWorkers({ syncer, clock: h.clock, log: silentLogger });
    workers.update({ ...pod, status: old });
    await workers.whenIdle();
    await new Promise((r) => setImmediate(r));
    await workers.whenIdle();
    assert.equal(h.fake.calls.length, calls, 'no runtime call besides reads');
    const st = h2.status.getPodStatus(pod.metadata.uid!)!;
    assert.equal(st.phase, 'Running');
    assert.equal(st.startTime, old.startTime);
    assert.deepEqual(
      st.containerStatuses?.map((c) => [c.name, c.restartCount, !!c.state?.running]),
      [
        ['a', 0, true],
        ['b', 0, true],
      ],
    );
  });
});
