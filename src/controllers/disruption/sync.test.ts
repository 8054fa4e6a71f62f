import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/pods/types.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudgets/types.js';
import { DELETION_TIMEOUT_MS, scaledValue, syncPdb, type ControllerScale } from './sync.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const T0 = '2026-11-22T11:00:00Z';

const pdb = (
  spec: PodDisruptionBudget['spec'],
  status?: PodDisruptionBudget['status'],
): PodDisruptionBudget => ({
  metadata: { name: 'web', namespace: 'default', generation: 1 },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  status,
});

function pod(name: string, ready = true, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ...extra },
    spec: { containers: [{ name: 'c' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as Pod;
}

const owned = (name: string, uid: string) =>
  pod(name, true, {
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid, controller: true }],
  });

const none = new Map<string, ControllerScale>();

test('an integer minAvailable counts the selected pods; allowed is healthy minus desired', () => {
  const r = syncPdb({
    pdb: pdb({ minAvailable: 2 }),
    pods: [pod('a'), pod('b'), pod('c', false)],
    scales: none,
    now: NOW,
  });
  assert.deepEqual(r.events, []);
  assert.deepEqual(r.status, {
    observedGeneration: 1,
    disruptionsAllowed: 0,
    currentHealthy: 2,
    desiredHealthy: 2,
    expectedPods: 3,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: 'False',
        reason: 'InsufficientPods',
        message: '',
        observedGeneration: 1,
        lastTransitionTime: '2026-11-22T12:00:00Z',
      },
    ],
  });
  const up = syncPdb({ pdb: pdb({ minAvailable: 1 }), pods: [pod('a'), pod('b')], scales: none, now: NOW });
  assert.equal(up.status?.disruptionsAllowed, 1);
  assert.equal(up.status?.conditions?.[0].reason, 'SufficientPods');
});

test('a current status is not written again; a changed one keeps the transition time of an unchanged condition', () => {
  const first = syncPdb({
    pdb: pdb({ minAvailable: 1 }),
    pods: [pod('a'), pod('b')],
    scales: none,
    now: NOW,
  });
  const stored = pdb({ minAvailable: 1 }, first.status);
  assert.equal(
    syncPdb({ pdb: stored, pods: [pod('a'), pod('b')], scales: none, now: NOW }).status,
    undefined,
  );
  const later = new Date(NOW.getTime() + 60_000);
  const three = syncPdb({ pdb: stored, pods: [pod('a'), pod('b'), pod('c')], scales: none, now: later });
  assert.equal(three.status?.disruptionsAllowed, 2);
  assert.equal(three.status?.conditions?.[0].lastTransitionTime, '2026-11-22T12:00:00Z');
});

test('no pods: a NoPods event and nothing allowed', () => {
  const r = syncPdb({ pdb: pdb({ maxUnavailable: 1 }), pods: [], scales: none, now: NOW });
  assert.deepEqual(r.events, [{ type: 'Normal', reason: 'NoPods', message: 'No matching pods found' }]);
  assert.equal(r.status?.disruptionsAllowed, 0);
  assert.equal(r.status?.expectedPods, 0);
});

test('maxUnavailable and percentages count the controllers’ replicas, once per controller', () => {
  const scales = new Map([
    ['rs-1', { uid: 'deploy', replicas: 4 }],
    ['rs-2', { uid: 'deploy', replicas: 4 }],
  ]);
  const pods = [owned('a', 'rs-1'), owned('b', 'rs-1'), owned('c', 'rs-2')];
  const r = syncPdb({ pdb: pdb({ maxUnavailable: '25%' }), pods, scales, now: NOW });
  // 4 expected (one Deployment behind both ReplicaSets), 25% of 4 = 1 unavailable: 3 desired.
  assert.equal(r.status?.expectedPods, 4);
  assert.equal(r.status?.desiredHealthy, 3);
  assert.equal(r.status?.disruptionsAllowed, 0);
  assert.equal(
    syncPdb({ pdb: pdb({ minAvailable: '50%' }), pods, scales, now: NOW }).status?.disruptionsAllowed,
    1,
  );
  assert.equal(scaledValue('33%', 4), 2, 'percentages round up');
});

test('unmanaged pods are left out with a warning; a missing controller fails safe', () => {
  const r = syncPdb({ pdb: pdb({ maxUnavailable: 1 }), pods: [pod('bare')], scales: none, now: NOW });
  assert.equal(r.events[0].reason, 'UnmanagedPods');
  assert.match(
    r.events[0].message,
    /^Pods selected by this PodDisruptionBudget \(selector: &LabelSelector\{MatchLabels:map\[string\]string\{app: web,\},MatchExpressions:\[\]LabelSelectorRequirement\{\},\}\) were found to be unmanaged\./,
  );
  assert.equal(r.status?.expectedPods, 0);

  const failed = syncPdb({
    pdb: pdb({ maxUnavailable: 1 }, { observedGeneration: 1 }),
    pods: [owned('a', 'gone')],
    scales: none,
    now: NOW,
  });
  assert.deepEqual(
    failed.events.map((e) => e.reason),
    ['CalculateExpectedPodCountFailed'],
  );
  assert.equal(
    failed.events[0].message,
    'Failed to calculate the number of expected pods: found no controllers for pod "a"',
  );
  assert.equal(failed.status?.disruptionsAllowed, 0);
  assert.deepEqual(failed.status?.conditions?.[0], {
    type: 'DisruptionAllowed',
    status: 'False',
    reason: 'SyncFailed',
    message: 'found no controllers for pod "a"',
    observedGeneration: 1,
    lastTransitionTime: '2026-11-22T12:00:00Z',
  });
});

test('evicted pods stay out of the healthy count until they are deleted or two minutes pass', () => {
  const recent = new Date(NOW.getTime() - 30_000).toISOString();
  const stored = pdb({ minAvailable: 1 }, { disruptedPods: { a: recent, gone: recent } });
  const r = syncPdb({ pdb: stored, pods: [pod('a'), pod('b'), pod('c')], scales: none, now: NOW });
  assert.equal(r.status?.currentHealthy, 2);
  assert.deepEqual(r.status?.disruptedPods, { a: recent }, 'pods no longer selected leave the map');
  assert.equal(r.recheckAfterMs, DELETION_TIMEOUT_MS - 30_000);

  const old = pdb({ minAvailable: 1 }, { disruptedPods: { a: T0 } });
  const late = syncPdb({ pdb: old, pods: [pod('a'), pod('b')], scales: none, now: NOW });
  assert.equal(late.status?.currentHealthy, 2);
  assert.equal(late.status?.disruptedPods, undefined);
  assert.deepEqual(late.events[0], {
    type: 'Warning',
    reason: 'NotDeleted',
    message: "Pod was expected by PDB default/default to be deleted but it wasn't",
    pod: 'a',
  });
  const deleting = syncPdb({
    pdb: pdb({ minAvailable: 1 }),
    pods: [pod('a', true, { deletionTimestamp: T0 }), pod('b')],
    scales: none,
    now: NOW,
  });
  assert.equal(deleting.status?.currentHealthy, 1);
});
