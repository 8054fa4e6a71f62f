/**
 * `kubectl debug` on a running sim pod: the ephemeral container is added through
 * pods/ephemeralcontainers, the kubelet starts it once (events with its
 * spec.ephemeralContainers{…} field path), `kubectl describe` lists it under Ephemeral Containers,
 * its log is served, and it leaves the pod's readiness alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, parseTable, useCluster } from './harness.js';

const cluster = useCluster(
  async (k) => {
    const file = k.file(
      'web.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: {sim.kubeling.io/dbg.log: "inside the debugger"}
spec:
  containers: [{name: app, image: nginx}]
`,
    );
    await k.kubectl(['apply', '-f', file]);
  },
  { command: ['up', '--runtime', 'sim', '--node-name', 'debugger'] },
);

test('kubectl debug adds an ephemeral container that the kubelet runs once', async () => {
  const k = cluster();
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=30s']);
  await k.kubectl(['debug', 'web', '--image=busybox:1.36', '--container=dbg', '--', 'sleep', '3600']);
  const status = await eventually(async () => {
    const s = JSON.parse(
      (await k.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.status.ephemeralContainerStatuses[0]}']))
        .stdout,
    );
    assert.ok(s.state.running, `dbg is running: ${JSON.stringify(s)}`);
    return s;
  });
  assert.equal(status.name, 'dbg');
  assert.equal(status.ready, false);
  assert.equal(status.started, undefined);
  assert.match(status.containerID, /^sim:\/\//);

  const described = (await k.kubectl(['describe', 'pod', 'web'])).stdout;
  assert.match(described, /Ephemeral Containers:\n {2}dbg:\n/);
  assert.match(described, /Ephemeral Containers:[\s\S]*State:\s+Running/);
  const events = JSON.parse(
    (
      await k.kubectl([
        'get',
        'events',
        '--field-selector',
        'involvedObject.name=web,reason=Started',
        '-o',
        'json',
      ])
    ).stdout,
  ).items.map((e: { involvedObject: { fieldPath: string }; message: string }) => [
    e.involvedObject.fieldPath,
    e.message,
  ]);
  assert.deepEqual(events.sort(), [
    ['spec.containers{app}', 'Started container app'],
    ['spec.ephemeralContainers{dbg}', 'Started container dbg'],
  ]);
  assert.equal((await k.kubectl(['logs', 'web', '-c', 'dbg'])).stdout, 'inside the debugger\n');
  const row = parseTable((await k.kubectl(['get', 'pod', 'web'])).stdout).rows[0];
  assert.equal(row.READY, '1/1');
  assert.equal(row.RESTARTS, '0');
});

test('an existing ephemeral container may not be changed; a pod whose account is gone takes none', async () => {
  const k = cluster();
  const file = k.file(
    'solo.yaml',
    `apiVersion: v1
kind: ServiceAccount
metadata: {name: temp}
---
apiVersion: v1
kind: Pod
metadata: {name: solo}
spec:
  serviceAccountName: temp
  containers: [{name: app, image: nginx}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/solo', '--timeout=30s']);
  await k.kubectl(['debug', 'solo', '--image=busybox:1.36', '--container=probe', '--', 'sleep', '3600']);
  const r = await k.kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/solo/ephemeralcontainers']);
  assert.equal(JSON.parse(r.stdout).kind, 'Pod');
  const patch = JSON.stringify({
    spec: { ephemeralContainers: [{ name: 'probe', image: 'alpine', command: ['sleep', '3600'] }] },
  });
  const refused = await k.kubectl(
    ['patch', 'pod', 'solo', '--subresource=ephemeralcontainers', '--type=strategic', '-p', patch],
    { allowFail: true },
  );
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /Pod "solo" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "probe" may not be changed/,
  );
  await k.kubectl(['delete', 'serviceaccount', 'temp']);
  const orphan = await k.kubectl(
    ['debug', 'solo', '--image=busybox:1.36', '--container=late', '--', 'true'],
    {
      allowFail: true,
    },
  );
  assert.equal(orphan.code, 1);
  assert.match(
    orphan.stderr,
    /pods "solo" is forbidden: error looking up service account default\/temp: serviceaccount "temp" not found/,
  );
});
