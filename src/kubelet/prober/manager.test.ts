import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container, ContainerStatus, Pod, PodStatus } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { createProbeManager, type ProbeManagerOptions } from './manager.js';
import {
  makePod,
  recordingSink,
  running,
  settle,
  statusOf,
  stubRuntime,
  type ExecAnswer,
} from './test-fixtures.js';

function setup(answers: Record<string, ExecAnswer>, opts: Partial<ProbeManagerOptions> = {}) {
  const clock = new FakeClock();
  const t0 = clock.nowMs();
  const { runtime, calls } = stubRuntime(() => clock.nowMs(), answers);
  const sink = recordingSink();
  const mgr = createProbeManager({ runtime, events: sink, clock, jitter: false, ...opts });
  const changes: string[] = [];
  mgr.onChange((uid) => changes.push(uid));
  /** Moves the fake clock in 100 ms steps, letting probe rounds finish in between. */
  const advance = async (ms: number) => {
    clock.advance(0);
    await settle();
    for (let done = 0; done < ms; done += 100) {
      clock.advance(Math.min(100, ms - done));
      await settle();
    }
  };
  /** Offsets from the start of the test of the calls of one command. */
  const callTimes = (cmd: string) => calls.filter((c) => c.command[0] === cmd).map((c) => c.atMs - t0);
  return { clock, t0, calls, sink, mgr, changes, advance, callTimes };
}

/** Acts like the engine: regenerates the status on every probe change and hands it in. */
function engine(
  s: ReturnType<typeof setup>,
  pod: () => Pod,
  statuses: () => ContainerStatus[],
  inits?: () => ContainerStatus[],
) {
  let last: PodStatus = statusOf([]);
  const sync = () => {
    last = statusOf(statuses(), inits?.() ?? []);
    s.mgr.updatePodStatus(pod(), last);
    return last;
  };
  s.mgr.onChange(() => sync());
  return { sync, last: () => last };
}

const exec = (cmd: string, extra: object = {}) => ({ exec: { command: [cmd] }, ...extra });

