import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isNotFound } from '../client/api-error.js';
import { Informer } from '../client/informer.js';
import { R } from '../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../client/testing/test-cluster.js';
import type { KubeObject } from '../machinery/meta.js';

// These tests run the controllers the way `kubeling up` does: started by the server after it
// is ready, talking to it over HTTPS.
let tc: TestCluster;

before(async () => {
  tc = await startTestCluster();
});

after(async () => {
  await tc?.close();
});

const gone = async (p: Promise<unknown>) =>
  p.then(
    () => false,
    (e) => isNotFound(e),
  );

const namespace = (name: string): KubeObject => ({
  metadata: { name },
  spec: { finalizers: ['kubernetes'] },
});

const pod = (name: string, namespace: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, ...extra },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
});

async function replicaSetWithPod(ns: string, name: string): Promise<{ rs: KubeObject; pod: KubeObject }> {
  const labels = { app: name };
  const rs: KubeObject = await tc.client.create(R.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'busybox' }] } },
    },
  });
  const owned = await tc.client.create(
    R.pods,
    pod(`${name}-pod`, ns, {
      labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name,
          uid: rs.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    }),
  );
  return { rs, pod: owned };
}

test('a new namespace gets a default ServiceAccount, re-created after deletion', async () => {
  await tc.client.create(R.namespaces, namespace('sa-test'));
  const first = await eventually(
    () => tc.client.get(R.serviceaccounts, 'default', 'sa-test'),
    5000,
    'default SA',
  );
  await tc.client.delete(R.serviceaccounts, 'default', { namespace: 'sa-test' });
  const second = await eventually(
    async () => {
      const sa = await tc.client.get(R.serviceaccounts, 'default', 'sa-test');
      return sa.metadata.uid !== first.metadata.uid && sa;
    },
    5000,
    're-created SA',
  );
  assert.ok(second.metadata.uid);
});

test('deleting a namespace removes its configmaps and unbound pods, then the namespace', async () => {
  const ns = 'ns-delete';
  await tc.client.create(R.namespaces, namespace(ns));
  await tc.client.create(R.configmaps, { metadata: { name: 'c1', namespace: ns }, data: { a: 'b' } });
  await tc.client.create(R.pods, pod('p1', ns));
  await tc.client.delete(R.namespaces, ns);
  await eventually(() => gone(tc.client.get(R.namespaces, ns)), 10000, 'namespace removal');
  assert.ok(await gone(tc.client.get(R.configmaps, 'c1', ns)));
  assert.ok(await gone(tc.client.get(R.pods, 'p1', ns)));
});

test('a namespace waits for content with finalizers and reports it in its conditions', async () => {
  const ns = 'ns-finalizers';
  await tc.client.create(R.namespaces, namespace(ns));
  await tc.client.create(R.configmaps, {
    metadata: { name: 'held', namespace: ns, finalizers: ['example.com/hold'] },
  });
  await tc.client.delete(R.namespaces, ns);
  const waiting = await eventually(
    async () => {
      const n = await tc.client.get(R.namespaces, ns);
      const conds = ((n.status as any)?.conditions ?? []) as {
        type: string;
        status: string;
        message: string;
      }[];
      return conds.some((c) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True') && conds;
    },
    10000,
    'conditions',
  );
  const remaining = waiting.find((c) => c.type === 'NamespaceContentRemaining')!;
  assert.equal(remaining.message, 'Some resources are remaining: configmaps has 1 resource instances');
  assert.equal(
    waiting.find((c) => c.type === 'NamespaceFinalizersRemaining')!.message,
    'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
  );
  await tc.client.patch(R.configmaps, 'held', { metadata: { finalizers: null } }, 'merge', { namespace: ns });
  await eventually(() => gone(tc.client.get(R.namespaces, ns)), 10000, 'namespace removal');
});

test('garbage collection: Background deletion of an owner removes its pod', async () => {
  await tc.client.create(R.namespaces, namespace('gc-bg'));
  const { pod: p } = await replicaSetWithPod('gc-bg', 'rs');
  await tc.client.delete(R.replicasets, 'rs', { namespace: 'gc-bg', propagationPolicy: 'Background' });
  await eventually(
    () => gone(tc.client.get(R.pods, p.metadata.name!, 'gc-bg')),
    10000,
    'dependent pod removal',
  );
});

test('garbage collection: Orphan deletion keeps the pod and strips its ownerReference', async () => {
  await tc.client.create(R.namespaces, namespace('gc-orphan'));
  const { pod: p } = await replicaSetWithPod('gc-orphan', 'rs');
  const marked = await tc.client.delete(R.replicasets, 'rs', {
    namespace: 'gc-orphan',
    propagationPolicy: 'Orphan',
  });
  assert.deepEqual(marked.metadata.finalizers, ['orphan']);
  await eventually(() => gone(tc.client.get(R.replicasets, 'rs', 'gc-orphan')), 10000, 'owner removal');
  const kept = await tc.client.get(R.pods, p.metadata.name!, 'gc-orphan');
  assert.equal(kept.metadata.uid, p.metadata.uid);
  assert.equal(kept.metadata.ownerReferences, undefined);
});

test('garbage collection: Foreground deletion removes the pod before its owner', async () => {
  const ns = 'gc-fg';
  await tc.client.create(R.namespaces, namespace(ns));
  const order: string[] = [];
  const ac = new AbortController();
  const pods = new Informer(tc.client, R.pods, { namespace: ns });
  const sets = new Informer(tc.client, R.replicasets, { namespace: ns });
  pods.on({ delete: (o) => order.push(`pod ${o.metadata.name}`) });
  sets.on({ delete: (o) => order.push(`rs ${o.metadata.name}`) });
  const runs = [pods.run(ac.signal), sets.run(ac.signal)];
  try {
    await Promise.all([pods.hasSynced(), sets.hasSynced()]);
    await replicaSetWithPod(ns, 'rs');
    await eventually(() => pods.lister.get(ns, 'rs-pod'), 5000, 'pod in cache');
    const marked = await tc.client.delete(R.replicasets, 'rs', {
      namespace: ns,
      propagationPolicy: 'Foreground',
    });
    assert.ok(marked.metadata.deletionTimestamp);
    assert.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);
    await eventually(() => order.length === 2, 10000, 'both deletions');
    assert.deepEqual(order, ['pod rs-pod', 'rs rs']);
  } finally {
    ac.abort();
    await Promise.all(runs);
  }
});
