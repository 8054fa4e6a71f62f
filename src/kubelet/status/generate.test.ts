import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerStatus, Pod } from '../../api/core/pods/types.js';
import { getPhase } from './phase.js';
import { initializedCondition } from './conditions.js';
import { statusMergePatch } from './manager.js';
import { generatePodStatus } from './generate.js';

const pod = (restartPolicy: string, init: Pod['spec']['initContainers'] = []): Pod => ({
  metadata: { name: 'p', uid: 'u' },
  spec: { containers: [{ name: 'a' }, { name: 'b' }], initContainers: init, restartPolicy },
});
const running = (name: string): ContainerStatus => ({
  name,
  ready: true,
  restartCount: 0,
  image: '',
  imageID: '',
  state: { running: {} },
});
const done = (name: string, exitCode: number): ContainerStatus => ({
  name,
  ready: false,
  restartCount: 0,
  image: '',
  imageID: '',
  state: { terminated: { exitCode } },
});
const waiting = (name: string, last?: number): ContainerStatus => ({
  name,
  ready: false,
  restartCount: 1,
  image: '',
  imageID: '',
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: last === undefined ? {} : { terminated: { exitCode: last } },
});

describe('getPhase', () => {
  it('follows the restart policy once all containers stopped', () => {
    const all0 = [done('a', 0), done('b', 0)];
    const oneFailed = [done('a', 0), done('b', 1)];
    assert.equal(getPhase(pod('Always'), all0, false), 'Running');
    assert.equal(getPhase(pod('OnFailure'), all0, false), 'Succeeded');
    assert.equal(getPhase(pod('OnFailure'), oneFailed, false), 'Running');
    assert.equal(getPhase(pod('Never'), oneFailed, false), 'Failed');
    assert.equal(getPhase(pod('Never'), all0, false), 'Succeeded');
    assert.equal(getPhase(pod('Always'), oneFailed, true), 'Failed', 'a terminal pod ignores the policy');
  });
  it('waiting without a previous run is Pending; crash-looping counts as stopped', () => {
    assert.equal(getPhase(pod('Always'), [running('a'), waiting('b')], false), 'Pending');
    assert.equal(getPhase(pod('Always'), [running('a'), waiting('b', 1)], false), 'Running');
    assert.equal(getPhase(pod('Always'), [running('a')], false), 'Pending', 'unknown container');
  });
  it('init containers: pending until done; a failure fails only Never pods', () => {
    const p = pod('Never', [{ name: 'i' }]);
    assert.equal(getPhase(p, [running('i'), waiting('a'), waiting('b')], false), 'Pending');
    assert.equal(getPhase(p, [done('i', 1), waiting('a'), waiting('b')], false), 'Failed');
    assert.equal(
      getPhase(pod('Always', [{ name: 'i' }]), [waiting('i', 1), waiting('a'), waiting('b')], false),
      'Pending',
    );
  });
  it('a sidecar not yet started keeps the pod Pending', () => {
    const p = pod('Always', [{ name: 's', restartPolicy: 'Always' }]);
    assert.equal(
      getPhase(p, [{ ...running('s'), started: false }, waiting('a'), waiting('b')], false),
      'Pending',
    );
    assert.equal(
      getPhase(p, [{ ...running('s'), started: true }, running('a'), running('b')], false),
      'Running',
    );
  });
});

describe('conditions and patches', () => {
  it('Initialized lists incomplete init containers as Go does', () => {
    const c = initializedCondition(
      pod('Always', [{ name: 'i1' }, { name: 'i2' }]),
      [done('i1', 0), running('i2')],
      'Pending',
    );
    assert.deepEqual(c, {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i2]',
    });
  });
  it('statusMergePatch sends changed keys and nulls removed ones', () => {
    assert.deepEqual(
      statusMergePatch({ phase: 'Running', reason: 'X', podIP: '1' }, { phase: 'Failed', podIP: '1' }),
      {
        phase: 'Failed',
        reason: null,
      },
    );
  });
});

describe('generatePodStatus', () => {
  it('lists app and ephemeral container statuses by name, init ones in spec order', () => {
    const p: Pod = {
      metadata: { name: 'p', namespace: 'ns', uid: 'u' },
      spec: {
        initContainers: [{ name: 'zz-init' }, { name: 'aa-init' }],
        containers: [{ name: 'web' }, { name: 'app' }],
        ephemeralContainers: [{ name: 'dbg2' }, { name: 'dbg1' }],
      },
    } as Pod;
    const s = generatePodStatus({
      pod: p,
      runtime: { uid: 'u', sandboxes: [], containers: [] },
      runtimeName: 'sim',
      reasons: () => undefined,
      nodeIP: '10.0.0.1',
      now: new Date('2026-01-01T00:00:00Z'),
      podIsTerminal: false,
    });
    assert.deepEqual(
      s.containerStatuses?.map((c) => c.name),
      ['app', 'web'],
    );
    assert.deepEqual(
      s.ephemeralContainerStatuses?.map((c) => c.name),
      ['dbg1', 'dbg2'],
    );
    assert.deepEqual(
      s.initContainerStatuses?.map((c) => c.name),
      ['zz-init', 'aa-init'],
    );
  });
});
