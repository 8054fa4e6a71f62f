/**
 * Node pressure conditions through kubectl: with a hard eviction threshold the machine meets
 * (memory.available below 1Ei), the node reports MemoryPressure=True with upstream's reason and
 * message, the node lifecycle controller taints it, and a new pod stays Pending on that taint.
 * Disk and PID stay False: no threshold for them is set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsOf, eventually, useCluster } from './harness.js';

const NODE = 'pressed';
const cluster = useCluster(undefined, {
  command: ['up', '--runtime', 'sim', '--node-name', NODE, '--eviction-hard', 'memory.available<1Ei'],
});

test('a node past its memory threshold reports MemoryPressure, is tainted, and takes no new pods', async () => {
  const k = cluster();
  const node = await eventually(
    async () => {
      const n = JSON.parse((await k.kubectl(['get', 'node', NODE, '-o', 'json'])).stdout);
      assert.ok(
        (n.spec.taints ?? []).some(
          (t: any) => t.key === 'node.kubernetes.io/memory-pressure' && t.effect === 'NoSchedule',
        ),
        'memory-pressure NoSchedule taint',
      );
      return n;
    },
    { timeoutMs: 30_000 },
  );
  const cond = (type: string) => node.status.conditions.find((c: any) => c.type === type);
  assert.equal(cond('MemoryPressure').status, 'True');
  assert.equal(cond('MemoryPressure').reason, 'KubeletHasInsufficientMemory');
  assert.equal(cond('MemoryPressure').message, 'kubelet has insufficient memory available');
  assert.equal(cond('DiskPressure').status, 'False');
  assert.equal(cond('DiskPressure').reason, 'KubeletHasNoDiskPressure');
  assert.equal(cond('PIDPressure').status, 'False');
  assert.equal(cond('Ready').status, 'True');

  const described = (await k.kubectl(['describe', 'node', NODE])).stdout;
  assert.match(
    described,
    /MemoryPressure +True .+KubeletHasInsufficientMemory +kubelet has insufficient memory available/,
  );
  assert.match(described, /Taints: +node\.kubernetes\.io\/memory-pressure:NoSchedule/);
  assert.match(
    described,
    /NodeHasInsufficientMemory +\S+ +kubelet +Node pressed status is now: NodeHasInsufficientMemory/,
  );

  await k.kubectl(['run', 'waits', '--image', 'busybox:1.36']);
  await eventually(
    async () => {
      const events = await eventsOf(k, 'waits', 'FailedScheduling');
      assert.match(
        events,
        /0\/1 nodes are available: 1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/memory-pressure: \}/,
      );
    },
    { timeoutMs: 20_000 },
  );
  const pod = JSON.parse((await k.kubectl(['get', 'pod', 'waits', '-o', 'json'])).stdout);
  assert.equal(pod.status.phase, 'Pending');
  assert.equal(pod.spec.nodeName, undefined);
});
