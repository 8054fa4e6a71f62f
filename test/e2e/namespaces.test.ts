/**
 * @module test/e2e/namespaces
 * System namespaces exist at start; deleting a namespace empties it and then removes it; `default` cannot
 * be deleted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, parseTable, useCluster } from './harness.js';

const cluster = useCluster();

test('default, kube-system, kube-public and kube-node-lease exist and are Active', async () => {
  const t = parseTable((await cluster().kubectl(['get', 'namespaces'])).stdout);
  assert.deepEqual(t.header, ['NAME', 'STATUS', 'AGE']);
  const rows = new Map(t.rows.map((r) => [r.NAME, r.STATUS]));
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    assert.equal(rows.get(ns), 'Active', ns);
  }
  const ns = JSON.parse((await cluster().kubectl(['get', 'ns', 'kube-system', '-o', 'json'])).stdout);
  assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
  assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], 'kube-system');
});

test('deleting a namespace removes its content, then the namespace', async () => {
  const k = cluster();
  await k.kubectl(['create', 'namespace', 'doomed']);
  await k.kubectl(['create', 'configmap', 'c1', '-n', 'doomed', '--from-literal=a=1']);
  await k.kubectl(['create', 'secret', 'generic', 's1', '-n', 'doomed', '--from-literal=a=1']);
  await k.kubectl(['run', 'p1', '-n', 'doomed', '--image=busybox:1.36', '--restart=Never']);
  await k.kubectl(['create', 'deployment', 'd1', '-n', 'doomed', '--image=nginx:1.27']);
  await k.kubectl(['create', 'service', 'clusterip', 'svc1', '-n', 'doomed', '--tcp=80:80']);

  const r = await k.kubectl(['delete', 'namespace', 'doomed'], { timeoutMs: 30_000 });
  assert.equal(r.stdout, 'namespace "doomed" deleted\n');
  const gone = await k.kubectl(['get', 'ns', 'doomed'], { allowFail: true });
  assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "doomed" not found\n');
  const paths = ['configmaps', 'secrets', 'pods', 'services'].map((r) => `/api/v1/namespaces/doomed/${r}`);
  paths.push('/apis/apps/v1/namespaces/doomed/deployments');
  for (const path of paths) {
    const left = await k.kubectl(['get', '--raw', path]);
    assert.deepEqual(
      JSON.parse(left.stdout).items.map((i: { metadata: { name: string } }) => i.metadata.name),
      [],
      path,
    );
  }
});

test('a namespace being deleted shows Terminating and refuses new objects', async () => {
  const k = cluster();
  await k.kubectl(['create', 'namespace', 'closing']);
  const file = k.file(
    'held.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: closing, finalizers: [example.com/hold]}\n',
  );
  await k.kubectl(['apply', '-f', file]);
  await k.kubectl(['delete', 'namespace', 'closing', '--wait=false']);
  await eventually(async () => {
    const row = parseTable((await k.kubectl(['get', 'ns', 'closing'])).stdout).rows[0];
    assert.equal(row.STATUS, 'Terminating');
  });
  const refused = await k.kubectl(['create', 'configmap', 'late', '-n', 'closing'], { allowFail: true });
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /configmaps "late" is forbidden: unable to create new content in namespace closing because it is being terminated/,
  );
  await k.kubectl([
    'patch',
    'cm',
    'held',
    '-n',
    'closing',
    '--type=merge',
    '-p',
    '{"metadata":{"finalizers":null}}',
  ]);
  await eventually(
    async () => {
      const g = await k.kubectl(['get', 'ns', 'closing'], { allowFail: true });
      assert.equal(g.code, 1, g.stdout);
    },
    { timeoutMs: 20_000 },
  );
});

test('the default namespace cannot be deleted', async () => {
  const k = cluster();
  for (const ns of ['default', 'kube-system', 'kube-public']) {
    const r = await k.kubectl(['delete', 'namespace', ns], { allowFail: true });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted\n`,
    );
  }
  const row = parseTable((await k.kubectl(['get', 'ns', 'default'])).stdout).rows[0];
  assert.equal(row.STATUS, 'Active');
});
