import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';

const starts = (h: Harness) => h.fake.calls.filter((c) => c.startsWith('start ')).map((c) => c.slice(6));

describe('engine: init containers and sidecars', () => {
  it('runs init containers one at a time, in order, before app containers', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [container('init-1'), container('init-2')],
      containers: [container('app')],
    });
    let st = await h.sync(pod);
    assert.deepEqual(starts(h), ['init-1']);
    assert.equal(st?.phase, 'Pending');
    const initCond = st?.conditions?.find((c) => c.type === 'Initialized');
    assert.equal(initCond?.status, 'False');
    assert.equal(initCond?.reason, 'ContainersNotInitialized');
    assert.equal(initCond?.message, 'containers with incomplete status: [init-1 init-2]');
    assert.equal(h.containerStatus(pod, 'app')?.state?.waiting?.reason, 'PodInitializing');
    h.fake.exit('init-1', 0);
    await h.settle();
    assert.deepEqual(starts(h), ['init-1', 'init-2']);
    h.fake.exit('init-2', 0);
    st = (await h.settle(), h.statusOf(pod));
    assert.deepEqual(starts(h), ['init-1', 'init-2', 'app']);
    assert.equal(st?.phase, 'Running');
    assert.equal(st?.conditions?.find((c) => c.type === 'Initialized')?.status, 'True');
    assert.equal(h.containerStatus(pod, 'init-1')?.state?.terminated?.reason, 'Completed');
    assert.equal(h.containerStatus(pod, 'init-1')?.ready, true);
  });

  it('a failed init container is restarted with back-off (restartPolicy Always)', async () => {
    const h = new Harness();
    const pod = makePod({ initContainers: [container('init')], containers: [container('app')] });
    await h.sync(pod);
    h.fake.exit('init', 1);
    await h.settle();
    assert.deepEqual(starts(h), ['init', 'init'], 'first failure restarts at once');
    h.fake.exit('init', 1);
    await h.settle();
    const cs = h.containerStatus(pod, 'init')!;
    assert.equal(cs.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
    assert.equal(cs.restartCount, 1);
    assert.equal(h.statusOf(pod)?.phase, 'Pending');
    assert.ok(!starts(h).includes('app'));
    await h.advance(10_000);
    assert.deepEqual(starts(h), ['init', 'init', 'init']);
    h.fake.exit('init', 0);
    await h.settle();
    assert.deepEqual(starts(h), ['init', 'init', 'init', 'app']);
    assert.equal(h.containerStatus(pod, 'init')?.restartCount, 2);
  });

  it('a failed init container under restartPolicy Never fails the pod', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [container('init')],
      containers: [container('app')],
      restartPolicy: 'Never',
    });
    await h.sync(pod);
    h.fake.exit('init', 2);
    await h.settle();
    assert.equal(h.statusOf(pod)?.phase, 'Failed');
    assert.deepEqual(starts(h), ['init']);
    assert.equal(h.containerStatus(pod, 'init')?.state?.terminated?.exitCode, 2);
    assert.equal(h.containerStatus(pod, 'app')?.state?.waiting?.reason, 'PodInitializing');
    assert.equal(h.workers.state(pod.metadata.uid!), 'terminated');
  });

  it('sidecars start in order, gate the next init container and keep running', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [
        container('side-1', { restartPolicy: 'Always' }),
        container('init', {}),
        container('side-2', { restartPolicy: 'Always' }),
      ],
      containers: [container('app')],
    });
    await h.sync(pod);
    assert.deepEqual(starts(h), ['side-1', 'init']);
    h.fake.exit('init', 0);
    await h.settle();
    assert.deepEqual(starts(h), ['side-1', 'init', 'side-2', 'app']);
    const st = h.statusOf(pod)!;
    assert.equal(st.phase, 'Running');
    assert.ok(h.containerStatus(pod, 'side-1')?.state?.running);
    assert.equal(h.containerStatus(pod, 'side-1')?.ready, true);
    h.fake.exit('side-1', 1);
    await h.settle();
    assert.deepEqual(starts(h).slice(-1), ['side-1'], 'an exited sidecar is restarted');
    assert.equal(h.containerStatus(pod, 'side-1')?.restartCount, 1);
    assert.ok(!starts(h).slice(4).includes('init'), 'regular init containers do not run again');
  });

  it('a sidecar with a startup probe gates the next init container until it succeeds', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [
        container('side', { restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } }),
        container('init'),
      ],
      containers: [container('app')],
    });
    await h.sync(pod);
    assert.deepEqual(starts(h), ['side']);
    assert.equal(h.containerStatus(pod, 'side')?.started, false);
    h.probes.set(h.fake.latest('side')!.id, 'startup', 'success');
    await h.settle();
    assert.deepEqual(starts(h), ['side', 'init']);
  });

  it('Never pod with a sidecar: Succeeded once the app exits 0, sidecar stopped', async () => {
    const h = new Harness();
    const pod = makePod({
      initContainers: [container('side', { restartPolicy: 'Always' })],
      containers: [container('app')],
      restartPolicy: 'Never',
    });
    await h.sync(pod);
    h.fake.exit('app', 0);
    await h.settle();
    assert.equal(h.statusOf(pod)?.phase, 'Succeeded');
    assert.ok(h.fake.calls.includes('stop side 30'));
  });
});
