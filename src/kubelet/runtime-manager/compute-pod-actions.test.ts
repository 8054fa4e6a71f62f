import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import type { ContainerStatus, PodSandboxStatus } from '../../runtime/interface.js';
import { computePodActions, type ComputeInput } from './compute-pod-actions.js';
import { CONTAINER_NAME_LABEL, POD_UID_LABEL } from './labels.js';
import type { PodRuntimeStatus } from './pod-runtime-status.js';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: {
    containers: [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'x' },
    ],
    restartPolicy: 'Always',
    ...spec,
  },
});

const sandbox = (over: Partial<PodSandboxStatus> = {}): PodSandboxStatus => ({
  id: 'sb1',
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', attempt: 0 },
  state: 'SANDBOX_READY',
  createdAt: 1,
  ip: '10.0.0.1',
  additionalIps: [],
  labels: { [POD_UID_LABEL]: 'u1' },
  annotations: {},
  ...over,
});

let seq = 0;
const ctr = (
  name: string,
  state: ContainerStatus['state'],
  over: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  id: `c${++seq}`,
  podSandboxId: 'sb1',
  metadata: { name, attempt: 0 },
  state,
  createdAt: 100 - seq,
  startedAt: 1,
  finishedAt: state === 'CONTAINER_EXITED' ? 50 : 0,
  exitCode: 0,
  reason: '',
  message: '',
  image: 'x',
  imageRef: 'x@sha',
  labels: { [POD_UID_LABEL]: 'u1', [CONTAINER_NAME_LABEL]: name },
  annotations: {},
  logPath: '',
  ...over,
});

const input = (
  p: Pod,
  status: Partial<PodRuntimeStatus>,
  over: Partial<ComputeInput> = {},
): ComputeInput => ({
  pod: p,
  status: { uid: 'u1', sandboxes: [], containers: [], ...status },
  probe: () => undefined,
  backoff: () => ({ inBackOff: false, delayMs: 0 }),
  ...over,
});

const names = (l: { container: { name: string } }[]) => l.map((x) => x.container.name);

