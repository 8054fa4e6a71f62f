/**
 * @module test/e2e/create
 * `kubectl create` generators (configmap, secrets, namespace, serviceaccount, deployment as protobuf) and
 * `kubectl auth can-i` (a protobuf SelfSubjectAccessReview).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually, parseTable, useCluster } from './harness.js';

const NS = 'creating';

const cluster = useCluster(async (k) => {
  assert.equal((await k.kubectl(['create', 'namespace', NS])).stdout, `namespace/${NS} created\n`);
});

const getJson = async (kind: string, name: string) =>
  JSON.parse((await cluster().kubectl(['get', kind, name, '-n', NS, '-o', 'json'])).stdout);

test('create configmap from literals and a file', async () => {
  const k = cluster();
  const file = k.file('app.properties', 'color=blue\n');
  const r = await k.kubectl([
    'create',
    'configmap',
    'cfg',
    '-n',
    NS,
    '--from-literal=mode=fast',
    `--from-file=${file}`,
  ]);
  assert.equal(r.stdout, 'configmap/cfg created\n');
  assert.deepEqual((await getJson('cm', 'cfg')).data, { mode: 'fast', 'app.properties': 'color=blue\n' });
  const t = parseTable((await k.kubectl(['get', 'cm', 'cfg', '-n', NS])).stdout);
  assert.deepEqual(t.rows[0], { NAME: 'cfg', DATA: '2', AGE: t.rows[0].AGE });
});

test('create secret generic stores base64 data and shows TYPE Opaque', async () => {
  const k = cluster();
  const r = await k.kubectl([
    'create',
    'secret',
    'generic',
    'creds',
    '-n',
    NS,
    '--from-literal=password=s3cr3t',
  ]);
  assert.equal(r.stdout, 'secret/creds created\n');
  const s = await getJson('secret', 'creds');
  assert.equal(s.type, 'Opaque');
  assert.equal(Buffer.from(s.data.password, 'base64').toString(), 's3cr3t');
  const t = parseTable((await k.kubectl(['get', 'secret', 'creds', '-n', NS])).stdout);
  assert.deepEqual(t.header, ['NAME', 'TYPE', 'DATA', 'AGE']);
  assert.equal(t.rows[0].TYPE, 'Opaque');
  assert.equal(t.rows[0].DATA, '1');
});

test('create secret tls and docker-registry', async () => {
  const k = cluster();
  const key = join(k.workDir, 'tls.key');
  const crt = join(k.workDir, 'tls.crt');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    crt,
    '-days',
    '1',
    '-subj',
    '/CN=e2e.example',
  ]);
  const tls = await k.kubectl([
    'create',
    'secret',
    'tls',
    'web-tls',
    '-n',
    NS,
    `--cert=${crt}`,
    `--key=${key}`,
  ]);
  assert.equal(tls.stdout, 'secret/web-tls created\n');
  const s = await getJson('secret', 'web-tls');
  assert.equal(s.type, 'kubernetes.io/tls');
  assert.deepEqual(Object.keys(s.data).sort(), ['tls.crt', 'tls.key']);

  const reg = await k.kubectl([
    'create',
    'secret',
    'docker-registry',
    'pull',
    '-n',
    NS,
    '--docker-server=registry.example',
    '--docker-username=u',
    '--docker-password=p',
  ]);
  assert.equal(reg.stdout, 'secret/pull created\n');
  const d = await getJson('secret', 'pull');
  assert.equal(d.type, 'kubernetes.io/dockerconfigjson');
  const cfg = JSON.parse(Buffer.from(d.data['.dockerconfigjson'], 'base64').toString());
  assert.equal(cfg.auths['registry.example'].username, 'u');
});

test('create serviceaccount, and every namespace gets a default one', async () => {
  const k = cluster();
  assert.equal(
    (await k.kubectl(['create', 'serviceaccount', 'robot', '-n', NS])).stdout,
    'serviceaccount/robot created\n',
  );
  // The default one comes from a controller, so allow it a moment.
  await eventually(async () => {
    const t = parseTable((await k.kubectl(['get', 'sa', '-n', NS])).stdout);
    assert.deepEqual(t.header, ['NAME', 'SECRETS', 'AGE']);
    assert.deepEqual(
      t.rows.map((r) => `${r.NAME} ${r.SECRETS}`),
      ['default 0', 'robot 0'],
    );
  });
});

test('create deployment (a protobuf request body) applies the server defaults', async () => {
  const k = cluster();
  const r = await k.kubectl(['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '-r', '3']);
  assert.equal(r.stdout, 'deployment.apps/web created\n');
  const d = await getJson('deploy', 'web');
  assert.equal(d.spec.replicas, 3);
  assert.deepEqual(d.spec.selector, { matchLabels: { app: 'web' } });
  assert.deepEqual(d.metadata.labels, { app: 'web' });
  assert.equal(d.spec.template.spec.containers[0].name, 'nginx');
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.27');
  assert.equal(d.spec.strategy.type, 'RollingUpdate');
  assert.deepEqual(d.spec.strategy.rollingUpdate, { maxUnavailable: '25%', maxSurge: '25%' });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  const t = parseTable((await k.kubectl(['get', 'deploy', 'web', '-n', NS, '-o', 'wide'])).stdout);
  assert.deepEqual(t.header, [
    'NAME',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'AGE',
    'CONTAINERS',
    'IMAGES',
    'SELECTOR',
  ]);
  assert.equal(t.rows[0].CONTAINERS, 'nginx');
  assert.equal(t.rows[0].IMAGES, 'nginx:1.27');
  assert.equal(t.rows[0].SELECTOR, 'app=web');
});

test('create --dry-run=server does not store the object', async () => {
  const k = cluster();
  const r = await k.kubectl([
    'create',
    'configmap',
    'dry',
    '-n',
    NS,
    '--from-literal=a=1',
    '--dry-run=server',
  ]);
  assert.equal(r.stdout, 'configmap/dry created (server dry run)\n');
  const g = await k.kubectl(['get', 'cm', 'dry', '-n', NS], { allowFail: true });
  assert.equal(g.stderr, 'Error from server (NotFound): configmaps "dry" not found\n');
});

test('auth can-i answers yes for the admin', async () => {
  const k = cluster();
  assert.equal((await k.kubectl(['auth', 'can-i', 'create', 'pods'])).stdout, 'yes\n');
  assert.equal((await k.kubectl(['auth', 'can-i', 'delete', 'deployments.apps', '-n', NS])).stdout, 'yes\n');
  assert.equal((await k.kubectl(['auth', 'can-i', '*', '*'])).stdout, 'yes\n');
});
