/**
 * Scheduler preemption through kubectl: a pod that fits nowhere evicts a lower-priority pod from a
 * node (DisruptionTarget condition, graceful delete, Preempted event naming the preemptor), is
 * nominated to that node, and runs there once the victim is gone. (preemptionPolicy Never comes
 * only from a PriorityClass, which kubeling does not serve yet: the unit tests cover it.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, useCluster } from './harness.js';

const NODE = 'solo';
const cluster = useCluster(undefined, { command: ['up', '--runtime', 'sim', '--node-name', NODE] });

test('a higher-priority pod preempts a lower-priority one and runs in its place', async () => {
  const k = cluster();
  await eventually(
    async () => {
      const n = JSON.parse((await k.kubectl(['get', 'node', NODE, '-o', 'json'])).stdout);
      assert.ok(n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'));
      return n;
    },
    { timeoutMs: 20_000 },
  );
  const node = JSON.parse((await k.kubectl(['get', 'node', NODE, '-o', 'json'])).stdout);
  // Each pod asks for more than half of the node's CPU, so only one fits at a time.
  const milli = Math.floor((Number(node.status.allocatable.cpu) * 1000 * 3) / 4);
  const podYaml = (name: string, extra: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 1
${extra}  containers:
  - name: app
    image: busybox:1.36
    resources: {requests: {cpu: ${milli}m}}
`;
  await k.kubectl(['apply', '-f', k.file('low.yaml', podYaml('low', ''))]);
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/low', '--timeout=30s']);
  await k.kubectl([
    'apply',
    '-f',
    k.file('high.yaml', podYaml('high', '  priorityClassName: system-cluster-critical\n')),
  ]);
  const high = JSON.parse((await k.kubectl(['get', 'pod', 'high', '-o', 'json'])).stdout);

  await eventually(
    async () => {
      const events = (
        await k.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=low,reason=Preempted'])
      ).stdout;
      assert.match(events, new RegExp(`Preempted by pod ${high.metadata.uid} on node ${NODE}`));
    },
    { timeoutMs: 20_000 },
  );
  await eventually(
    async () => {
      const p = JSON.parse((await k.kubectl(['get', 'pod', 'high', '-o', 'json'])).stdout);
      assert.equal(p.spec.nodeName, NODE);
      assert.ok(p.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'));
      assert.equal(p.status.nominatedNodeName, NODE, 'nominated while the victim terminated');
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  const gone = await k.kubectl(['get', 'pod', 'low'], { allowFail: true });
  assert.match(gone.stderr, /pods "low" not found/);
  const failed = (
    await k.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=high,reason=FailedScheduling'])
  ).stdout;
  assert.match(failed, /0\/1 nodes are available: 1 Insufficient cpu\./);
});
