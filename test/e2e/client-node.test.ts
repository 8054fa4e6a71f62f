/**
 * @module test/e2e/client-node
 * A client built on @kubernetes/client-node lists pods and follows them through an informer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { eventually, useCluster } from './harness.js';

const NS = 'informer';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  await k.kubectl(['run', 'early', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
});

test('the typed client lists pods and reads the server version', async () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster().kubeconfig);
  assert.equal(kc.getCurrentContext(), 'kubeling');
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const list = await core.listNamespacedPod({ namespace: NS });
  assert.deepEqual(
    list.items.map((p) => p.metadata?.name),
    ['early'],
  );
  assert.match(list.metadata?.resourceVersion ?? '', /^\d+$/);
  const version = await kc.makeApiClient(k8s.VersionApi).getCode();
  assert.equal(version.minor, '32');
});

test('an informer sees add, update and delete', async () => {
  const k = cluster();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(k.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const informer = k8s.makeInformer<k8s.V1Pod>(kc, `/api/v1/namespaces/${NS}/pods`, () =>
    core.listNamespacedPod({ namespace: NS }),
  );
  const events: string[] = [];
  const errors: unknown[] = [];
  informer.on('add', (p) => events.push(`add ${p.metadata?.name}`));
  informer.on('update', (p) => events.push(`update ${p.metadata?.name} ${p.metadata?.labels?.stage ?? ''}`));
  informer.on('delete', (p) => events.push(`delete ${p.metadata?.name}`));
  informer.on('error', (e) => errors.push(e));
  await informer.start();
  try {
    // The initial list fills the cache.
    await eventually(() => assert.ok(events.includes('add early'), events.join(', ')));
    assert.deepEqual(
      informer.list(NS).map((p) => p.metadata?.name),
      ['early'],
    );

    await k.kubectl(['run', 'late', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
    await eventually(() => assert.ok(events.includes('add late'), events.join(', ')));

    await k.kubectl(['label', 'pod', 'late', '-n', NS, 'stage=two']);
    await eventually(() => assert.ok(events.includes('update late two'), events.join(', ')));
    assert.equal(informer.get('late', NS)?.metadata?.labels?.stage, 'two');

    await k.kubectl(['delete', 'pod', 'late', '-n', NS, '--wait=false']);
    await eventually(() => assert.ok(events.includes('delete late'), events.join(', ')));
    assert.equal(informer.get('late', NS), undefined);
    assert.deepEqual(errors, []);
  } finally {
    await informer.stop();
  }
});

test('a raw watch from the list resourceVersion streams later changes only', async () => {
  const k = cluster();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(k.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const list = await core.listNamespacedConfigMap({ namespace: NS });
  const seen: string[] = [];
  const watch = new k8s.Watch(kc);
  const req = await watch.watch(
    `/api/v1/namespaces/${NS}/configmaps`,
    { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
    (type, obj: k8s.V1ConfigMap) => {
      // Only our object: controllers may add their own configmaps (e.g. kube-root-ca.crt).
      if (type !== 'BOOKMARK' && obj.metadata?.name === 'watched') seen.push(`${type} ${obj.metadata?.name}`);
    },
    () => {},
  );
  try {
    await k.kubectl(['create', 'configmap', 'watched', '-n', NS, '--from-literal=a=1']);
    await k.kubectl(['delete', 'configmap', 'watched', '-n', NS]);
    await eventually(() => assert.deepEqual(seen, ['ADDED watched', 'DELETED watched']));
  } finally {
    req.abort();
  }
});
