/**
 * @module test/e2e/replace
 * `kubectl replace`: a fresh object is replaced, a stale one gets upstream's conflict message, --force
 * deletes and re-creates.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml, stringify } from 'yaml';
import { useCluster } from './harness.js';

const NS = 'replacing';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
});

test('replace -f with the current object updates it', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'fresh', '-n', NS, '--from-literal=a=1']);
  const obj = parseYaml((await k.kubectl(['get', 'cm', 'fresh', '-n', NS, '-o', 'yaml'])).stdout);
  obj.data.a = '2';
  const file = k.file('fresh.yaml', stringify(obj));
  const r = await k.kubectl(['replace', '-f', file]);
  assert.equal(r.stdout, 'configmap/fresh replaced\n');
  const now = JSON.parse((await k.kubectl(['get', 'cm', 'fresh', '-n', NS, '-o', 'json'])).stdout);
  assert.equal(now.data.a, '2');
  assert.ok(Number(now.metadata.resourceVersion) > Number(obj.metadata.resourceVersion));
});

test('replace -f with a stale resourceVersion fails with the conflict message', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'stale', '-n', NS, '--from-literal=a=1']);
  const stale = (await k.kubectl(['get', 'cm', 'stale', '-n', NS, '-o', 'yaml'])).stdout;
  const file = k.file('stale.yaml', stale.replace(/^ {2}a: "1"$/m, '  a: "from-file"'));
  assert.notEqual(stale, file);
  // Someone else changes the object on the server meanwhile.
  await k.kubectl(['patch', 'cm', 'stale', '-n', NS, '--type=merge', '-p', '{"data":{"a":"server"}}']);

  const r = await k.kubectl(['replace', '-f', file], { allowFail: true });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'Error from server (Conflict): error when replacing "' +
      file +
      '": Operation cannot be fulfilled on configmaps "stale": ' +
      'the object has been modified; please apply your changes to the latest version and try again\n',
  );
  const now = JSON.parse((await k.kubectl(['get', 'cm', 'stale', '-n', NS, '-o', 'json'])).stdout);
  assert.equal(now.data.a, 'server');
});

test('replace --force deletes and re-creates the object', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'forced', '-n', NS, '--from-literal=a=1']);
  const before = JSON.parse((await k.kubectl(['get', 'cm', 'forced', '-n', NS, '-o', 'json'])).stdout);
  const file = k.file(
    'forced.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: forced, namespace: ${NS}}\ndata: {a: "9"}\n`,
  );
  const r = await k.kubectl(['replace', '--force', '-f', file]);
  assert.equal(r.stdout, 'configmap "forced" deleted\nconfigmap/forced replaced\n');
  const after = JSON.parse((await k.kubectl(['get', 'cm', 'forced', '-n', NS, '-o', 'json'])).stdout);
  assert.equal(after.data.a, '9');
  assert.notEqual(after.metadata.uid, before.metadata.uid);
});

test('replace of a missing object fails with NotFound', async () => {
  const k = cluster();
  const file = k.file(
    'missing.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nobody, namespace: ${NS}}\ndata: {a: "1"}\n`,
  );
  const r = await k.kubectl(['replace', '-f', file], { allowFail: true });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `Error from server (NotFound): error when replacing "${file}": configmaps "nobody" not found\n`,
  );
});
