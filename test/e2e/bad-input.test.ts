/**
 * @module test/e2e/bad-input
 * Bad input gets upstream's errors: invalid objects, unknown fields, malformed documents, duplicates,
 * unknown resource types, oversized bodies. Nothing is half-written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useCluster } from './harness.js';

const NS = 'bad';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
});

const podYaml = (name: string, container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  containers:
    - ${container}
`;

test('an invalid pod is rejected with the field cause and nothing is stored', async () => {
  const k = cluster();
  const file = k.file('x.yaml', podYaml('x', '{name: c}'));
  for (const verb of ['create', 'apply']) {
    const r = await k.kubectl([verb, '-f', file], { allowFail: true });
    assert.equal(r.code, 1, verb);
    assert.equal(r.stdout, '', verb);
    assert.equal(r.stderr, 'The Pod "x" is invalid: spec.containers[0].image: Required value\n', verb);
  }
  const g = await k.kubectl(['get', 'pod', 'x', '-n', NS], { allowFail: true });
  assert.equal(g.stderr, 'Error from server (NotFound): pods "x" not found\n');
});

test('several causes are listed one per line', async () => {
  const k = cluster();
  const file = k.file(
    'y.yaml',
    podYaml('multi', '{name: Bad_Name, image: nginx, ports: [{containerPort: 70000}]}'),
  );
  const r = await k.kubectl(['create', '-f', file], { allowFail: true });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The Pod "multi" is invalid: $/m);
  assert.match(
    r.stderr,
    /^\* spec\.containers\[0\]\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of/m,
  );
  assert.match(
    r.stderr,
    /^\* spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive$/m,
  );
});

test('an unknown field fails under the default strict validation', async () => {
  const k = cluster();
  const file = k.file('u.yaml', podYaml('u', '{name: c, image: nginx, imagePullPolice: Always}'));
  const r = await k.kubectl(['create', '-f', file], { allowFail: true });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown field "spec\.containers\[0\]\.imagePullPolice"/);
  assert.match(r.stderr, /^Error from server \(BadRequest\): error when creating ".*u\.yaml": /);
  const applied = await k.kubectl(['apply', '-f', file], { allowFail: true });
  assert.equal(applied.code, 1);
  assert.match(applied.stderr, /unknown field "spec\.containers\[0\]\.imagePullPolice"/);

  // --validate=warn creates the object and prints the server's warning.
  const warn = await k.kubectl(['create', '-f', file, '--validate=warn']);
  assert.equal(warn.stdout, 'pod/u created\n');
  assert.match(warn.stderr, /^Warning: unknown field "spec\.containers\[0\]\.imagePullPolice"$/m);
});

test('malformed YAML and JSON are reported, not stored', async () => {
  const k = cluster();
  const yamlFile = k.file(
    'broken.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n data: [x\n',
  );
  const r = await k.kubectl(['apply', '-f', yamlFile], { allowFail: true });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /^error: error parsing .*broken\.yaml: error converting YAML to JSON: yaml: line \d+: /,
  );

  // A raw request body reaches the server unparsed: it answers 400 with a Status.
  const jsonFile = k.file('broken.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"raw"');
  const raw = await k.kubectl(['create', '--raw', `/api/v1/namespaces/${NS}/configmaps`, '-f', jsonFile], {
    allowFail: true,
  });
  assert.equal(raw.code, 1);
  assert.match(raw.stderr, /^Error from server \(BadRequest\): /);
  const g = await k.kubectl(['get', 'cm', 'raw', '-n', NS], { allowFail: true });
  assert.equal(g.code, 1);
});

test('a body over 3 MiB is refused with 413', async () => {
  const k = cluster();
  const big = JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'huge' },
    data: { blob: 'x'.repeat(3 * 1024 * 1024 + 10) },
  });
  const file = k.file('huge.json', big);
  const r = await k.kubectl(['create', '--raw', `/api/v1/namespaces/${NS}/configmaps`, '-f', file], {
    allowFail: true,
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error from server \(RequestEntityTooLarge\): /);
  assert.match(r.stderr, /limit is 3145728/);
});

test('creating an existing object reports AlreadyExists', async () => {
  const k = cluster();
  await k.kubectl(['create', 'configmap', 'dup', '-n', NS]);
  const gen = await k.kubectl(['create', 'configmap', 'dup', '-n', NS], { allowFail: true });
  assert.equal(gen.code, 1);
  assert.equal(gen.stderr, 'error: failed to create configmap: configmaps "dup" already exists\n');

  const file = k.file(
    'dup.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup, namespace: ${NS}}\n`,
  );
  const r = await k.kubectl(['create', '-f', file], { allowFail: true });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `Error from server (AlreadyExists): error when creating "${file}": configmaps "dup" already exists\n`,
  );
});

test('an unknown resource type is reported by kubectl from discovery', async () => {
  const k = cluster();
  const r = await k.kubectl(['get', 'widgets'], { allowFail: true });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: the server doesn\'t have a resource type "widgets"\n');
  const raw = await k.kubectl(['get', '--raw', '/api/v1/widgets'], { allowFail: true });
  assert.equal(raw.code, 1);
  assert.match(
    raw.stderr,
    /^Error from server \(NotFound\): the server could not find the requested resource$/m,
  );
});