describe('probe workers', () => {
  test('readiness is false until the first success, then true', async () => {
    const s = setup({ ready: 0 });
    const pod = makePod([{ name: 'app', readinessProbe: exec('ready') }]);
    s.mgr.addPod(pod);
    const st = statusOf([running('app', 'sim://c1', s.clock.now())]);
    s.mgr.updatePodStatus(pod, st);
    assert.equal(st.containerStatuses![0]!.ready, false);
    assert.equal(st.containerStatuses![0]!.started, true);
    await s.advance(0);
    assert.equal(s.mgr.results.get('c1', 'readiness'), 'success');
    assert.deepEqual(s.changes, ['uid-1', 'uid-1'], 'initial failure, then success');
    const st2 = statusOf([running('app', 'sim://c1', s.clock.now())]);
    s.mgr.updatePodStatus(pod, st2);
    assert.equal(st2.containerStatuses![0]!.ready, true);
    assert.equal(s.calls[0]!.containerId, 'c1');
  });

  test('results flip only after successThreshold / failureThreshold in a row', async () => {
    const answers: Record<string, ExecAnswer> = { ready: 0 };
    const s = setup(answers);
    const pod = makePod([
      { name: 'app', readinessProbe: exec('ready', { successThreshold: 2, failureThreshold: 3 }) },
    ]);
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(0);
    assert.equal(s.mgr.results.get('c1', 'readiness'), 'failure', 'one success is not enough');
    await s.advance(10_000);
    assert.equal(s.mgr.results.get('c1', 'readiness'), 'success');
    answers.ready = 1;
    await s.advance(20_000);
    assert.equal(s.mgr.results.get('c1', 'readiness'), 'success', 'two failures are not enough');
    await s.advance(10_000);
    assert.equal(s.mgr.results.get('c1', 'readiness'), 'failure');
    assert.deepEqual(s.callTimes('ready'), [0, 10_000, 20_000, 30_000, 40_000]);
    assert.equal(s.sink.events.filter((e) => e.message === 'Readiness probe failed: ready said 1').length, 3);
  });

  test('initialDelaySeconds counts from the container start; periodSeconds spaces probes', async () => {
    const s = setup({ live: 0 });
    const pod = makePod([
      { name: 'app', livenessProbe: exec('live', { initialDelaySeconds: 15, periodSeconds: 5 }) },
    ]);
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(26_000);
    assert.deepEqual(s.callTimes('live'), [15_000, 20_000, 25_000]);
    assert.equal(s.mgr.results.get('c1', 'liveness'), 'success');
  });

  test('default period is 10 s and failureThreshold 3; a failed liveness probe holds until a new container', async () => {
    const answers: Record<string, ExecAnswer> = { live: 1 };
    const s = setup(answers);
    const pod = makePod([{ name: 'app', livenessProbe: exec('live') }]);
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(0);
    assert.equal(s.mgr.results.get('c1', 'liveness'), 'success', 'liveness starts as success');
    await s.advance(20_000);
    assert.equal(s.mgr.results.get('c1', 'liveness'), 'failure');
    assert.deepEqual(
      s.sink.events.map((e) => [e.type, e.reason, e.message]),
      Array(3).fill(['Warning', 'Unhealthy', 'Liveness probe failed: live said 1']),
    );
    await s.advance(30_000);
    assert.deepEqual(s.callTimes('live'), [0, 10_000, 20_000], 'on hold after reporting failure');

    // The engine restarted it: a new container ID resets the result and the counters.
    answers.live = 0;
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c2', s.clock.now())]));
    await s.advance(10_000);
    assert.equal(s.mgr.results.get('c1', 'liveness'), undefined);
    assert.equal(s.mgr.results.get('c2', 'liveness'), 'success');
    assert.equal(s.callTimes('live').length, 4);
    assert.equal(s.calls.at(-1)!.containerId, 'c2');
    answers.live = 1;
    await s.advance(10_000);
    assert.equal(s.mgr.results.get('c2', 'liveness'), 'success', 'the old failure run does not carry over');
  });

  test('a probe that outlives timeoutSeconds fails', async () => {
    const s = setup({ hang: 'hang' });
    const pod = makePod([
      { name: 'app', livenessProbe: exec('hang', { timeoutSeconds: 2, failureThreshold: 1 }) },
    ]);
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(1_900);
    assert.equal(s.mgr.results.get('c1', 'liveness'), 'success');
    await s.advance(200);
    assert.equal(s.mgr.results.get('c1', 'liveness'), 'failure');
    assert.equal(s.calls[0]!.timeoutSeconds, 2);
    assert.equal(s.sink.events[0]!.message, 'Liveness probe failed: command "hang" timed out');
  });

  test('the startup probe gates liveness and readiness, and stops once it succeeded', async () => {
    const answers: Record<string, ExecAnswer> = { start: 1, live: 0, ready: 0 };
    const s = setup(answers);
    const pod = makePod([
      {
        name: 'app',
        startupProbe: exec('start', { failureThreshold: 30 }),
        livenessProbe: exec('live'),
        readinessProbe: exec('ready'),
      },
    ]);
    const startedAt = s.clock.now();
    s.mgr.addPod(pod);
    const e = engine(
      s,
      () => pod,
      () => [running('app', 'sim://c1', startedAt)],
    );
    e.sync();
    assert.equal(e.last().containerStatuses![0]!.started, false);
    await s.advance(30_000);
    assert.deepEqual(s.callTimes('start'), [0, 10_000, 20_000, 30_000]);
    assert.deepEqual(s.callTimes('live'), []);
    assert.deepEqual(s.callTimes('ready'), []);
    assert.equal(s.mgr.results.get('c1', 'startup'), undefined, 'no startup result before the threshold');
    assert.equal(e.last().containerStatuses![0]!.ready, false);

    answers.start = 0;
    await s.advance(10_100);
    assert.equal(s.mgr.results.get('c1', 'startup'), 'success');
    assert.equal(e.last().containerStatuses![0]!.started, true);
    // Probed right after the startup success (within the 100 ms step), not a period later.
    assert.deepEqual(s.callTimes('ready'), [40_100], 'readiness probed at once when not yet ready');
    assert.equal(e.last().containerStatuses![0]!.ready, true);
    await s.advance(19_900);
    assert.deepEqual(s.callTimes('start'), [0, 10_000, 20_000, 30_000, 40_000]);
    assert.deepEqual(s.callTimes('live'), [50_000, 60_000]);
  });

  test('containers that are not running are not probed', async () => {
    const s = setup({ live: 0 });
    const pod = makePod([{ name: 'app', livenessProbe: exec('live') }]);
    pod.spec.restartPolicy = 'Never';
    s.mgr.addPod(pod);
    const exited: ContainerStatus = {
      ...running('app', 'sim://c1', s.clock.now()),
      state: { terminated: { exitCode: 0, containerID: 'sim://c1' } },
    };
    const st = statusOf([exited]);
    s.mgr.updatePodStatus(pod, st);
    await s.advance(0);
    assert.equal(s.calls.length, 0);
    assert.deepEqual([st.containerStatuses![0]!.started, st.containerStatuses![0]!.ready], [false, false]);
    assert.equal(s.mgr.workerCount(), 0, 'a container that will not restart ends its worker');
  });

  test('jitter delays the first probe by a random part of the period, only while the kubelet is young', async () => {
    const s = setup({ live: 0 }, { jitter: true, random: () => 0.25 });
    const pod = makePod([{ name: 'app', livenessProbe: exec('live') }]);
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(13_000);
    assert.deepEqual(s.callTimes('live'), [2_500, 12_500]);
    const later = makePod([{ name: 'app', livenessProbe: exec('live') }], [], 'uid-2');
    s.mgr.addPod(later);
    s.mgr.updatePodStatus(later, statusOf([running('app', 'sim://c9', s.clock.now())]));
    await s.advance(0);
    assert.equal(s.calls.at(-1)!.containerId, 'c9');
    assert.equal(s.calls.at(-1)!.atMs - s.t0, 13_000);
  });
});

