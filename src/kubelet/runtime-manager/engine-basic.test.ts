import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { container, Harness, makePod } from '../testing/harness.js';

describe('engine: start, phases and events', () => {
  it('creates the sandbox, then the container; the pod goes Running with upstream events', async () => {
    const h = new Harness();
    const pod = makePod();
    const status = await h.sync(pod);
    assert.deepEqual(h.fake.calls.slice(0, 4), [
      'runPodSandbox web 0',
      'pull nginx:1.27',
      'create app 0',
      'start app',
    ]);
    assert.equal(status?.phase, 'Running');
    assert.equal(status?.podIP, '10.88.0.1');
    assert.equal(status?.hostIP, '192.168.1.10');
    const cs = h.containerStatus(pod, 'app')!;
    assert.ok(cs.state?.running);
    assert.equal(cs.ready, true);
    assert.equal(cs.started, true);
    assert.match(cs.containerID ?? '', /^sim:\/\/c\d+$/);
    assert.deepEqual(
      status?.conditions?.map((c) => `${c.type}=${c.status}`),
      [
        'PodReadyToStartContainers=True',
        'Initialized=True',
        'Ready=True',
        'ContainersReady=True',
        'PodScheduled=True',
      ],
    );
    assert.deepEqual(
      h.events.list.map((e) => `${e.reason}: ${e.message}`),
      [
        'Pulling: Pulling image "nginx:1.27"',
        'Pulled: Successfully pulled image "nginx:1.27" in 1.2s (1.2s including waiting). Image size: 1000 bytes.',
        'Created: Created container: app',
        'Started: Started container app',
      ],
    );
    assert.equal(h.events.list[0].fieldPath, 'spec.containers{app}');
  });

  it('starts app containers in spec order and keeps them running on resync', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('a'), container('b'), container('c')] });
    await h.sync(pod);
    assert.deepEqual(
      h.fake.calls.filter((c) => c.startsWith('start')),
      ['start a', 'start b', 'start c'],
    );
    const before = h.fake.calls.length;
    await h.sync(pod);
    assert.equal(h.fake.calls.length, before, 'a resync of a healthy pod does nothing');
  });

  it('restartPolicy Always: an exited container restarts and the pod stays Running', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')] });
    await h.sync(pod);
    h.fake.exit('app', 0);
    await h.settle();
    const cs = h.containerStatus(pod, 'app')!;
    assert.equal(cs.restartCount, 1);
    assert.ok(cs.state?.running);
    assert.equal(cs.lastState?.terminated?.reason, 'Completed');
    assert.equal(h.statusOf(pod)?.phase, 'Running');
  });

  it('restartPolicy OnFailure: exit 0 → Succeeded, nothing restarted', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], restartPolicy: 'OnFailure' });
    await h.sync(pod);
    h.fake.exit('app', 0);
    await h.settle();
    assert.equal(h.statusOf(pod)?.phase, 'Succeeded');
    assert.equal(h.containerStatus(pod, 'app')?.state?.terminated?.reason, 'Completed');
    assert.equal(h.fake.calls.filter((c) => c === 'start app').length, 1);
    assert.equal(h.workers.state(pod.metadata.uid!), 'terminated');
    assert.ok(h.fake.calls.includes('stopPodSandbox web'));
  });

  it('restartPolicy OnFailure: exit 1 → restarted, Running', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], restartPolicy: 'OnFailure' });
    await h.sync(pod);
    h.fake.exit('app', 1);
    await h.settle();
    assert.equal(h.statusOf(pod)?.phase, 'Running');
    assert.equal(h.containerStatus(pod, 'app')?.restartCount, 1);
  });

  it('restartPolicy Never: exit 1 → Failed, terminated state kept', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], restartPolicy: 'Never' });
    await h.sync(pod);
    h.fake.exit('app', 1);
    await h.settle();
    const st = h.statusOf(pod)!;
    assert.equal(st.phase, 'Failed');
    assert.equal(h.containerStatus(pod, 'app')?.state?.terminated?.exitCode, 1);
    assert.equal(h.containerStatus(pod, 'app')?.state?.terminated?.reason, 'Error');
    assert.equal(h.fake.calls.filter((c) => c === 'start app').length, 1);
  });

  it('restartPolicy Never: exit 0 → Succeeded; Ready False with reason PodCompleted', async () => {
    const h = new Harness();
    const pod = makePod({ containers: [container('app')], restartPolicy: 'Never' });
    await h.sync(pod);
    h.fake.exit('app', 0);
    await h.settle();
    const st = h.statusOf(pod)!;
    assert.equal(st.phase, 'Succeeded');
    const ready = st.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.reason, 'PodCompleted');
  });
});
