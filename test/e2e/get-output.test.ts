/**
 * @module test/e2e/get-output
 * `kubectl get` in every output format: table, wide, yaml, json, name, jsonpath, custom-columns, --show-labels.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseTable, useCluster } from './harness.js';

const NS = 'get-out';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  const file = k.file(
    'objects.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: alpha
  namespace: ${NS}
  labels: {app: shop, tier: front}
spec:
  containers:
    - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}
    - {name: side, image: busybox:1.36}
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: ${NS}
spec:
  selector: {app: shop}
  ports: [{port: 80, targetPort: 8080}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
});

test('default table has the pod columns and a Pending STATUS', async () => {
  const r = await cluster().kubectl(['get', 'pods', '-n', NS]);
  const t = parseTable(r.stdout);
  assert.deepEqual(t.header, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  assert.equal(t.rows.length, 1);
  assert.equal(t.rows[0].NAME, 'alpha');
  assert.equal(t.rows[0].READY, '0/2');
  assert.equal(t.rows[0].STATUS, 'Pending');
  assert.equal(t.rows[0].RESTARTS, '0');
  assert.match(t.rows[0].AGE, /^\d+s$/);
});

test('-o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', async () => {
  const r = await cluster().kubectl(['get', 'pod', 'alpha', '-n', NS, '-o', 'wide']);
  const t = parseTable(r.stdout);
  assert.deepEqual(t.header, [
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    'IP',
    'NODE',
    'NOMINATED NODE',
    'READINESS GATES',
  ]);
  assert.equal(t.rows[0].IP, '<none>');
  assert.equal(t.rows[0].NODE, '<none>');
  assert.equal(t.rows[0]['READINESS GATES'], '<none>');

  const svc = parseTable((await cluster().kubectl(['get', 'svc', 'shop', '-n', NS, '-o', 'wide'])).stdout);
  assert.deepEqual(svc.header, ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
  assert.equal(svc.rows[0].TYPE, 'ClusterIP');
  assert.equal(svc.rows[0]['PORT(S)'], '80/TCP');
  assert.equal(svc.rows[0].SELECTOR, 'app=shop');
});

test('-o yaml prints the object with server defaults', async () => {
  const r = await cluster().kubectl(['get', 'pod', 'alpha', '-n', NS, '-o', 'yaml']);
  const pod = parseYaml(r.stdout);
  assert.equal(pod.apiVersion, 'v1');
  assert.equal(pod.kind, 'Pod');
  assert.equal(pod.metadata.name, 'alpha');
  assert.equal(pod.metadata.namespace, NS);
  assert.match(pod.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.match(pod.metadata.resourceVersion, /^\d+$/);
  assert.equal(pod.spec.restartPolicy, 'Always');
  assert.equal(pod.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.equal(pod.status.phase, 'Pending');
  assert.equal(pod.metadata.managedFields, undefined, 'kubectl hides managedFields');
});

test('-o json parses and a list is wrapped as kind List', async () => {
  const one = JSON.parse((await cluster().kubectl(['get', 'svc', 'shop', '-n', NS, '-o', 'json'])).stdout);
  assert.equal(one.kind, 'Service');
  assert.equal(one.spec.type, 'ClusterIP');
  assert.equal(one.spec.ports[0].protocol, 'TCP');
  assert.equal(one.spec.ports[0].targetPort, 8080);
  assert.equal(one.spec.sessionAffinity, 'None');
  assert.deepEqual(one.spec.clusterIPs, [one.spec.clusterIP]);

  const list = JSON.parse((await cluster().kubectl(['get', 'pods', '-n', NS, '-o', 'json'])).stdout);
  assert.equal(list.kind, 'List');
  assert.equal(list.apiVersion, 'v1');
  assert.deepEqual(
    list.items.map((p: { metadata: { name: string } }) => p.metadata.name),
    ['alpha'],
  );
  assert.equal(list.items[0].kind, 'Pod');
});

test('-o name, -o jsonpath and -o custom-columns', async () => {
  const k = cluster();
  assert.equal(
    (await k.kubectl(['get', 'pods,svc', '-n', NS, '-o', 'name'])).stdout,
    'pod/alpha\nservice/shop\n',
  );
  const jp = await k.kubectl(['get', 'pod', 'alpha', '-n', NS, '-o', 'jsonpath={.spec.containers[*].name}']);
  assert.equal(jp.stdout, 'web side');
  const range = await k.kubectl([
    'get',
    'pods',
    '-n',
    NS,
    '-o',
    'jsonpath={range .items[*]}{.metadata.name}={.status.phase}{"\\n"}{end}',
  ]);
  assert.equal(range.stdout, 'alpha=Pending\n');
  const cc = await k.kubectl([
    'get',
    'pods',
    '-n',
    NS,
    '-o',
    'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,PHASE:.status.phase',
  ]);
  const t = parseTable(cc.stdout);
  assert.deepEqual(t.header, ['NAME', 'IMAGE', 'PHASE']);
  assert.deepEqual(t.rows, [{ NAME: 'alpha', IMAGE: 'nginx:1.27', PHASE: 'Pending' }]);
});

test('--show-labels adds a LABELS column', async () => {
  const r = await cluster().kubectl(['get', 'pods', '-n', NS, '--show-labels']);
  const t = parseTable(r.stdout);
  assert.equal(t.header.at(-1), 'LABELS');
  assert.equal(t.rows[0].LABELS, 'app=shop,tier=front');
});
