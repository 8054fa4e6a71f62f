import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taint } from '../../api/core/nodes/types.js';
import type { Pod, Toleration } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { decideEviction, tolerates } from './eviction.js';

const defaults: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
const pod = (tolerations: Toleration[] = defaults): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [], tolerations },
});
const unreachable = (timeAdded: string): Taint => ({
  key: 'node.kubernetes.io/unreachable',
  effect: 'NoExecute',
  timeAdded,
});

test('default tolerations: evicted 300 s after the taint was added', () => {
  const clock = new FakeClock(Date.UTC(2024, 0, 1, 0, 0, 0));
  const taints = [unreachable('2024-01-01T00:00:00Z')];
  assert.deepEqual(decideEviction(pod(), taints, clock.nowMs()), { kind: 'wait', ms: 300_000 });
  clock.advance(299_999);
  assert.deepEqual(decideEviction(pod(), taints, clock.nowMs()), { kind: 'wait', ms: 1 });
  clock.advance(1);
  assert.deepEqual(decideEviction(pod(), taints, clock.nowMs()), { kind: 'evict' });
});

test('smallest tolerationSeconds wins; no limit keeps forever; untolerated goes at once', () => {
  const now = Date.UTC(2024, 0, 1, 0, 0, 10);
  const taints = [unreachable('2024-01-01T00:00:00Z')];
  const short = pod([{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);
  assert.deepEqual(decideEviction(short, taints, now), { kind: 'wait', ms: 20_000 });
  assert.deepEqual(decideEviction(pod([{ operator: 'Exists' }]), taints, now), { kind: 'keep' });
  assert.deepEqual(decideEviction(pod([]), taints, now), { kind: 'evict' });
  assert.deepEqual(decideEviction(pod(), [{ key: 'x', effect: 'NoSchedule' }], now), { kind: 'none' });
  assert.deepEqual(decideEviction(pod(), undefined, now), { kind: 'none' });
});

test('tolerates: key, operator, value and effect matching', () => {
  const t: Taint = { key: 'k', value: 'v', effect: 'NoExecute' };
  assert.equal(tolerates({ key: 'k', operator: 'Equal', value: 'v' }, t), true);
  assert.equal(tolerates({ key: 'k', value: 'v', effect: 'NoExecute' }, t), true);
  assert.equal(tolerates({ key: 'k', value: 'w' }, t), false);
  assert.equal(tolerates({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, t), false);
  assert.equal(tolerates({ operator: 'Exists' }, t), true);
});
