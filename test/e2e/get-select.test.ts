/**
 * @module test/e2e/get-select
 * `kubectl get` selection: label and field selectors, -A, `get all`, several kinds, empty results.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable, useCluster } from './harness.js';

const NS = 'sel-a';
const NS2 = 'sel-b';

const pod = (name: string, ns: string, labels: string) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {${labels}}
spec:
  containers: [{name: c, image: busybox:1.36}]
`;

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  await k.kubectl(['create', 'namespace', NS2]);
  await k.kubectl(['create', 'namespace', 'sel-empty']);
  const file = k.file(
    'pods.yaml',
    pod('p1', NS, 'app: web, env: prod') +
      pod('p2', NS, 'app: web, env: dev') +
      pod('p3', NS, 'app: db, env: prod') +
      pod('q1', NS2, 'app: web, env: prod') +
      `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${NS}}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  // A phase only the status subresource can set (no node agent yet).
  await k.kubectl([
    'patch',
    'pod',
    'p3',
    '-n',
    NS,
    '--subresource=status',
    '--type=merge',
    '-p',
    '{"status":{"phase":"Running"}}',
  ]);
});

const names = (out: string) => parseTable(out).rows.map((r) => r.NAME);

test('-l with equality, inequality and set selectors', async () => {
  const k = cluster();
  assert.deepEqual(names((await k.kubectl(['get', 'pods', '-n', NS, '-l', 'app=web'])).stdout), ['p1', 'p2']);
  assert.deepEqual(names((await k.kubectl(['get', 'pods', '-n', NS, '-l', 'app=web,env!=dev'])).stdout), [
    'p1',
  ]);
  assert.deepEqual(names((await k.kubectl(['get', 'pods', '-n', NS, '-l', 'env in (dev),app'])).stdout), [
    'p2',
  ]);
  assert.deepEqual(names((await k.kubectl(['get', 'pods', '-n', NS, '-l', '!tier'])).stdout), [
    'p1',
    'p2',
    'p3',
  ]);
});

test('--field-selector on metadata.name and status.phase', async () => {
  const k = cluster();
  assert.deepEqual(
    names((await k.kubectl(['get', 'pods', '-n', NS, '--field-selector', 'metadata.name=p2'])).stdout),
    ['p2'],
  );
  assert.deepEqual(
    names((await k.kubectl(['get', 'pods', '-n', NS, '--field-selector', 'status.phase=Pending'])).stdout),
    ['p1', 'p2'],
  );
  const running = parseTable(
    (await k.kubectl(['get', 'pods', '-n', NS, '--field-selector', 'status.phase=Running'])).stdout,
  );
  assert.deepEqual(
    running.rows.map((r) => [r.NAME, r.STATUS]),
    [['p3', 'Running']],
  );
  assert.deepEqual(
    names(
      (
        await k.kubectl([
          'get',
          'pods',
          '-n',
          NS,
          '--field-selector',
          'status.phase!=Running,metadata.name!=p1',
        ])
      ).stdout,
    ),
    ['p2'],
  );
  const bad = await k.kubectl(['get', 'pods', '-n', NS, '--field-selector', 'spec.bogus=x'], {
    allowFail: true,
  });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /field label not supported: spec\.bogus/);
});

test('-A lists across namespaces with a NAMESPACE column', async () => {
  const r = await cluster().kubectl(['get', 'pods', '-A', '-l', 'app=web,env=prod']);
  const t = parseTable(r.stdout);
  assert.deepEqual(t.header, ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  assert.deepEqual(
    t.rows.map((row) => `${row.NAMESPACE}/${row.NAME}`),
    [`${NS}/p1`, `${NS2}/q1`],
  );
});

test('get all shows pods and services with kind-prefixed names', async () => {
  const r = await cluster().kubectl(['get', 'all', '-n', NS]);
  assert.match(r.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
  assert.match(r.stdout, /^pod\/p1\s+0\/1\s+Pending\s+0\s+\d+s$/m);
  assert.match(r.stdout, /^pod\/p3\s+0\/1\s+Running\s+0\s+\d+s$/m);
  assert.match(r.stdout, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/m);
  assert.match(r.stdout, /^service\/web\s+ClusterIP\s+10\.43\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
});

test('get pod,svc prints one table per kind', async () => {
  const r = await cluster().kubectl(['get', 'pod,svc', '-n', NS2]);
  const blocks = r.stdout.split('\n\n');
  assert.equal(blocks.length, 1, 'only pods exist in this namespace');
  assert.match(r.stdout, /^pod\/q1\s/m);
  const both = await cluster().kubectl(['get', 'pod/p1', 'svc/web', '-n', NS]);
  assert.match(both.stdout, /^pod\/p1\s+0\/1\s+Pending/m);
  assert.match(both.stdout, /^service\/web\s+ClusterIP/m);
});

test('an empty namespace says No resources found', async () => {
  const r = await cluster().kubectl(['get', 'pods', '-n', 'sel-empty']);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'No resources found in sel-empty namespace.\n');
  const none = await cluster().kubectl(['get', 'pods', '-n', NS, '-l', 'app=none']);
  assert.equal(none.stderr, `No resources found in ${NS} namespace.\n`);
});
