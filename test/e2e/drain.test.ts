/**
 * `kubectl drain` on sim nodes, as against a real cluster: the node is cordoned and its pods are
 * evicted through pods/eviction while their PodDisruptionBudget allows (the disruption
 * controller keeps ALLOWED DISRUPTIONS current), then refused with 429 and retried until the
 * timeout; `--disable-eviction` deletes instead, sending its DeleteOptions as protobuf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, parseTable, useCluster } from './harness.js';

const cluster = useCluster(
  async (k) => {
    const pods = ['web-1', 'web-2', 'web-3', 'solo'].map(
      (name) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: ${name === 'solo' ? 'solo' : 'web'}}}
spec:
  nodeName: ${name === 'solo' ? 'sim-node-2' : 'sim-node-1'}
  terminationGracePeriodSeconds: 1
  containers: [{name: app, image: busybox:1.36}]
`,
    );
    await k.kubectl(['apply', '-f', k.file('pods.yaml', pods.join(''))]);
    await k.kubectl(['create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=2']);
  },
  { command: ['up', '--runtime', 'sim', '--node-name', 'drainer', '--sim-nodes', '2'] },
);

test('drain evicts what the budget allows, then retries the refused evictions until its timeout', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/web-1', 'pod/web-2', 'pod/web-3', '--timeout=30s']);
  const pdb = await eventually(async () => {
    const t = parseTable((await k.kubectl(['get', 'pdb', 'web'])).stdout);
    assert.equal(t.rows[0]['ALLOWED DISRUPTIONS'], '1');
    return t;
  });
  assert.deepEqual(pdb.header, ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);

  const drain = await k.kubectl(['drain', 'sim-node-1', '--force', '--timeout=7s'], { allowFail: true });
  assert.equal(drain.code, 1);
  assert.match(drain.stdout, /^node\/sim-node-1 cordoned$/m);
  assert.match(drain.stdout, /^evicting pod default\/web-\d$/m);
  assert.equal(drain.stdout.match(/^pod\/web-\d evicted$/gm)?.length, 1, 'one eviction allowed');
  assert.match(
    drain.stderr,
    /^error when evicting pods\/"web-\d" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/m,
  );
  assert.match(
    drain.stderr,
    /error: unable to drain node "sim-node-1" due to error: .*global timeout reached: 7s/,
  );
  const node = parseTable((await k.kubectl(['get', 'node', 'sim-node-1'])).stdout).rows[0];
  assert.equal(node.STATUS, 'Ready,SchedulingDisabled');

  const described = (await k.kubectl(['describe', 'pdb', 'web'])).stdout;
  assert.match(described, /Allowed disruptions:\s+0/);
  assert.match(described, /Current:\s+2/);
  assert.match(described, /Desired:\s+2/);
});

test('drain --disable-eviction deletes the pods (DeleteOptions sent as protobuf)', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/solo', '--timeout=30s']);
  const drain = await k.kubectl(['drain', 'sim-node-2', '--force', '--disable-eviction', '--timeout=20s']);
  assert.match(drain.stdout, /^pod\/solo deleted$/m);
  assert.match(drain.stdout, /^node\/sim-node-2 drained$/m);
  const left = await k.kubectl(['get', 'pod', 'solo'], { allowFail: true });
  assert.match(left.stderr, /pods "solo" not found/);
  await k.kubectl(['uncordon', 'sim-node-2']);
  assert.equal(parseTable((await k.kubectl(['get', 'node', 'sim-node-2'])).stdout).rows[0].STATUS, 'Ready');
});
