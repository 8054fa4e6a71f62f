import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../api/core/pods/types.js';
import { FakeClock } from '../util/clock.js';
import { silentLogger } from '../util/logger.js';
import { PodWorkers, type PodSyncer, type SyncPodResult } from './pod-workers.js';

const pod = (gen: number, extra: Partial<Pod['metadata']> = {}): Pod => ({
  metadata: { name: 'p', uid: 'u1', generation: gen, ...extra },
  spec: { containers: [] },
});

function recorder(result: (p: Pod) => SyncPodResult = () => ({ terminal: false })) {
  const log: string[] = [];
  let release: (() => void) | undefined;
  let active = 0;
  const syncer: PodSyncer = {
    async syncPod(p) {
      active++;
      assert.equal(active, 1, 'never concurrent');
      log.push(`sync ${p.metadata.generation}`);
      if (p.metadata.generation === 1) await new Promise<void>((r) => (release = r));
      active--;
      return result(p);
    },
    async syncTerminatingPod(p) {
      log.push(`terminating ${p.metadata.generation}`);
    },
    async syncTerminatedPod(p) {
      log.push(`terminated ${p.metadata.generation}`);
    },
    forgetPod(uid) {
      log.push(`forget ${uid}`);
    },
  };
  return { log, syncer, release: () => release?.() };
}

describe('PodWorkers', () => {
  it('serializes syncs per pod and lets the latest update win', async () => {
    const r = recorder();
    const w = new PodWorkers({ syncer: r.syncer, clock: new FakeClock(), log: silentLogger });
    w.update(pod(1));
    w.update(pod(2));
    w.update(pod(3));
    r.release();
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 1', 'sync 3']);
    assert.equal(w.state('u1'), 'syncing');
  });

  it('syncs a running pod again after the resync period (with up to half of it as jitter)', async () => {
    const r = recorder();
    const clock = new FakeClock();
    const w = new PodWorkers({ syncer: r.syncer, clock, log: silentLogger, resyncMs: 60_000 });
    w.update(pod(2));
    await w.whenIdle();
    clock.advance(59_000);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2'], 'not before the period');
    clock.advance(31_001);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2', 'sync 2'], 'once within period + jitter');
  });

  it('syncing → terminating → terminated on deletion, then forgotten on removal', async () => {
    const r = recorder();
    const w = new PodWorkers({ syncer: r.syncer, clock: new FakeClock(), log: silentLogger });
    w.update(pod(2));
    await w.whenIdle();
    w.update(pod(4, { deletionTimestamp: 'x' }));
    await w.whenIdle();
    assert.equal(w.state('u1'), 'terminated');
    w.update(pod(5, { deletionTimestamp: 'x' }), true);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2', 'terminating 4', 'terminated 4', 'terminated 5', 'forget u1']);
    assert.equal(w.state('u1'), undefined);
  });

  it('a terminal sync result terminates the pod; retryAtMs schedules a resync on the clock', async () => {
    const clock = new FakeClock(0);
    let n = 0;
    const r = recorder(() => (++n === 1 ? { terminal: false, retryAtMs: 5000 } : { terminal: true }));
    const w = new PodWorkers({ syncer: r.syncer, clock, log: silentLogger });
    w.update(pod(2));
    await w.whenIdle();
    clock.advance(4999);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2']);
    clock.advance(1);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2', 'sync 2', 'terminating 2', 'terminated 2']);
  });

  it('a failed sync is synced again after the failed-sync back-off, 10 to 15 s later', async () => {
    const clock = new FakeClock(0);
    const r = recorder(() => ({ terminal: false, failed: true }));
    const w = new PodWorkers({ syncer: r.syncer, clock, log: silentLogger, resyncMs: 0 });
    w.update(pod(2));
    await w.whenIdle();
    clock.advance(9_999);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2'], 'not before 10 s');
    clock.advance(5_001);
    await w.whenIdle();
    assert.deepEqual(r.log, ['sync 2', 'sync 2'], 'by 15 s');
  });
});
