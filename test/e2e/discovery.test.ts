/**
 * @module test/e2e/discovery
 * What kubectl learns from discovery and OpenAPI: explain, api-resources, api-versions, version, cluster-info.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable, useCluster } from './harness.js';

const cluster = useCluster();

test('explain pod.spec.containers prints KIND, VERSION, FIELD and the field list', async () => {
  const { stdout, stderr } = await cluster().kubectl(['explain', 'pod.spec.containers']);
  assert.equal(stderr, '');
  assert.match(stdout, /^KIND: +Pod$/m);
  assert.match(stdout, /^VERSION: +v1$/m);
  assert.match(stdout, /^FIELD: +containers <\[\]Container>$/m);
  assert.match(stdout, /^DESCRIPTION:$/m);
  assert.match(stdout, /^FIELDS:$/m);
  assert.match(stdout, /^ {2}image\t<string>$/m);
  assert.match(stdout, /^ {2}name\t<string> -required-$/m);
  assert.match(stdout, /^ {2}ports\t<\[\]ContainerPort>$/m);

  const deep = await cluster().kubectl(['explain', 'deployment.spec.strategy.type', '--api-version=apps/v1']);
  assert.match(deep.stdout, /^GROUP: +apps$/m);
  assert.match(deep.stdout, /^KIND: +Deployment$/m);
  assert.match(deep.stdout, /^FIELD: +type <string>$/m);

  const bad = await cluster().kubectl(['explain', 'pod.spec.nope'], { allowFail: true });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /field "nope" does not exist/);
});

test('api-resources lists short names, and categories with -o wide', async () => {
  const k = cluster();
  const t = parseTable((await k.kubectl(['api-resources'])).stdout);
  assert.deepEqual(t.header, ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
  const byName = new Map(t.rows.map((r) => [`${r.NAME}.${r.APIVERSION}`, r]));
  const expect = (name: string, short: string, apiVersion: string, namespaced: string, kind: string) =>
    assert.deepEqual(byName.get(`${name}.${apiVersion}`), {
      NAME: name,
      SHORTNAMES: short,
      APIVERSION: apiVersion,
      NAMESPACED: namespaced,
      KIND: kind,
    });
  expect('pods', 'po', 'v1', 'true', 'Pod');
  expect('services', 'svc', 'v1', 'true', 'Service');
  expect('namespaces', 'ns', 'v1', 'false', 'Namespace');
  expect('nodes', 'no', 'v1', 'false', 'Node');
  expect('deployments', 'deploy', 'apps/v1', 'true', 'Deployment');
  expect('replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet');
  expect('cronjobs', 'cj', 'batch/v1', 'true', 'CronJob');
  expect('events', 'ev', 'v1', 'true', 'Event');
  expect('leases', '', 'coordination.k8s.io/v1', 'true', 'Lease');
  expect('endpointslices', '', 'discovery.k8s.io/v1', 'true', 'EndpointSlice');
  expect('clusterroles', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole');

  const wide = parseTable((await k.kubectl(['api-resources', '-o', 'wide'])).stdout);
  assert.deepEqual(wide.header, [
    'NAME',
    'SHORTNAMES',
    'APIVERSION',
    'NAMESPACED',
    'KIND',
    'VERBS',
    'CATEGORIES',
  ]);
  const pods = wide.rows.find((r) => r.NAME === 'pods')!;
  assert.equal(pods.CATEGORIES, 'all');
  assert.equal(pods.VERBS, 'create,delete,deletecollection,get,list,patch,update,watch');
  const deploy = wide.rows.find((r) => r.NAME === 'deployments')!;
  assert.equal(deploy.CATEGORIES, 'all');
  const cms = wide.rows.find((r) => r.NAME === 'configmaps')!;
  assert.equal(cms.CATEGORIES, '');

  const names = await k.kubectl(['api-resources', '--api-group=apps', '-o', 'name']);
  assert.deepEqual(names.stdout.trim().split('\n').sort(), [
    'controllerrevisions.apps',
    'daemonsets.apps',
    'deployments.apps',
    'replicasets.apps',
    'statefulsets.apps',
  ]);

  // Short names work as resource types.
  const po = await k.kubectl(['get', 'po,svc,deploy,ns', '-A', '-o', 'name']);
  assert.match(po.stdout, /^namespace\/default$/m);
  assert.match(po.stdout, /^service\/kubernetes$/m);
});

test('api-versions includes the core and apps groups', async () => {
  const lines = (await cluster().kubectl(['api-versions'])).stdout.trim().split('\n');
  for (const gv of [
    'v1',
    'apps/v1',
    'batch/v1',
    'coordination.k8s.io/v1',
    'events.k8s.io/v1',
    'rbac.authorization.k8s.io/v1',
  ]) {
    assert.ok(lines.includes(gv), `${gv} missing from ${lines.join(' ')}`);
  }
  assert.deepEqual(lines, [...lines].sort());
});

test('version reports a v1.32 server', async () => {
  const k = cluster();
  const r = await k.kubectl(['version']);
  assert.match(r.stdout, /^Client Version: v1\.32\.\d+$/m);
  assert.match(r.stdout, /^Server Version: v1\.32\.\d+\S*$/m);
  assert.equal(r.stderr, '', 'no version skew warning');
  const j = JSON.parse((await k.kubectl(['version', '-o', 'json'])).stdout);
  assert.equal(j.serverVersion.major, '1');
  assert.equal(j.serverVersion.minor, '32');
  assert.match(j.serverVersion.gitVersion, /^v1\.32\./);
  assert.match(j.serverVersion.platform, /^linux\//);
});

test('cluster-info shows the control plane URL', async () => {
  const k = cluster();
  const r = await k.kubectl(['cluster-info']);
  // kubectl colours the output; strip the escape codes.
  // eslint-disable-next-line no-control-regex
  const plain = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  assert.ok(plain.includes(`Kubernetes control plane is running at ${k.url}`), plain);
  assert.match(plain, /To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'\./);
});
