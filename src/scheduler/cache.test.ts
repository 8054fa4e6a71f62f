import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../api/core/nodes/types.js';
import type { Pod } from '../api/core/pods/types.js';
import { SchedulerCache } from './cache.js';

const node = (name: string): Node => ({
  metadata: { name },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
});
const pod = (name: string, cpu: string, nodeName?: string): Pod => ({
  metadata: { name, namespace: 'ns' },
  spec: {
    nodeName,
    containers: [
      { name: 'c', resources: { requests: { cpu } }, ports: [{ containerPort: 80, hostPort: 80 }] },
    ],
  },
});

test('assume, confirm and forget keep the requested resources and ports right', () => {
  const c = new SchedulerCache();
  c.upsertNode(node('a'));
  const p = pod('p', '1');
  c.assumePod(p, 'a');
  assert.equal(c.isAssumed(p), true);
  assert.equal(c.get('a')!.requested.milliCPU, 1000);
  assert.ok(c.get('a')!.usedPorts.get('0.0.0.0')!.has('TCP/80'));
  // The informer shows it bound: confirmed, still counted once.
  c.addOrUpdatePod(pod('p', '1', 'a'));
  assert.equal(c.isAssumed(p), false);
  assert.equal(c.get('a')!.requested.milliCPU, 1000);
  assert.equal(c.get('a')!.pods.size, 1);
  c.removePod(p);
  assert.equal(c.get('a')!.requested.milliCPU, 0);
  assert.equal(c.get('a')!.usedPorts.get('0.0.0.0')!.size, 0);
  const q = pod('q', '500m');
  c.assumePod(q, 'a');
  c.forgetPod(q);
  assert.equal(c.get('a')!.requested.milliCPU, 0);
});

test('pods on unknown nodes are kept until the node appears; nodes are listed by name', () => {
  const c = new SchedulerCache();
  c.addOrUpdatePod(pod('early', '2', 'late'));
  c.upsertNode(node('z'));
  c.upsertNode(node('late'));
  assert.deepEqual(
    c.nodeInfos().map((n) => n.name),
    ['late', 'z'],
  );
  assert.equal(c.get('late')!.requested.milliCPU, 2000);
});