describe('updatePodStatus', () => {
  test('without probes: started and ready follow running; init containers are ready after exit 0', () => {
    const s = setup({});
    const pod = makePod([{ name: 'a' }, { name: 'b' }], [{ name: 'init-ok' }, { name: 'init-bad' }]);
    s.mgr.addPod(pod);
    const now = s.clock.now();
    const waiting: ContainerStatus = {
      ...running('b', '', now),
      state: { waiting: { reason: 'ContainerCreating' } },
    };
    delete waiting.containerID;
    const done = (name: string, exitCode: number): ContainerStatus => ({
      ...running(name, `sim://${name}`, now),
      state: { terminated: { exitCode } },
    });
    const st = statusOf([running('a', 'sim://a', now), waiting], [done('init-ok', 0), done('init-bad', 1)]);
    s.mgr.updatePodStatus(pod, st);
    const flags = (cs: ContainerStatus[] = []) => cs.map((c) => [c.name, c.started, c.ready]);
    assert.deepEqual(flags(st.containerStatuses), [
      ['a', true, true],
      ['b', false, false],
    ]);
    assert.deepEqual(flags(st.initContainerStatuses), [
      ['init-ok', false, true],
      ['init-bad', false, false],
    ]);
    assert.equal(s.mgr.workerCount(), 0);
  });

  test('sidecars get probe workers and their ready/started from results', async () => {
    const s = setup({ ready: 0, start: 0 });
    const sidecar: Container = {
      name: 'proxy',
      restartPolicy: 'Always',
      startupProbe: exec('start'),
      readinessProbe: exec('ready'),
    };
    const pod = makePod([{ name: 'app' }], [sidecar, { name: 'setup', readinessProbe: exec('ready') }]);
    s.mgr.addPod(pod);
    assert.equal(s.mgr.workerCount(), 2, 'plain init containers get no workers');
    const now = s.clock.now();
    const e = engine(
      s,
      () => pod,
      () => [running('app', 'sim://a', now)],
      () => [running('proxy', 'sim://p', now)],
    );
    e.sync();
    assert.deepEqual(
      [e.last().initContainerStatuses![0]!.started, e.last().initContainerStatuses![0]!.ready],
      [false, false],
    );
    await s.advance(100);
    assert.deepEqual(
      [e.last().initContainerStatuses![0]!.started, e.last().initContainerStatuses![0]!.ready],
      [true, true],
    );
    assert.ok(s.calls.every((c) => c.containerId === 'p'));
  });
});

