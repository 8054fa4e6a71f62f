/**
 * @module test/e2e/restart
 * Nothing acknowledged is lost when the server is killed with SIGKILL and restarted on the same data dir.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { eventually, useCluster } from './harness.js';

const NS = 'durable';
const N = 20;

const cluster = useCluster();

interface Meta {
  metadata: { name: string; resourceVersion: string; uid: string };
}

const listCms = async (): Promise<{ rv: string; items: Map<string, Meta['metadata']> }> => {
  const r = await cluster().kubectl(['get', '--raw', `/api/v1/namespaces/${NS}/configmaps`]);
  const list = JSON.parse(r.stdout);
  return {
    rv: list.metadata.resourceVersion,
    // The root CA publisher's kube-root-ca.crt is not one of the test's.
    items: new Map(
      list.items
        .filter((i: Meta) => i.metadata.name !== 'kube-root-ca.crt')
        .map((i: Meta) => [i.metadata.name, i.metadata]),
    ),
  };
};

test('objects survive kill -9, keep their resourceVersions, and watches behave', async () => {
  const k = cluster();
  await k.kubectl(['create', 'namespace', NS]);
  const lines = [];
  for (let i = 0; i < N; i++) {
    lines.push(
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: ${NS}}\ndata: {i: "${i}"}\n`,
    );
  }
  await k.kubectl(['apply', '-f', k.file('many.yaml', lines.join(''))]);
  await k.kubectl(['label', 'cm', 'cm-3', '-n', NS, 'changed=yes']);
  await k.kubectl(['delete', 'cm', 'cm-4', '-n', NS]);
  await k.kubectl(['run', 'pod-a', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
  const before = await listCms();
  assert.equal(before.items.size, N - 1);
  const oldUrl = k.url;
  const oldKubeconfig = readFileSync(k.kubeconfig, 'utf8');

  await k.kill9();
  const down = await k.kubectl(['get', 'ns', NS, '--request-timeout=2s'], { allowFail: true });
  assert.notEqual(down.code, 0, 'the server is really gone');

  await k.restart();
  assert.notEqual(k.url, oldUrl, 'port 0 picks a new port');
  const newKubeconfig = readFileSync(k.kubeconfig, 'utf8');
  assert.ok(newKubeconfig.includes(k.url), 'the kubeconfig is rewritten with the new URL');
  assert.notEqual(newKubeconfig, oldKubeconfig);

  const after = await listCms();
  assert.deepEqual([...after.items.keys()].sort(), [...before.items.keys()].sort());
  for (const [name, meta] of before.items) {
    assert.equal(after.items.get(name)?.resourceVersion, meta.resourceVersion, name);
    assert.equal(after.items.get(name)?.uid, meta.uid, name);
  }
  assert.ok(Number(after.rv) >= Number(before.rv), `list RV ${after.rv} went back from ${before.rv}`);
  const labelled = await k.kubectl(['get', 'cm', '-n', NS, '-l', 'changed=yes', '-o', 'name']);
  assert.equal(labelled.stdout, 'configmap/cm-3\n');
  const pod = await k.kubectl(['get', 'pod', 'pod-a', '-n', NS, '-o', 'jsonpath={.status.phase}']);
  assert.equal(pod.stdout, 'Pending');

  // New writes get revisions above everything stored before the crash.
  await k.kubectl(['create', 'configmap', 'post-crash', '-n', NS]);
  const fresh = (await listCms()).items.get('post-crash')!;
  assert.ok(Number(fresh.resourceVersion) > Number(before.rv));

  // A watch from the pre-crash list revision either replays the change since then or answers 410 Expired.
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(k.kubeconfig);
  const events: { type: string; obj: { metadata?: { name?: string }; code?: number; reason?: string } }[] =
    [];
  let ended = false;
  const req = await new k8s.Watch(kc).watch(
    `/api/v1/namespaces/${NS}/configmaps`,
    { resourceVersion: before.rv },
    (type, obj) => events.push({ type, obj }),
    () => (ended = true),
  );
  try {
    await eventually(() => assert.ok(events.length > 0 || ended, 'no watch answer'), { timeoutMs: 10_000 });
    const first = events[0];
    if (first?.type === 'ERROR') {
      assert.equal(first.obj.code, 410);
      assert.equal(first.obj.reason, 'Expired');
    } else {
      await eventually(() =>
        assert.deepEqual(
          events.map((e) => `${e.type} ${e.obj.metadata?.name}`),
          ['ADDED post-crash'],
        ),
      );
    }
  } finally {
    req.abort();
  }

  // A watch from "now" sees only new changes.
  const w = k.kubectlBackground(['get', 'cm', '-n', NS, '-w', '--output-watch-events', '--watch-only']);
  try {
    // Touch another object until the watch reports it, so the watch is surely established.
    let tick = 0;
    await eventually(
      async () => {
        await k.kubectl(['annotate', 'cm', 'cm-6', '-n', NS, `tick=${++tick}`, '--overwrite']);
        assert.match(w.stdout(), /^MODIFIED\s+cm-6\s/m);
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await k.kubectl(['delete', 'cm', 'cm-5', '-n', NS]);
    await w.waitFor(/^DELETED\s+cm-5\s+1\s+\S+$/m);
  } finally {
    await w.kill();
  }
  assert.doesNotMatch(w.stdout(), /ADDED/);
});

test('a clean SIGTERM stop and restart also keeps everything', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'graceful', '-n', 'default', '--from-literal=k=v']);
  const rv = (await k.kubectl(['get', 'cm', 'graceful', '-o', 'jsonpath={.metadata.resourceVersion}']))
    .stdout;
  await k.restart();
  const again = await k.kubectl(['get', 'cm', 'graceful', '-o', 'jsonpath={.metadata.resourceVersion}']);
  assert.equal(again.stdout, rv);
  const ns = await k.kubectl(['get', 'ns', '-o', 'name']);
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease', NS]) {
    assert.match(ns.stdout, new RegExp(`^namespace/${name}$`, 'm'));
  }
});
