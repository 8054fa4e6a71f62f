import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';

const startTimes = (h: Harness, log: number[]) => {
  h.fake.subscribe((e) => {
    if (e.type === 'ContainerStarted') log.push(h.clock.nowMs());
  });
};

describe('engine: crash loop back-off and probes', () => {
  it('CrashLoopBackOff: restarts after 0,10,20,40,80,160,300,300 s, with upstream messages', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')] });
    const starts: number[] = [];
    startTimes(h, starts);
    await h.sync(pod);
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = starts.length;
      h.fake.exit('app', 1);
      const exitAt = h.clock.nowMs();
      await h.settle();
      while (starts.length === before) await h.advance(1000);
      gaps.push((starts[starts.length - 1] - exitAt) / 1000);
    }
    assert.deepEqual(gaps, [0, 10, 20, 40, 80, 160, 300, 300]);
    h.fake.exit('app', 1);
    await h.settle();
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(
      cs.state?.waiting?.message,
      `back-off 5m0s restarting failed container=app pod=web_default(${pod.metadata.uid})`,
    );
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
    assert.equal(cs.restartCount, 8);
    const backoff = h.events.find('BackOff').at(-1)!;
    assert.equal(backoff.type, 'Warning');
    assert.equal(
      backoff.message,
      `Back-off restarting failed container app in pod web_default(${pod.metadata.uid})`,
    );
  });

  it('the back-off resets after 10 minutes of running', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')] });
    const starts: number[] = [];
    startTimes(h, starts);
    await h.sync(pod);
    for (let i = 0; i < 3; i++) {
      const before = starts.length;
      h.fake.exit('app', 1);
      await h.settle();
      while (starts.length === before) await h.advance(1000);
    }
    // Delay is now 40 s; run for more than 10 minutes, then crash: restarted at once.
    await h.advance(601_000);
    const before = starts.length;
    h.fake.exit('app', 1);
    await h.settle();
    assert.equal(starts.length, before + 1);
    assert.equal(h.containerStatus(pod, 'app')?.state?.running !== undefined, true);
  });

  it('liveness failure kills the container with the upstream event and restarts it', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [
        container('app', {
          livenessProbe: { exec: { command: ['check'] }, terminationGracePeriodSeconds: 5 },
        }),
      ],
      terminationGracePeriodSeconds: 30,
    });
    await h.sync(pod);
    const first = h.fake.latest('app')!;
    h.probes.set(first.id, 'liveness', 'failure');
    await h.settle();
    const killing = h.events.find('Killing')[0];
    assert.equal(killing.message, 'Container app failed liveness probe, will be restarted');
    assert.ok(h.fake.calls.includes('stop app 5'), 'probe-level terminationGracePeriodSeconds is used');
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.restartCount, 1);
    assert.ok(cs.state?.running);
    assert.notEqual(h.fake.latest('app')!.id, first.id);
  });

  it('a changed image restarts the container (definition changed), even under Never', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app', { image: 'app:v1' })], restartPolicy: 'Never' });
    await h.sync(pod);
    const changed = { ...pod, spec: { ...pod.spec, containers: [container('app', { image: 'app:v2' })] } };
    await h.sync(changed);
    assert.equal(h.events.find('Killing')[0].message, 'Container app definition changed, will be restarted');
    assert.ok(h.fake.calls.includes('pull app:v2'));
    const cs = h.containerStatus(changed, 'app')!;
    assert.ok(cs.state?.running);
    assert.equal(cs.image, 'app:v2');
    assert.equal(cs.restartCount, 1);
  });

  it('liveness failure under restartPolicy Never kills without restart → Failed', async () => {
    const h = new Harness();
    h.fake.termExitCode = 143;
    const pod = makePod({
      containers: [container('app', { livenessProbe: { exec: { command: ['x'] } } })],
      restartPolicy: 'Never',
    });
    await h.sync(pod);
    h.probes.set(h.fake.latest('app')!.id, 'liveness', 'failure');
    await h.settle();
    // Nothing is left to run, so the whole pod is killed (as upstream: KillPod wins).
    assert.equal(h.events.find('Killing')[0].message, 'Stopping container app');
    assert.equal(h.containerStatus(pod, 'app')?.state?.terminated?.exitCode, 143);
    assert.equal(h.statusOf(pod)?.phase, 'Failed');
  });

  it('startup probe: started false until it succeeds; a failure kills with `failed startup probe`', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [
        container('app', {
          startupProbe: { exec: { command: ['x'] } },
          readinessProbe: { exec: { command: ['y'] } },
        }),
      ],
    });
    await h.sync(pod);
    let cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.started, false);
    assert.equal(cs.ready, false);
    const id = h.fake.latest('app')!.id;
    h.probes.set(id, 'startup', 'success');
    await h.settle();
    cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.started, true);
    assert.equal(cs.ready, false, 'readiness still unknown');
    h.probes.set(id, 'startup', 'failure');
    await h.settle();
    assert.equal(
      h.events.find('Killing')[0].message,
      'Container app failed startup probe, will be restarted',
    );
  });

  it('readiness drives ready, ContainersReady and Ready; transition times only move on flips', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app', { readinessProbe: { httpGet: { port: 80 } } })] });
    let st = await h.sync(pod);
    let ready = st!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.status, 'False');
    assert.equal(ready.reason, 'ContainersNotReady');
    assert.equal(ready.message, 'containers with unready status: [app]');
    const id = h.fake.latest('app')!.id;
    await h.advance(5000);
    h.probes.set(id, 'readiness', 'success');
    st = (await h.settle(), h.statusOf(pod));
    ready = st!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(ready.status, 'True');
    assert.equal(ready.lastTransitionTime, '2024-01-01T00:00:05Z');
    const init = st!.conditions!.find((c) => c.type === 'Initialized')!;
    assert.equal(init.lastTransitionTime, '2024-01-01T00:00:00Z');
    assert.equal(h.containerStatus(pod, 'app')?.ready, true);
    await h.advance(3000);
    h.probes.set(id, 'readiness', 'success');
    await h.settle();
    assert.equal(
      h.statusOf(pod)!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime,
      '2024-01-01T00:00:05Z',
    );
  });
});
