/**
 * `kubectl exec` and `kubectl attach` into sim containers over the WebSocket stream protocol: the
 * command's exit code (scripted with `sim.kubeling.io/<container>.exec`) comes back as kubectl's
 * own exit code, attach follows the container until it stops, `kubectl run -i --rm` runs a pod to
 * its end, and the refusals read as upstream's: an unknown container (from the API server) and a
 * container that is not running (from the kubelet, "unable to upgrade connection: …").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, useCluster } from './harness.js';

const cluster = useCluster(
  async (k) => {
    const file = k.file(
      'pods.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: grumpy, annotations: {sim.kubeling.io/app.exec: "3"}}
spec:
  containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: brief, annotations: {sim.kubeling.io/app.exit: "0@4s"}}
spec:
  restartPolicy: Never
  containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: crashy, annotations: {sim.kubeling.io/app.exit: "1@200ms"}}
spec:
  containers: [{name: app, image: nginx}]
`,
    );
    await k.kubectl(['apply', '-f', file]);
  },
  { command: ['up', '--runtime', 'sim', '--node-name', 'execer'] },
);

test('exec runs in the container and passes its exit code on', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/web', 'pod/grumpy', '--timeout=30s']);
  const ok = await k.kubectl(['exec', 'web', '--', 'true']);
  assert.equal(ok.code, 0);
  assert.equal(ok.stderr, '');
  const failed = await k.kubectl(['exec', 'grumpy', '-c', 'app', '--', 'false'], { allowFail: true });
  assert.equal(failed.code, 3);
  assert.equal(failed.stderr.trim(), 'command terminated with exit code 3');
  const stdin = await k.kubectl(['exec', '-i', 'web', '--', 'cat'], { stdin: 'ignored by the sim\n' });
  assert.equal(stdin.code, 0);
});

test('exec refusals: an unknown container, and a container that is not running', async () => {
  const k = cluster();
  const unknown = await k.kubectl(['exec', 'web', '-c', 'nope', '--', 'ls'], { allowFail: true });
  assert.equal(unknown.code, 1);
  assert.equal(
    unknown.stderr.trim(),
    'Error from server (BadRequest): container nope is not valid for pod web',
  );
  await eventually(async () => {
    const r = await k.kubectl([
      'get',
      'pod',
      'crashy',
      '-o',
      'jsonpath={.status.containerStatuses[0].state.waiting.reason}',
    ]);
    assert.equal(r.stdout, 'CrashLoopBackOff');
  });
  const down = await k.kubectl(['exec', 'crashy', '--', 'ls'], { allowFail: true });
  assert.equal(down.code, 1);
  assert.equal(down.stderr.trim(), 'error: unable to upgrade connection: container not found ("app")');
  const detached = await k.kubectl(['attach', 'crashy'], { allowFail: true });
  assert.equal(detached.code, 1);
  assert.match(
    detached.stderr,
    /error: unable to upgrade connection: container app not found in pod crashy_default/,
  );
});

test('attach follows the container until it stops; run -i --rm runs a pod to its end', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/brief', '--timeout=30s']);
  const started = Date.now();
  const attach = await k.kubectl(['attach', 'brief'], { timeoutMs: 30_000 });
  assert.equal(attach.code, 0);
  assert.ok(Date.now() - started >= 1000, 'attach returned only once the container stopped');
  assert.equal(
    (await k.kubectl(['get', 'pod', 'brief', '-o', 'jsonpath={.status.phase}'])).stdout,
    'Succeeded',
  );
  const run = await k.kubectl(
    [
      'run',
      '-i',
      '--rm',
      'once',
      '--image=busybox',
      '--restart=Never',
      '--annotations=sim.kubeling.io/once.exit=0@1s',
      '--',
      'true',
    ],
    { stdin: '', timeoutMs: 30_000 },
  );
  assert.equal(run.code, 0);
  assert.match(run.stdout, /pod "once" deleted/);
});
