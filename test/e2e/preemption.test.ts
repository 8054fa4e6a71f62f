/**
 * Scheduler preemption through kubectl: a pod that fits nowhere evicts a lower-priority pod from a
 * node (DisruptionTarget condition, graceful delete, Preempted event naming the preemptor), is
 * nominated to that node, and runs there once the victim is gone. PriorityClasses through kubectl:
 * the built-in ones, user classes giving pods their priority and preemption policy, and upstream's
 * refusals; a pod of a class that never preempts stays Pending and says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsOf, eventually, useCluster } from './harness.js';

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
      const events = await eventsOf(k, 'low', 'Preempted');
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
  const failed = await eventsOf(k, 'high', 'FailedScheduling');
  assert.match(failed, /0\/1 nodes are available: 1 Insufficient cpu\./);
});

test('priority classes: built-in and user ones, their admission, and a class that never preempts', async () => {
  const k = cluster();
  const table = (await k.kubectl(['get', 'priorityclasses'])).stdout;
  assert.match(table, /^NAME +VALUE +GLOBAL-DEFAULT +AGE +PREEMPTIONPOLICY$/m);
  assert.match(table, /^system-cluster-critical +2000000000 +false +\S+ +PreemptLowerPriority$/m);
  assert.match(table, /^system-node-critical +2000001000 +false +\S+ +PreemptLowerPriority$/m);
  await k.kubectl(['create', 'priorityclass', 'polite', '--value=1000', '--preemption-policy=Never']);
  await k.kubectl(['create', 'priorityclass', 'usual', '--value=10', '--global-default']);
  const second = await k.kubectl(['create', 'priorityclass', 'other', '--value=11', '--global-default'], {
    allowFail: true,
  });
  assert.equal(second.code, 1);
  assert.match(
    second.stderr,
    /PriorityClass usual is already marked as default\. Only one default can exist/,
  );
  // An update may not make a second default either, and the built-in classes may not be deleted.
  await k.kubectl(['create', 'priorityclass', 'other', '--value=11']);
  const promoted = await k.kubectl(['patch', 'pc', 'other', '-p', '{"globalDefault":true}'], {
    allowFail: true,
  });
  assert.equal(promoted.code, 1);
  assert.match(
    promoted.stderr,
    /PriorityClass usual is already marked as default\. Only one default can exist/,
  );
  const builtin = await k.kubectl(['delete', 'pc', 'system-node-critical'], { allowFail: true });
  assert.equal(builtin.code, 1);
  assert.equal(
    builtin.stderr.trim(),
    'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
  );
  const big = await k.kubectl(['create', 'pc', 'huge', '--value=2000000000'], { allowFail: true });
  assert.match(
    big.stderr,
    /value: Forbidden: maximum allowed value of a user defined priority is 1000000000/,
  );
  const missing = await k.kubectl(
    ['run', 'lost', '--image=busybox:1.36', '--overrides={"spec":{"priorityClassName":"nope"}}'],
    { allowFail: true },
  );
  assert.match(missing.stderr, /pods "lost" is forbidden: no PriorityClass with name nope was found/);

  // Each asks for more CPU than any node has: nothing fits, and the polite one may not preempt.
  const run = (name: string, spec: Record<string, unknown>) =>
    k.kubectl([
      'run',
      name,
      '--image=busybox:1.36',
      `--overrides=${JSON.stringify({
        spec: {
          ...spec,
          containers: [{ name, image: 'busybox:1.36', resources: { requests: { cpu: '64' } } }],
        },
      })}`,
    ]);
  await run('plain', {});
  await run('polite', { priorityClassName: 'polite' });
  const spec = (name: string) =>
    k.kubectl([
      'get',
      'pod',
      name,
      '-o',
      'jsonpath={.spec.priorityClassName}/{.spec.priority}/{.spec.preemptionPolicy}',
    ]);
  assert.equal((await spec('plain')).stdout, 'usual/10/PreemptLowerPriority', 'the global default class');
  assert.equal((await spec('polite')).stdout, 'polite/1000/Never');
  await eventually(
    async () => {
      const events = await eventsOf(k, 'polite', 'FailedScheduling');
      assert.match(events, /preemption: not eligible due to preemptionPolicy=Never\./);
    },
    { timeoutMs: 20_000 },
  );
});