describe('pod lifecycle', () => {
  const probed = (uid = 'uid-1') =>
    makePod([{ name: 'app', livenessProbe: exec('live'), readinessProbe: exec('ready') }], [], uid);

  test('a pod being deleted stops liveness (result success) but keeps readiness', async () => {
    const answers: Record<string, ExecAnswer> = { live: 1, ready: 0 };
    const s = setup(answers);
    const pod = probed();
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(10_000);
    const deleting: Pod = {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: s.clock.now().toISOString() },
    };
    s.mgr.updatePodStatus(deleting, statusOf([running('app', 'sim://c1', s.clock.now())]));
    await s.advance(10_000);
    // Upstream sets success for a quiet shutdown, then the ending worker forgets its result:
    // either way the engine sees no liveness failure to act on.
    assert.equal(s.mgr.results.get('c1', 'liveness'), undefined);
    assert.equal(s.mgr.workerCount(), 1);
    assert.deepEqual(s.callTimes('live'), [0, 10_000]);
  });

  test('a finished pod ends its workers', async () => {
    const s = setup({ live: 0, ready: 0 });
    const pod = probed();
    s.mgr.addPod(pod);
    s.mgr.updatePodStatus(pod, {
      ...statusOf([running('app', 'sim://c1', s.clock.now())]),
      phase: 'Succeeded',
    });
    await s.advance(0);
    assert.equal(s.mgr.workerCount(), 0);
    assert.equal(s.calls.length, 0);
  });

  test('removePod, cleanupPods and stop end workers and forget results', async () => {
    const s = setup({ live: 0, ready: 0 });
    const pods = ['u1', 'u2', 'u3'].map((uid) => probed(uid));
    for (const [i, p] of pods.entries()) {
      s.mgr.addPod(p);
      s.mgr.addPod(p);
      s.mgr.updatePodStatus(p, statusOf([running('app', `sim://c${i}`, s.clock.now())]));
    }
    assert.equal(s.mgr.workerCount(), 6, 'adding a pod twice does not duplicate workers');
    await s.advance(0);
    assert.equal(s.mgr.results.get('c0', 'readiness'), 'success');
    s.mgr.removePod('u1');
    assert.equal(s.mgr.workerCount(), 4);
    assert.equal(s.mgr.results.get('c0', 'readiness'), undefined);
    s.mgr.cleanupPods(new Set(['u3']));
    assert.equal(s.mgr.workerCount(), 2);
    assert.equal(s.mgr.results.get('c1', 'liveness'), undefined);
    assert.equal(s.mgr.results.get('c2', 'liveness'), 'success');
    const before = s.calls.length;
    await s.advance(10_000);
    assert.ok(s.calls.slice(before).every((c) => c.containerId === 'c2'));
    s.mgr.stop();
    assert.equal(s.mgr.workerCount(), 0);
    const stopped = s.calls.length;
    await s.advance(30_000);
    assert.equal(s.calls.length, stopped);
  });
});
