import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiError } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';

// pods/eviction as upstream's EvictionREST, against a control plane whose disruption controller
// keeps the budgets' status. No kubelet runs: the test writes the pods' status itself.
let tc: TestCluster;
before(async () => {
  tc = await startTestCluster();
});
after(async () => {
  await tc.close();
});

const evictionRef = (pod: string) => ({ ...R.pods, plural: `pods/${pod}/eviction` });

function evict(pod: string, name = pod) {
  return tc.client.create(
    evictionRef(pod),
    { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
    { namespace: 'default' },
  );
}

/** A pod bound to a node no kubelet serves, Running, Ready or not, with the given labels. */
async function runningPod(name: string, labels: Record<string, string>, ready = true): Promise<void> {
  const p = await tc.client.create<any>(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'busybox' }] },
  });
  await tc.client.updateStatus(R.pods, {
    ...p,
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: p.metadata.creationTimestamp },
      ],
    },
  });
}

async function budget(name: string, app: string, minAvailable: number): Promise<void> {
  await tc.client.create(R.poddisruptionbudgets, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { minAvailable, selector: { matchLabels: { app } } },
  });
}

const pdbStatus = async (name: string) =>
  (await tc.client.get<any>(R.poddisruptionbudgets, name, 'default')).status ?? {};

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(ApiError.is(err), `expected an API error, got ${String(err)}`);
  return err;
}

test('a pending pod is deleted at once; a name that differs from the URL is a 400', async () => {
  await tc.client.create(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'waiting', namespace: 'default' },
    spec: { schedulerName: 'nobody', containers: [{ name: 'c', image: 'busybox' }] },
  });
  const bad = await refusal(evict('waiting', 'other'));
  assert.equal(bad.code, 400);
  assert.equal(bad.message, 'name in URL does not match name in Eviction object');
  const ok = await evict('waiting');
  assert.equal((ok as any).status, 'Success');
  await assert.rejects(
    tc.client.get(R.pods, 'waiting', 'default'),
    (e: unknown) => ApiError.is(e) && e.code === 404,
  );
  assert.equal((await refusal(evict('waiting'))).code, 404);
});

test('a budget lets one pod go, records it, then refuses with 429 and upstream’s cause', async () => {
  for (const n of ['web-1', 'web-2', 'web-3']) await runningPod(n, { app: 'web' });
  await budget('web', 'web', 2);
  await eventually(async () => (await pdbStatus('web')).disruptionsAllowed === 1);
  await evict('web-1');
  const evicted = await tc.client.get<any>(R.pods, 'web-1', 'default');
  assert.ok(evicted.metadata.deletionTimestamp, 'gracefully deleted');
  const cond = evicted.status.conditions.find((c: any) => c.type === 'DisruptionTarget');
  assert.deepEqual(
    { status: cond.status, reason: cond.reason, message: cond.message },
    { status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
  );
  // The eviction took the one allowed disruption through the budget's status, written by the API
  // server itself (the controller, seeing web-1 terminating, may already have rewritten the rest).
  const pdb = await tc.client.get<any>(R.poddisruptionbudgets, 'web', 'default');
  assert.equal(pdb.status.disruptionsAllowed, 0);
  assert.ok(
    pdb.metadata.managedFields.some((e: any) => e.manager === 'kube-apiserver' && e.subresource === 'status'),
    'the eviction wrote the budget status',
  );

  const refused = await refusal(evict('web-2'));
  assert.equal(refused.code, 429);
  assert.equal(refused.message, "Cannot evict pod as it would violate the pod's disruption budget.");
  assert.deepEqual(refused.status.details?.causes, [
    {
      reason: 'DisruptionBudget',
      message: 'The disruption budget web needs 2 healthy pods and has 2 currently',
    },
  ]);
  assert.equal((await tc.client.get<any>(R.pods, 'web-2', 'default')).metadata.deletionTimestamp, undefined);
});

test('an unready pod goes without taking a disruption while the budget is met', async () => {
  for (const n of ['db-1', 'db-2']) await runningPod(n, { app: 'db' });
  await runningPod('db-3', { app: 'db' }, false);
  await budget('db', 'db', 2);
  await eventually(async () => (await pdbStatus('db')).currentHealthy === 2);
  assert.equal((await pdbStatus('db')).disruptionsAllowed, 0);
  await evict('db-3');
  assert.ok((await tc.client.get<any>(R.pods, 'db-3', 'default')).metadata.deletionTimestamp);
  const db = await tc.client.get<any>(R.poddisruptionbudgets, 'db', 'default');
  assert.ok(
    !db.metadata.managedFields.some((e: any) => e.manager === 'kube-apiserver'),
    'the unready pod took no disruption from the budget',
  );
  assert.equal((await refusal(evict('db-1'))).code, 429);
});

test('a pod two budgets select cannot be evicted (500)', async () => {
  await runningPod('both', { app: 'both', tier: 'x' });
  await budget('by-app', 'both', 0);
  await tc.client.create(R.poddisruptionbudgets, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'by-tier', namespace: 'default' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { tier: 'x' } } },
  });
  const err = await refusal(evict('both'));
  assert.equal(err.code, 500);
  assert.equal(
    err.message,
    'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
  );
});
