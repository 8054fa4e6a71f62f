import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Node } from '../api/core/nodes/types.js';
import type { Pod } from '../api/core/pods/types.js';
import { R } from '../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../client/testing/test-cluster.js';
import { realClock } from '../util/clock.js';
import { startScheduler } from './scheduler.js';

let tc: TestCluster;
const ac = new AbortController();
let done: Promise<void>;

function node(name: string, extra: Partial<Node> = {}, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: extra.spec ?? {},
    status: {
      capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }], ...spec },
  };
}

async function createNode(n: Node): Promise<void> {
  await tc.client.create(R.nodes, n);
  // status is ignored on create: write it through the status subresource.
  await tc.client.patch(R.nodes, n.metadata.name!, { status: n.status }, 'merge', { subresource: 'status' });
}

before(async () => {
  tc = await startTestCluster();
  await createNode(
    node('n1', {
      spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    }),
  );
  await createNode(node('n2'));
  await createNode(node('n3'));
  // The test cluster's server already runs startScheduler (default-scheduler); a second instance
  // serves only pods asking for `second-scheduler`.
  done = startScheduler(
    { client: tc.client, clock: realClock, schedulerName: 'second-scheduler' },
    ac.signal,
  ).done;
});

after(async () => {
  ac.abort();
  await done;
  await tc.close();
});

test('a pending pod is bound to a feasible node, with a Scheduled event', async () => {
  await tc.client.create(R.pods, pod('web'));
  const bound = await eventually(
    async () => {
      const p = await tc.client.get<Pod & { metadata: { name: string } }>(R.pods, 'web', 'default');
      return p.spec.nodeName;
    },
    10_000,
    'binding',
  );
  assert.ok(bound === 'n2' || bound === 'n3', `bound to ${bound}`);
  const ev = await eventually(
    async () => {
      const list = await tc.client.list(R.events, { namespace: 'default' });
      return (list.items as any[]).find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'web');
    },
    5000,
    'Scheduled event',
  );
  assert.equal(ev.message, `Successfully assigned default/web to ${bound}`);
  assert.equal(ev.source.component, 'default-scheduler');
});

test('an unschedulable pod gets the condition and event, then binds after a node label change', async () => {
  await tc.client.create(R.pods, pod('picky', { nodeSelector: { disk: 'ssd' } }));
  const want =
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
    'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..';
  const cond = await eventually(
    async () => {
      const p = await tc.client.get<Pod & { metadata: { name: string } }>(R.pods, 'picky', 'default');
      return p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    },
    10_000,
    'PodScheduled=False',
  );
  assert.equal(cond.reason, 'Unschedulable');
  assert.equal(cond.message, want);
  const ev = await eventually(
    async () => {
      const list = await tc.client.list(R.events, { namespace: 'default' });
      return (list.items as any[]).find(
        (e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'picky',
      );
    },
    5000,
    'FailedScheduling event',
  );
  assert.equal(ev.type, 'Warning');
  assert.equal(ev.message, want);
  assert.equal(ev.reportingComponent, 'default-scheduler');

  await tc.client.patch(R.nodes, 'n3', { metadata: { labels: { disk: 'ssd' } } }, 'merge');
  const bound = await eventually(
    async () => {
      const p = await tc.client.get<Pod & { metadata: { name: string } }>(R.pods, 'picky', 'default');
      return p.spec.nodeName;
    },
    15_000,
    'binding after label',
  );
  assert.equal(bound, 'n3');
});

test('a second instance schedules only pods naming it', async () => {
  await tc.client.create(R.pods, pod('mine', { schedulerName: 'second-scheduler' }));
  const ev = await eventually(
    async () => {
      const list = await tc.client.list(R.events, { namespace: 'default' });
      return (list.items as any[]).find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'mine');
    },
    10_000,
    'Scheduled event',
  );
  assert.equal(ev.source.component, 'second-scheduler');
});

test('pods with another schedulerName or scheduling gates are left alone', async () => {
  await tc.client.create(R.pods, pod('other', { schedulerName: 'my-scheduler' }));
  await tc.client.create(R.pods, pod('gated', { schedulingGates: [{ name: 'example.com/wait' }] }));
  const cond = await eventually(
    async () => {
      const p = await tc.client.get<Pod & { metadata: { name: string } }>(R.pods, 'gated', 'default');
      return p.status?.conditions?.find((c) => c.type === 'PodScheduled');
    },
    10_000,
    'SchedulingGated condition',
  );
  assert.equal(cond.reason, 'SchedulingGated');
  const other = await tc.client.get<Pod & { metadata: { name: string } }>(R.pods, 'other', 'default');
  assert.equal(other.spec.nodeName, undefined);
});
