import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOsRelease, simHostFacts, goArch, type HostFacts } from './host-facts.js';
import { buildNode, defaultNodeLabels, nodeResources } from './registration.js';

const facts: HostFacts = {
  cpuCores: 4,
  memoryBytes: 8 * 1024 ** 3,
  ephemeralStorageBytes: 100 * 1024 ** 3,
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.1.0-18-amd64',
  architecture: 'amd64',
  machineID: 'f'.repeat(32),
  systemUUID: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  bootID: '00000000-0000-0000-0000-000000000001',
  internalIP: '192.168.1.10',
  hostname: 'box',
};

test('buildNode: labels, capacity, allocatable, addresses, nodeInfo', () => {
  const node = buildNode({ name: 'box', facts, containerRuntimeVersion: 'sim://0.1.0' });
  assert.equal(node.kind, 'Node');
  assert.deepEqual(node.metadata.labels, {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': 'box',
    'kubernetes.io/os': 'linux',
  });
  assert.deepEqual(node.status!.capacity, {
    cpu: '4',
    'ephemeral-storage': `${100 * 1024 * 1024}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${8 * 1024 * 1024}Ki`,
    pods: '110',
  });
  assert.equal(node.status!.allocatable!.memory, `${8 * 1024 * 1024 - 100 * 1024}Ki`);
  assert.equal(node.status!.allocatable!['ephemeral-storage'], String(Math.floor(100 * 1024 ** 3 * 0.9)));
  assert.deepEqual(node.status!.addresses, [
    { type: 'InternalIP', address: '192.168.1.10' },
    { type: 'Hostname', address: 'box' },
  ]);
  assert.deepEqual(node.status!.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
  const info = node.status!.nodeInfo!;
  assert.equal(info.kubeletVersion, 'v1.32.0');
  assert.equal(info.containerRuntimeVersion, 'sim://0.1.0');
  assert.equal(info.osImage, 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(info.kernelVersion, '6.1.0-18-amd64');
  assert.equal(info.operatingSystem, 'linux');
  assert.equal(info.architecture, 'amd64');
  assert.equal(info.machineID, 'f'.repeat(32));
  assert.equal(node.spec!.podCIDR, undefined, 'the pod CIDR comes from the node IPAM controller');
});

test('defaultNodeLabels: roles and extra labels', () => {
  const labels = defaultNodeLabels({
    name: 'cp',
    facts,
    containerRuntimeVersion: 'sim://0.1.0',
    roles: ['control-plane'],
    labels: { team: 'a' },
  });
  assert.equal(labels['node-role.kubernetes.io/control-plane'], 'true');
  assert.equal(labels.team, 'a');
});

test('nodeResources never goes negative on tiny machines', () => {
  const r = nodeResources({ ...facts, memoryBytes: 1024 });
  assert.equal(r.allocatable!.memory, '0Ki');
});

test('host facts helpers', () => {
  assert.equal(
    parseOsRelease('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'),
    'Debian GNU/Linux 12 (bookworm)',
  );
  assert.equal(parseOsRelease(undefined), 'Linux');
  assert.equal(goArch('x64'), 'amd64');
  const a = simHostFacts('sim-node-1', 1);
  const b = simHostFacts('sim-node-2', 2);
  assert.notEqual(a.machineID, b.machineID);
  assert.notEqual(a.internalIP, b.internalIP);
  assert.equal(a.hostname, 'sim-node-1');
  assert.equal(a.cpuCores, 8);
});