describe('computePodActions', () => {
  it('no sandbox: create one (attempt 0) and start all containers', () => {
    const a = computePodActions(input(pod(), {}));
    assert.equal(a.createSandbox, true);
    assert.equal(a.attempt, 0);
    assert.deepEqual(names(a.containersToStart), ['a', 'b']);
  });

  it('sandbox not ready: new sandbox with attempt+1, kill the pod, rerun the first init container', () => {
    const p = pod({ initContainers: [{ name: 'i', image: 'x' }] });
    const a = computePodActions(
      input(p, {
        sandboxes: [
          sandbox({
            state: 'SANDBOX_NOTREADY',
            metadata: { name: 'p', namespace: 'ns', uid: 'u1', attempt: 2 },
          }),
        ],
        containers: [ctr('a', 'CONTAINER_EXITED'), ctr('i', 'CONTAINER_EXITED')],
      }),
    );
    assert.equal(a.createSandbox, true);
    assert.equal(a.killPod, true);
    assert.equal(a.attempt, 3);
    assert.equal(a.sandboxId, 'sb1');
    assert.deepEqual(names(a.initContainersToStart), ['i']);
    assert.deepEqual(names(a.containersToStart), []);
  });

  it('network changed (hostNetwork pod on a sandbox with an IP): new sandbox', () => {
    const a = computePodActions(input(pod({ hostNetwork: true }), { sandboxes: [sandbox()] }));
    assert.equal(a.createSandbox, true);
    assert.equal(a.attempt, 1);
  });

  it('restartPolicy Never with a dead sandbox and finished containers: no new sandbox', () => {
    const a = computePodActions(
      input(pod({ restartPolicy: 'Never' }), {
        sandboxes: [sandbox({ state: 'SANDBOX_NOTREADY' })],
        containers: [ctr('a', 'CONTAINER_EXITED')],
      }),
    );
    assert.equal(a.createSandbox, false);
    assert.equal(a.killPod, true);
  });

  it('OnFailure: a succeeded container is not restarted, a failed one is', () => {
    const a = computePodActions(
      input(pod({ restartPolicy: 'OnFailure' }), {
        sandboxes: [sandbox()],
        containers: [ctr('a', 'CONTAINER_EXITED'), ctr('b', 'CONTAINER_EXITED', { exitCode: 3 })],
      }),
    );
    assert.deepEqual(names(a.containersToStart), ['b']);
    assert.equal(a.killPod, false);
  });

  it('a container in back-off is reported with upstream wording instead of started', () => {
    const a = computePodActions(
      input(
        pod(),
        {
          sandboxes: [sandbox()],
          containers: [
            ctr('a', 'CONTAINER_EXITED', { exitCode: 1, finishedAt: 5000 }),
            ctr('b', 'CONTAINER_RUNNING'),
          ],
        },
        { backoff: (key) => ({ inBackOff: key === 'u1/a', delayMs: 20_000 }) },
      ),
    );
    assert.deepEqual(names(a.containersToStart), []);
    assert.equal(a.backOff[0].message, 'back-off 20s restarting failed container=a pod=p_ns(u1)');
    assert.equal(a.backOff[0].untilMs, 25_000);
  });

  it('liveness failure: kill with the upstream message and start again', () => {
    const running = ctr('a', 'CONTAINER_RUNNING');
    const a = computePodActions(
      input(
        pod(),
        { sandboxes: [sandbox()], containers: [running, ctr('b', 'CONTAINER_RUNNING')] },
        {
          probe: (id, kind) => (id === running.id && kind === 'liveness' ? 'failure' : undefined),
        },
      ),
    );
    assert.deepEqual(
      a.containersToKill.map((k) => [k.name, k.message, k.reason]),
      [['a', 'Container a failed liveness probe, will be restarted', 'LivenessProbe']],
    );
    assert.deepEqual(names(a.containersToStart), ['a']);
  });

  it('a running regular init container means waiting; nothing else starts', () => {
    const p = pod({
      initContainers: [
        { name: 'i1', image: 'x' },
        { name: 'i2', image: 'x' },
      ],
    });
    const a = computePodActions(
      input(p, { sandboxes: [sandbox()], containers: [ctr('i1', 'CONTAINER_RUNNING')] }),
    );
    assert.deepEqual(names(a.initContainersToStart), []);
    assert.deepEqual(names(a.containersToStart), []);
    assert.equal(a.killPod, false);
  });

  it('a deleted pod restarts nothing', () => {
    const p = pod();
    p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const a = computePodActions(
      input(p, {
        sandboxes: [sandbox()],
        containers: [ctr('a', 'CONTAINER_EXITED'), ctr('b', 'CONTAINER_EXITED')],
      }),
    );
    assert.deepEqual(names(a.containersToStart), []);
    assert.equal(a.killPod, true);
  });

  it('ephemeral containers start once, even during initialisation, and are never restarted', () => {
    const debug = { name: 'dbg', image: 'busybox' };
    const running = [ctr('a', 'CONTAINER_RUNNING'), ctr('b', 'CONTAINER_RUNNING')];
    const added = computePodActions(
      input(pod({ ephemeralContainers: [debug] }), { sandboxes: [sandbox()], containers: running }),
    );
    assert.deepEqual(names(added.ephemeralContainersToStart), ['dbg']);
    assert.deepEqual(names(added.containersToStart), []);

    const exited = computePodActions(
      input(pod({ ephemeralContainers: [debug] }), {
        sandboxes: [sandbox()],
        containers: [...running, ctr('dbg', 'CONTAINER_EXITED', { exitCode: 1 })],
      }),
    );
    assert.deepEqual(names(exited.ephemeralContainersToStart), [], 'not restarted after it exited');
    assert.equal(exited.killPod, false);

    const initialising = computePodActions(
      input(pod({ initContainers: [{ name: 'i', image: 'x' }], ephemeralContainers: [debug] }), {
        sandboxes: [sandbox()],
        containers: [ctr('i', 'CONTAINER_RUNNING')],
      }),
    );
    assert.deepEqual(names(initialising.ephemeralContainersToStart), ['dbg']);

    // A pod whose app containers are all gone under Never is killed: its debug container keeps nothing alive.
    const done = computePodActions(
      input(pod({ restartPolicy: 'Never', ephemeralContainers: [debug] }), {
        sandboxes: [sandbox()],
        containers: [
          ctr('a', 'CONTAINER_EXITED'),
          ctr('b', 'CONTAINER_EXITED'),
          ctr('dbg', 'CONTAINER_RUNNING'),
        ],
      }),
    );
    assert.equal(done.killPod, true);
  });
});
