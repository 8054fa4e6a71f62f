import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import { ApiError } from '../../client/api-error.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { StatusManager } from './manager.js';

interface Call {
  op: string;
  name: string;
  body?: unknown;
  opts?: unknown;
}

function fakeClient(fail?: (c: Call) => Error | undefined) {
  const calls: Call[] = [];
  return {
    calls,
    client: {
      async patch(_ref: unknown, name: string, body: unknown, _type: string, opts: unknown) {
        const c = { op: 'patch', name, body, opts };
        calls.push(c);
        const e = fail?.(c);
        if (e) throw e;
        return {} as never;
      },
      async delete(_ref: unknown, name: string, opts: unknown) {
        const c = { op: 'delete', name, opts };
        calls.push(c);
        const e = fail?.(c);
        if (e) throw e;
        return {} as never;
      },
    },
  };
}

const pod = (): Pod => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'u1' },
  spec: { containers: [{ name: 'a' }] },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
});

describe('StatusManager', () => {
  it('writes a merge patch of pods/status with the uid, only when the status changed', async () => {
    const { calls, client } = fakeClient();
    const m = new StatusManager({ client, clock: new FakeClock(), log: silentLogger });
    const p = pod();
    m.setPodStatus(p, { phase: 'Running', podIP: '10.0.0.1', qosClass: 'BestEffort' });
    await m.whenIdle();
    m.setPodStatus(p, { phase: 'Running', podIP: '10.0.0.1', qosClass: 'BestEffort' });
    await m.whenIdle();
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0].body, {
      status: { phase: 'Running', podIP: '10.0.0.1' },
      metadata: { uid: 'u1' },
    });
    assert.deepEqual(calls[0].opts, { namespace: 'ns', subresource: 'status', readOnlyResult: true });
    assert.equal(m.getPodStatus('u1')?.phase, 'Running');
  });

  it('podTerminated deletes a deleted pod with grace 0 and a uid precondition, after the status', async () => {
    const { calls, client } = fakeClient();
    const m = new StatusManager({ client, clock: new FakeClock(), log: silentLogger });
    const p = pod();
    p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    m.setPodStatus(p, { phase: 'Failed' });
    m.podTerminated(p);
    await m.whenIdle();
    assert.deepEqual(
      calls.map((c) => c.op),
      ['patch', 'delete'],
    );
    assert.deepEqual(calls[1].opts, { namespace: 'ns', gracePeriodSeconds: 0, preconditions: { uid: 'u1' } });
  });

  it('retries failed writes on the clock and stops on NotFound', async () => {
    let failures = 1;
    const clock = new FakeClock();
    const { calls, client } = fakeClient((c) =>
      c.op === 'patch' && failures-- > 0
        ? new ApiError({ code: 500, message: 'boom', status: 'Failure' } as never)
        : undefined,
    );
    const m = new StatusManager({ client, clock, log: silentLogger });
    m.setPodStatus(pod(), { phase: 'Running' });
    await new Promise((r) => setImmediate(r));
    assert.equal(calls.length, 1);
    clock.advance(1000);
    await m.whenIdle();
    assert.equal(calls.length, 2);

    const gone = fakeClient(
      () => new ApiError({ code: 404, reason: 'NotFound', message: 'x', status: 'Failure' } as never),
    );
    const m2 = new StatusManager({ client: gone.client, clock, log: silentLogger });
    m2.setPodStatus(pod(), { phase: 'Running' });
    await m2.whenIdle();
    assert.equal(gone.calls.length, 1);
  });
});

describe('StatusManager and static pods', () => {
  it('writes to the mirror pod without a uid, retries a missing mirror, never deletes', async () => {
    let mirrorExists = false;
    const clock = new FakeClock();
    const { calls, client } = fakeClient((c) =>
      c.op === 'patch' && !mirrorExists
        ? new ApiError({ code: 404, reason: 'NotFound', message: 'x', status: 'Failure' } as never)
        : undefined,
    );
    const m = new StatusManager({ client, clock, log: silentLogger });
    const p = pod();
    p.metadata.annotations = { 'kubernetes.io/config.source': 'file' };
    p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    m.setPodStatus(p, { phase: 'Running' });
    await new Promise((r) => setImmediate(r));
    mirrorExists = true;
    clock.advance(10_000);
    await m.whenIdle();
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[1].body, { status: { phase: 'Running', qosClass: null } }, 'no metadata.uid');
    m.resyncStaticPods();
    await m.whenIdle();
    assert.equal(calls.length, 3, 'housekeeping rewrites the mirror status');
    assert.deepEqual(
      calls[2].body,
      { status: { phase: 'Running' } },
      'the whole status, e.g. onto a new mirror',
    );
    m.podTerminated(p);
    await m.whenIdle();
    assert.ok(!calls.some((c) => c.op === 'delete'));
  });
});
