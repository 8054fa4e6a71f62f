/**
 * @module test/e2e/delete
 * `kubectl delete`: plain, -f, --grace-period=0 --force, and finalizers that hold an object in Terminating.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, parseTable, useCluster } from './harness.js';

const NS = 'deleting';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
});

const exists = async (kind: string, name: string) => {
  const r = await cluster().kubectl(['get', kind, name, '-n', NS, '-o', 'name'], { allowFail: true });
  if (r.code === 0) return true;
  assert.match(r.stderr, /NotFound/);
  return false;
};

test('plain delete of a configmap and a pending pod', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'plain', '-n', NS, '--from-literal=a=1']);
  assert.equal(
    (await k.kubectl(['delete', 'configmap', 'plain', '-n', NS])).stdout,
    'configmap "plain" deleted\n',
  );
  assert.equal(await exists('cm', 'plain'), false);

  // A pod no node has taken is removed at once (kubectl waits for it by default).
  await k.kubectl(['run', 'idle', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
  const r = await k.kubectl(['delete', 'pod', 'idle', '-n', NS], { timeoutMs: 20_000 });
  assert.equal(r.stdout, 'pod "idle" deleted\n');
  assert.equal(await exists('pod', 'idle'), false);

  const again = await k.kubectl(['delete', 'pod', 'idle', '-n', NS], { allowFail: true });
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'Error from server (NotFound): pods "idle" not found\n');
});

test('delete -f removes every object in the file', async () => {
  const k = cluster();
  const file = k.file(
    'two.yaml',
    `apiVersion: v1
kind: ConfigMap
metadata: {name: f1, namespace: ${NS}}
---
apiVersion: v1
kind: Secret
metadata: {name: f2, namespace: ${NS}}
stringData: {token: abc}
`,
  );
  await k.kubectl(['apply', '-f', file]);
  const r = await k.kubectl(['delete', '-f', file]);
  assert.equal(r.stdout, 'configmap "f1" deleted\nsecret "f2" deleted\n');
  assert.equal(await exists('cm', 'f1'), false);
  assert.equal(await exists('secret', 'f2'), false);
});

test('delete --grace-period=0 --force warns and removes the pod immediately', async () => {
  const k = cluster();
  await k.kubectl(['run', 'forced', '-n', NS, '--image=busybox:1.36', '--restart=Never']);
  const r = await k.kubectl(['delete', 'pod', 'forced', '-n', NS, '--grace-period=0', '--force']);
  assert.equal(
    r.stderr,
    'Warning: Immediate deletion does not wait for confirmation that the running resource has been ' +
      'terminated. The resource may continue to run on the cluster indefinitely.\n',
  );
  assert.equal(r.stdout, 'pod "forced" force deleted\n');
  assert.equal(await exists('pod', 'forced'), false);
});

test('a pod with a finalizer stays Terminating until the finalizer is removed by patch', async () => {
  const k = cluster();
  const file = k.file(
    'held.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: held
  namespace: ${NS}
  finalizers: [example.com/hold]
spec:
  containers: [{name: c, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  const del = await k.kubectl(['delete', 'pod', 'held', '-n', NS, '--wait=false']);
  assert.equal(del.stdout, 'pod "held" deleted\n');

  const row = parseTable((await k.kubectl(['get', 'pod', 'held', '-n', NS])).stdout).rows[0];
  assert.equal(row.STATUS, 'Terminating');
  const pod = JSON.parse((await k.kubectl(['get', 'pod', 'held', '-n', NS, '-o', 'json'])).stdout);
  assert.ok(pod.metadata.deletionTimestamp, 'deletionTimestamp is set');
  assert.deepEqual(pod.metadata.finalizers, ['example.com/hold']);

  // While the finalizer is there, the object survives.
  const waitShort = await k.kubectl(['wait', '--for=delete', 'pod/held', '-n', NS, '--timeout=1s'], {
    allowFail: true,
  });
  assert.equal(waitShort.code, 1);

  const waiter = k.kubectlBackground(['wait', '--for=delete', 'pod/held', '-n', NS, '--timeout=20s']);
  await k.kubectl([
    'patch',
    'pod',
    'held',
    '-n',
    NS,
    '--type',
    'json',
    '-p',
    '[{"op":"remove","path":"/metadata/finalizers"}]',
  ]);
  // kubectl prints `pod/held condition met` when it saw the deletion happen, and nothing when the
  // pod was already gone by the time it looked (upstream kubectl treats that as done too).
  assert.equal(await waiter.exitCode(), 0, `kubectl wait failed: ${waiter.stderr()}`);
  assert.match(waiter.stdout(), /^(pod\/held condition met\n)?$/);
  await eventually(async () => assert.equal(await exists('pod', 'held'), false));
});

test('a configmap with a finalizer is removed after a merge patch sets finalizers to null', async () => {
  const k = cluster();
  const file = k.file(
    'held-cm.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held-cm, namespace: ${NS}, finalizers: [example.com/x]}\n`,
  );
  await k.kubectl(['apply', '-f', file]);
  await k.kubectl(['delete', 'cm', 'held-cm', '-n', NS, '--wait=false']);
  assert.equal(await exists('cm', 'held-cm'), true);
  await k.kubectl([
    'patch',
    'cm',
    'held-cm',
    '-n',
    NS,
    '--type=merge',
    '-p',
    '{"metadata":{"finalizers":null}}',
  ]);
  await eventually(async () => assert.equal(await exists('cm', 'held-cm'), false));
});
