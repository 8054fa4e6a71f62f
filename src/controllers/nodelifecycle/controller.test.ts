import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { R } from '../../client/resources.js';
import { eventually, startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';
import type { Node } from '../../api/core/nodes/types.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { formatMicroTime, formatTime } from '../../machinery/meta.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { runNodeLifecycleController } from './controller.js';
import { SharedInformers } from '../../client/shared-informers.js';
import { runTaintEvictionController } from './eviction-controller.js';

// The two controllers on a FakeClock against a real API server. The server's own copies run on
// the real clock; the fake one starts at real "now" so they never act before ours do.
let tc: TestCluster;
const clock = new FakeClock(Date.now());
const stop = new AbortController();
let runs: Promise<unknown>;
const NODE = 'lc-node';

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function advance(ms: number) {
  for (let left = ms; left > 0; left -= 1000) {
    clock.advance(Math.min(1000, left));
    await realSleep(20);
  }
}

before(async () => {
  tc = await startTestCluster();
  const ts = formatTime(clock.now());
  await tc.client.create<Node>(R.nodes, {
    metadata: { name: NODE },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: ts,
          lastTransitionTime: ts,
        },
      ],
    },
  });
  await tc.client.create<Lease>(R.leases, {
    metadata: { name: NODE, namespace: 'kube-node-lease' },
    spec: { holderIdentity: NODE, leaseDurationSeconds: 40, renewTime: formatMicroTime(clock.now()) },
  });
  const pod = (name: string, tolerationSeconds?: number): Pod => ({
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: NODE,
      containers: [{ name: 'c', image: 'nginx' }],
      tolerations:
        tolerationSeconds === undefined
          ? undefined
          : [
              {
                key: 'node.kubernetes.io/unreachable',
                operator: 'Exists',
                effect: 'NoExecute',
                tolerationSeconds,
              },
            ],
    },
  });
  await tc.client.create(R.pods, pod('short', 5));
  await tc.client.create(R.pods, pod('default-tolerations'));
  const informers = new SharedInformers(tc.client, stop.signal, { clock });
  const ctx = { client: tc.client, clock, log: silentLogger, informers };
  runs = Promise.all([
    runNodeLifecycleController(ctx, stop.signal),
    runTaintEvictionController(ctx, stop.signal),
  ]);
  await realSleep(300);
});

after(async () => {
  stop.abort();
  await runs;
  await tc?.close();
});

test('silent node: Unknown after 40 s, unreachable taints, evictions by tolerationSeconds, recovery', async () => {
  await advance(35_000);
  let node = await tc.client.get<Node>(R.nodes, NODE);
  assert.equal(
    node.status!.conditions!.find((c) => c.type === 'Ready')!.status,
    'True',
    'still within grace',
  );

  await advance(7_000);
  node = await eventually(
    async () => {
      const n = await tc.client.get<Node>(R.nodes, NODE);
      return n.spec?.taints?.some(
        (t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute',
      )
        ? n
        : undefined;
    },
    5000,
    'unreachable taint',
  );
  const ready = node.status!.conditions!.find((c) => c.type === 'Ready')!;
  assert.deepEqual(
    [ready.status, ready.reason, ready.message],
    ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
  );
  assert.ok(
    node.spec!.taints!.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule'),
  );

  await advance(6_000);
  const evicted = await eventually(
    async () => {
      const p = await tc.client.get<Pod>(R.pods, 'short', 'default').catch(() => undefined);
      return !p || p.metadata.deletionTimestamp ? true : undefined;
    },
    5000,
    'pod with tolerationSeconds 5 evicted',
  );
  assert.ok(evicted);
  const events = await tc.client.list<any>(R.events, { namespace: 'default' });
  assert.ok(
    events.items.some(
      (e) => e.reason === 'TaintManagerEviction' && e.message === 'Marking for deletion Pod default/short',
    ),
  );
  const kept = await tc.client.get<Pod>(R.pods, 'default-tolerations', 'default');
  assert.equal(kept.metadata.deletionTimestamp, undefined, '300 s have not passed yet');

  // The kubelet comes back: a heartbeat with Ready=True removes the taints.
  const ts = formatTime(clock.now());
  const cur = await tc.client.get<Node>(R.nodes, NODE);
  await tc.client.updateStatus<Node>(R.nodes, {
    ...cur,
    status: {
      ...cur.status,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: ts,
          lastTransitionTime: ts,
        },
      ],
    },
  });
  await eventually(
    async () => {
      const n = await tc.client.get<Node>(R.nodes, NODE);
      return (n.spec?.taints ?? []).length === 0;
    },
    5000,
    'taints removed',
  );
});
