/**
 * `kubectl logs` against pods on the sim runtime, whose containers write the lines their
 * `sim.kubeling.io/<container>.log` annotation gives when they start: the default and named
 * containers, --tail, --timestamps, --limit-bytes, --previous after a restart, -f until the
 * container exits, and upstream's refusals for a pod with no node and a container with no log yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, useCluster } from './harness.js';

const cluster = useCluster(
  async (k) => {
    const file = k.file(
      'talk.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: talk
  annotations:
    sim.kubeling.io/app.log: "hello\\nworld"
    sim.kubeling.io/side.log: "from the side"
spec:
  containers: [{name: app, image: busybox:1.36}, {name: side, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata:
  name: again
  annotations:
    sim.kubeling.io/app.log: "attempt"
    sim.kubeling.io/app.exit: "1@1s,forever"
spec:
  containers: [{name: app, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata: {name: nowhere}
spec:
  nodeSelector: {disk: none-such}
  containers: [{name: app, image: busybox:1.36}]
`,
    );
    await k.kubectl(['apply', '-f', file]);
  },
  { command: ['up', '--runtime', 'sim', '--node-name', 'logger'] },
);

test('kubectl logs shows a container log, by default the only or first container', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/talk', '--timeout=30s']);
  const first = await k.kubectl(['logs', 'talk']);
  assert.equal(first.stdout, 'hello\nworld\n');
  assert.match(first.stderr, /Defaulted container "app" out of: app, side/);
  assert.equal((await k.kubectl(['logs', 'talk', '-c', 'side'])).stdout, 'from the side\n');
  assert.equal((await k.kubectl(['logs', 'talk', '-c', 'app', '--tail=1'])).stdout, 'world\n');
  assert.equal((await k.kubectl(['logs', 'talk', '-c', 'app', '--limit-bytes=3'])).stdout, 'hel');
  assert.match(
    (await k.kubectl(['logs', 'talk', '-c', 'app', '--timestamps'])).stdout,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z hello\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z world\n$/,
  );
  assert.equal((await k.kubectl(['logs', 'talk', '-c', 'app', '--since=1h'])).stdout, 'hello\nworld\n');
});

test('kubectl logs --previous shows the attempt before a restart, and is refused before one', async () => {
  const k = cluster();
  const refused = await k.kubectl(['logs', 'talk', '-c', 'app', '--previous'], { allowFail: true });
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /Error from server \(BadRequest\): previous terminated container "app" in pod "talk" not found/,
  );
  await eventually(
    async () => {
      const pod = JSON.parse((await k.kubectl(['get', 'pod', 'again', '-o', 'json'])).stdout);
      assert.equal(pod.status.containerStatuses[0].restartCount, 1);
      assert.ok(pod.status.containerStatuses[0].state.running, 'running again after the back-off');
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  );
  assert.equal((await k.kubectl(['logs', 'again', '--previous'])).stdout, 'attempt\n');
  assert.equal((await k.kubectl(['logs', 'again'])).stdout, 'attempt\n');
});

test('kubectl logs -f follows the log until the container exits', async () => {
  const k = cluster();
  await k.kubectl([
    'apply',
    '-f',
    k.file(
      'short.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: short
  annotations:
    sim.kubeling.io/app.log: "working"
    sim.kubeling.io/app.exit: "0@3s"
spec:
  restartPolicy: Never
  containers: [{name: app, image: busybox:1.36}]
`,
    ),
  ]);
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/short', '--timeout=30s']);
  const t0 = Date.now();
  const followed = await k.kubectl(['logs', '-f', 'short']);
  assert.equal(followed.stdout, 'working\n');
  assert.ok(Date.now() - t0 >= 500, 'the follow waited for the container to exit');
  const pod = JSON.parse((await k.kubectl(['get', 'pod', 'short', '-o', 'json'])).stdout);
  assert.equal(pod.status.containerStatuses[0].state.terminated?.reason, 'Completed');
});

test('a pod with no node has an empty log; a container with no log yet is refused as upstream', async () => {
  const k = cluster();
  // No node yet: upstream answers 204 No Content, so kubectl prints nothing and succeeds.
  const noHost = await k.kubectl(['logs', 'nowhere']);
  assert.equal(noHost.code, 0);
  assert.equal(noHost.stdout, '');
  assert.equal(noHost.stderr, '');
  await k.kubectl([
    'apply',
    '-f',
    k.file(
      'slow.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: slow
  annotations: {sim.kubeling.io/app.start-delay: 1h}
spec:
  containers: [{name: app, image: busybox:1.36}]
`,
    ),
  ]);
  await eventually(
    async () => {
      const r = await k.kubectl(['logs', 'slow'], { allowFail: true });
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /Error from server \(BadRequest\): container "app" in pod "slow" is waiting to start: ContainerCreating/,
      );
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );
});
