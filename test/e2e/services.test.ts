/**
 * @module test/e2e/services
 * Service IP and node port allocation: 10.43.0.0/16, 10.43.0.1 for `kubernetes`, 30000-32767, conflicts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable, useCluster } from './harness.js';

const NS = 'svcs';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
});

const svcYaml = (name: string, spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${NS}}\nspec:\n${spec}`;

const getSvc = async (name: string, ns = NS) =>
  JSON.parse((await cluster().kubectl(['get', 'svc', name, '-n', ns, '-o', 'json'])).stdout);

const inRange = (ip: string) =>
  /^10\.43\.\d{1,3}\.\d{1,3}$/.test(ip) && ip !== '10.43.0.0' && ip !== '10.43.255.255';

test('the kubernetes service in default has 10.43.0.1 and port 443', async () => {
  const svc = await getSvc('kubernetes', 'default');
  assert.equal(svc.spec.clusterIP, '10.43.0.1');
  assert.deepEqual(svc.spec.clusterIPs, ['10.43.0.1']);
  assert.equal(svc.spec.type, 'ClusterIP');
  assert.equal(svc.spec.ports[0].port, 443);
  assert.equal(svc.spec.ports[0].name, 'https');
  const row = parseTable((await cluster().kubectl(['get', 'svc', 'kubernetes', '-n', 'default'])).stdout)
    .rows[0];
  assert.deepEqual(row, {
    NAME: 'kubernetes',
    TYPE: 'ClusterIP',
    'CLUSTER-IP': '10.43.0.1',
    'EXTERNAL-IP': '<none>',
    'PORT(S)': '443/TCP',
    AGE: row.AGE,
  });
});

test('ClusterIPs are allocated from 10.43.0.0/16 and are unique', async () => {
  const k = cluster();
  const ips = new Set<string>();
  for (const name of ['a', 'b', 'c']) {
    await k.kubectl(['create', 'service', 'clusterip', name, '-n', NS, '--tcp=80:8080']);
    const ip = (await getSvc(name)).spec.clusterIP;
    assert.ok(inRange(ip), `${name}: ${ip} is not in 10.43.0.0/16`);
    assert.notEqual(ip, '10.43.0.1');
    ips.add(ip);
  }
  assert.equal(ips.size, 3);
  const headless = await k.kubectl([
    'create',
    'service',
    'clusterip',
    'headless',
    '-n',
    NS,
    '--clusterip=None',
  ]);
  assert.equal(headless.stdout, 'service/headless created\n');
  assert.equal((await getSvc('headless')).spec.clusterIP, 'None');
});

test('NodePort services get a port in 30000-32767, shown as port:nodePort/TCP', async () => {
  const k = cluster();
  await k.kubectl(['create', 'service', 'nodeport', 'np', '-n', NS, '--tcp=80:8080']);
  const svc = await getSvc('np');
  const nodePort = svc.spec.ports[0].nodePort;
  assert.ok(nodePort >= 30000 && nodePort <= 32767, `nodePort ${nodePort}`);
  assert.ok(inRange(svc.spec.clusterIP));
  assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
  const row = parseTable((await k.kubectl(['get', 'svc', 'np', '-n', NS])).stdout).rows[0];
  assert.equal(row.TYPE, 'NodePort');
  assert.equal(row['PORT(S)'], `80:${nodePort}/TCP`);

  const clash = await k.kubectl(
    [
      'create',
      '-f',
      k.file('np2.yaml', svcYaml('np2', `  type: NodePort\n  ports: [{port: 81, nodePort: ${nodePort}}]\n`)),
    ],
    { allowFail: true },
  );
  assert.equal(clash.code, 1);
  assert.match(
    clash.stderr,
    new RegExp(
      `spec\\.ports\\[0\\]\\.nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
    ),
  );
});

test('an explicit clusterIP that is taken is rejected', async () => {
  const k = cluster();
  const taken = await k.kubectl(
    [
      'create',
      '-f',
      k.file('dup-ip.yaml', svcYaml('dup-ip', '  clusterIP: 10.43.0.1\n  ports: [{port: 80}]\n')),
    ],
    { allowFail: true },
  );
  assert.equal(taken.code, 1);
  assert.equal(
    taken.stderr,
    'The Service "dup-ip" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.1"}: ' +
      'failed to allocate IP 10.43.0.1: provided IP is already allocated\n',
  );
  const outside = await k.kubectl(
    [
      'create',
      '-f',
      k.file('far-ip.yaml', svcYaml('far-ip', '  clusterIP: 10.99.0.5\n  ports: [{port: 80}]\n')),
    ],
    { allowFail: true },
  );
  assert.equal(outside.code, 1);
  assert.match(
    outside.stderr,
    /failed to allocate IP 10\.99\.0\.5: the provided IP \(10\.99\.0\.5\) is not in the valid range/,
  );
});

test('an explicit free clusterIP is honoured and released on delete', async () => {
  const k = cluster();
  const file = k.file('fixed.yaml', svcYaml('fixed', '  clusterIP: 10.43.200.7\n  ports: [{port: 80}]\n'));
  await k.kubectl(['create', '-f', file]);
  assert.equal((await getSvc('fixed')).spec.clusterIP, '10.43.200.7');
  await k.kubectl(['delete', 'svc', 'fixed', '-n', NS]);
  // The IP is free again once the service is gone.
  await k.kubectl(['create', '-f', file]);
  assert.equal((await getSvc('fixed')).spec.clusterIP, '10.43.200.7');
});

test('clusterIP is immutable', async () => {
  const k = cluster();
  await k.kubectl(['create', 'service', 'clusterip', 'immut', '-n', NS, '--tcp=80:80']);
  const r = await k.kubectl(
    [
      'patch',
      'svc',
      'immut',
      '-n',
      NS,
      '--type=merge',
      '-p',
      '{"spec":{"clusterIP":"10.43.201.1","clusterIPs":["10.43.201.1"]}}',
    ],
    { allowFail: true },
  );
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.43\.201\.1"\}: may not change once set/,
  );
});
