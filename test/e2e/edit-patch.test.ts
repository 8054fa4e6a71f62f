/**
 * @module test/e2e/edit-patch
 * `kubectl edit` through KUBE_EDITOR and `kubectl patch` with strategic, merge and JSON patches.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { useCluster } from './harness.js';

const NS = 'patching';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  const file = k.file(
    'objects.yaml',
    `apiVersion: v1
kind: ConfigMap
metadata: {name: conf, namespace: ${NS}}
data: {mode: fast, level: "1"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: nginx:1.27, env: [{name: A, value: "1"}]}
        - {name: log, image: busybox:1.36}
`,
  );
  await k.kubectl(['apply', '-f', file]);
});

const getJson = async (kind: string, name: string) =>
  JSON.parse((await cluster().kubectl(['get', kind, name, '-n', NS, '-o', 'json'])).stdout);

/**
 * An editor script that applies a sed expression to the file kubectl hands it, after appending what it was
 * given to `<name>.log` (kubectl reopens the editor with the server's error in the header comments).
 */
function sedEditor(name: string, expr: string): string {
  const log = `${cluster().workDir}/${name}.log`;
  const path = cluster().file(name, `#!/bin/sh\ncat "$1" >> '${log}'\nsed -i -e '${expr}' "$1"\n`);
  chmodSync(path, 0o755);
  return path;
}

test('edit through KUBE_EDITOR changes the object', async () => {
  const k = cluster();
  const editor = sedEditor('edit-mode.sh', 's/mode: fast/mode: slow/');
  const r = await k.kubectl(['edit', 'configmap', 'conf', '-n', NS], { env: { KUBE_EDITOR: editor } });
  assert.equal(r.stdout, 'configmap/conf edited\n');
  assert.equal((await getJson('cm', 'conf')).data.mode, 'slow');
});

test('edit without changes is cancelled', async () => {
  const k = cluster();
  const editor = sedEditor('edit-none.sh', 's/no-such-text/x/');
  const r = await k.kubectl(['edit', 'configmap', 'conf', '-n', NS], { env: { KUBE_EDITOR: editor } });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, 'Edit cancelled, no changes made.\n');
});

test('edit that makes the object invalid reports the error and keeps the object', async () => {
  const k = cluster();
  const before = await getJson('deploy', 'web');
  const editor = sedEditor('edit-bad.sh', 's/replicas: 1/replicas: -1/');
  const r = await k.kubectl(['edit', 'deploy', 'web', '-n', NS], {
    env: { KUBE_EDITOR: editor },
    allowFail: true,
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: deployments\.apps "web" is invalid$/m);
  assert.match(r.stderr, /^error: Edit cancelled, no valid changes were saved\.$/m);
  const seen = readFileSync(`${editor}.log`, 'utf8');
  assert.match(seen, /^# deployments\.apps "web" was not valid:$/m);
  assert.match(seen, /^# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/m);
  assert.equal((await getJson('deploy', 'web')).metadata.resourceVersion, before.metadata.resourceVersion);
});

test('strategic merge patch (the default) merges containers by name', async () => {
  const k = cluster();
  const r = await k.kubectl([
    'patch',
    'deploy',
    'web',
    '-n',
    NS,
    '-p',
    '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28","env":[{"name":"B","value":"2"}]}]}}}}',
  ]);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  const d = await getJson('deploy', 'web');
  const containers = d.spec.template.spec.containers;
  assert.deepEqual(
    containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
    ['web=nginx:1.28', 'log=busybox:1.36'],
  );
  assert.deepEqual(containers[0].env, [
    { name: 'B', value: '2' },
    { name: 'A', value: '1' },
  ]);

  // The $patch: delete directive removes one element by its merge key.
  await k.kubectl([
    'patch',
    'deploy',
    'web',
    '-n',
    NS,
    '-p',
    '{"spec":{"template":{"spec":{"containers":[{"name":"log","$patch":"delete"}]}}}}',
  ]);
  const after = await getJson('deploy', 'web');
  assert.deepEqual(
    after.spec.template.spec.containers.map((c: { name: string }) => c.name),
    ['web'],
  );
});

test('merge patch replaces lists and null deletes keys', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'mp', '-n', NS, '--from-literal=a=1', '--from-literal=b=2']);
  const r = await k.kubectl([
    'patch',
    'cm',
    'mp',
    '-n',
    NS,
    '--type',
    'merge',
    '-p',
    '{"data":{"a":null,"c":"3"}}',
  ]);
  assert.equal(r.stdout, 'configmap/mp patched\n');
  assert.deepEqual((await getJson('cm', 'mp')).data, { b: '2', c: '3' });

  await k.kubectl([
    'patch',
    'deploy',
    'web',
    '-n',
    NS,
    '--type=merge',
    '-p',
    '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"redis:7"}]}}}}',
  ]);
  const d = await getJson('deploy', 'web');
  assert.deepEqual(
    d.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
    ['only=redis:7'],
  );
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent', 'defaults are applied');
});

test('JSON patch applies operations in order and fails a test op', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'jp', '-n', NS, '--from-literal=a=1']);
  const ops = [
    { op: 'add', path: '/data/b', value: '2' },
    { op: 'replace', path: '/data/a', value: 'one' },
    { op: 'add', path: '/metadata/labels', value: { via: 'json' } },
  ];
  const r = await k.kubectl(['patch', 'cm', 'jp', '-n', NS, '--type', 'json', '-p', JSON.stringify(ops)]);
  assert.equal(r.stdout, 'configmap/jp patched\n');
  const cm = await getJson('cm', 'jp');
  assert.deepEqual(cm.data, { a: 'one', b: '2' });
  assert.deepEqual(cm.metadata.labels, { via: 'json' });

  const failed = await k.kubectl(
    ['patch', 'cm', 'jp', '-n', NS, '--type=json', '-p', '[{"op":"test","path":"/data/a","value":"nope"}]'],
    { allowFail: true },
  );
  assert.equal(failed.code, 1);
  // Upstream answers a failed test op with a 422 whose message kubectl prints as is.
  assert.equal(
    failed.stderr,
    'The request is invalid: the server rejected our request due to an error in our request\n',
  );
  const missing = await k.kubectl(
    ['patch', 'cm', 'jp', '-n', NS, '--type=json', '-p', '[{"op":"remove","path":"/data/zzz"}]'],
    { allowFail: true },
  );
  assert.equal(missing.code, 1);
  assert.equal((await getJson('cm', 'jp')).metadata.resourceVersion, cm.metadata.resourceVersion);
});

test('a patch that changes nothing prints patched (no change)', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'same', '-n', NS, '--from-literal=a=1']);
  const before = await getJson('cm', 'same');
  for (const type of ['strategic', 'merge']) {
    const r = await k.kubectl(['patch', 'cm', 'same', '-n', NS, '--type', type, '-p', '{"data":{"a":"1"}}']);
    assert.equal(r.stdout, 'configmap/same patched (no change)\n', type);
  }
  const j = await k.kubectl([
    'patch',
    'cm',
    'same',
    '-n',
    NS,
    '--type=json',
    '-p',
    '[{"op":"replace","path":"/data/a","value":"1"}]',
  ]);
  assert.equal(j.stdout, 'configmap/same patched (no change)\n');
  assert.equal((await getJson('cm', 'same')).metadata.resourceVersion, before.metadata.resourceVersion);
});
