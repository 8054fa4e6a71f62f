import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNotFound } from '../client/api-error.js';
import { R } from '../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../client/testing/test-cluster.js';
import type { Node } from '../api/core/nodes/types.js';
import type { Lease } from '../api/coordination/leases/types.js';
import type { Pod } from '../api/core/pods/types.js';
import { startAgent, startSimNodes, type RunningAgent } from './agent.js';

// A real control plane (API server, controllers incl. node IPAM, scheduler) and one sim node
// agent talking to it over HTTPS, with heartbeats shortened to 300 ms.
let tc: TestCluster;
let agent: RunningAgent;
let dir: string;
const NODE = 'agent-test-node';

before(async () => {
  tc = await startTestCluster();
  dir = mkdtempSync(join(tmpdir(), 'kubeling-agent-'));
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(
    join(dir, 'manifests', 'web.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
  );
  agent = await startAgent({
    client: tc.client,
    nodeName: NODE,
    // sim: this test is about the agent's wiring; real containers have their own tests (oci-pods).
    runtime: 'sim',
    dataDir: dir,
    statusIntervalMs: 300,
    leaseIntervalMs: 300,
    simDefaults: { startDelayMs: 10, pullDelayMs: 10 },
  });
});

after(async () => {
  await agent?.stop();
  await tc?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the node registers, gets a pod CIDR and turns Ready', async () => {
  await agent.ready;
  const node = await eventually(
    async () => {
      const n = await tc.client.get<Node>(R.nodes, NODE);
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      return ready?.status === 'True' ? n : undefined;
    },
    10_000,
    'node Ready',
  );
  assert.match(node.spec!.podCIDR!, /^10\.42\.\d+\.0\/24$/);
  assert.deepEqual(node.spec!.podCIDRs, [node.spec!.podCIDR]);
  assert.equal(node.metadata.labels!['kubernetes.io/hostname'], NODE);
  assert.equal(node.status!.nodeInfo!.containerRuntimeVersion, 'sim://0.1.0');
  assert.equal(node.status!.capacity!.pods, '110');
  assert.deepEqual(
    node.status!.conditions!.map((c) => c.type),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'],
  );
  // Ready=False while the kubelet started brought the not-ready taints; Ready=True removes them.
  await eventually(
    async () => {
      const n = await tc.client.get<Node>(R.nodes, NODE);
      return (n.spec!.taints ?? []).length === 0;
    },
    5000,
    'not-ready taints removed',
  );
});

test('the lease is owned by the node and renewed', async () => {
  const node = await tc.client.get<Node>(R.nodes, NODE);
  const first = await eventually(
    () => tc.client.get<Lease>(R.leases, NODE, 'kube-node-lease'),
    5000,
    'lease',
  );
  assert.equal(first.spec!.holderIdentity, NODE);
  assert.equal(first.spec!.leaseDurationSeconds, 40);
  assert.equal(first.metadata.ownerReferences![0].uid, node.metadata.uid);
  await eventually(
    async () => {
      const l = await tc.client.get<Lease>(R.leases, NODE, 'kube-node-lease');
      return l.spec!.renewTime !== first.spec!.renewTime;
    },
    5000,
    'lease renewal',
  );
});

test('a static pod gets a mirror pod, which comes back after deletion and goes with the file', async () => {
  const name = `web-${NODE}`;
  const mirror = await eventually(() => tc.client.get<Pod>(R.pods, name, 'default'), 10_000, 'mirror pod');
  assert.ok(mirror.metadata.annotations!['kubernetes.io/config.mirror']);
  assert.equal(mirror.metadata.annotations!['kubernetes.io/config.source'], 'file');
  assert.equal(mirror.metadata.ownerReferences![0].kind, 'Node');
  assert.equal(mirror.spec.nodeName, NODE);

  await tc.client.delete(R.pods, name, { namespace: 'default' });
  const again = await eventually(
    async () => {
      const p = await tc.client.get<Pod>(R.pods, name, 'default');
      return p.metadata.uid !== mirror.metadata.uid && !p.metadata.deletionTimestamp ? p : undefined;
    },
    10_000,
    'mirror pod recreated',
  );
  assert.equal(
    again.metadata.annotations!['kubernetes.io/config.mirror'],
    mirror.metadata.annotations!['kubernetes.io/config.mirror'],
  );

  unlinkSync(join(dir, 'manifests', 'web.yaml'));
  await eventually(
    () =>
      tc.client.get(R.pods, name, 'default').then(
        () => false,
        (e) => isNotFound(e),
      ),
    10_000,
    'mirror pod deleted with its manifest',
  );
});

test('sim nodes register side by side with distinct pod CIDRs', async () => {
  const sims = await startSimNodes(3, { client: tc.client, dataDir: dir });
  try {
    const nodes = await eventually(
      async () => {
        const list = await tc.client.list<Node>(R.nodes);
        const sim = list.items.filter((n) => n.metadata.name!.startsWith('sim-node-'));
        const ready = sim.filter(
          (n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
        );
        return ready.length === 3 ? sim : undefined;
      },
      15_000,
      'three Ready sim nodes',
    );
    const cidrs = new Set(nodes.map((n) => n.spec!.podCIDR));
    assert.equal(cidrs.size, 3);
    assert.deepEqual(nodes.map((n) => n.metadata.name).sort(), ['sim-node-1', 'sim-node-2', 'sim-node-3']);
  } finally {
    await sims.stop();
  }
});
