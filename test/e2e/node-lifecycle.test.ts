/**
 * Issue 3 through the real kubectl: a node agent on the sim runtime, the scheduler and the pod
 * lifecycle engine (Running with events, unschedulable then schedulable, graceful delete,
 * static pods with mirror pods, CrashLoopBackOff and Completed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { eventsOf, eventually, parseTable, useCluster } from './harness.js';

const NODE = 'e2e-node';
const cluster = useCluster(undefined, { command: ['up', '--runtime', 'sim', '--node-name', NODE] });
void hostname;

async function podRow(name: string): Promise<Record<string, string> | undefined> {
  const r = await cluster().kubectl(['get', 'pod', name, '--no-headers=false'], { allowFail: true });
  return r.code === 0 ? parseTable(r.stdout).rows[0] : undefined;
}

test('the node registers Ready with a lease and capacity', async () => {
  const k = cluster();
  await eventually(async () => {
    const rows = parseTable((await k.kubectl(['get', 'nodes'])).stdout).rows;
    const row = rows.find((r) => r.NAME === NODE);
    assert.equal(row?.STATUS, 'Ready');
    assert.equal(row?.VERSION, 'v1.32.0');
  });
  const lease = JSON.parse(
    (await k.kubectl(['get', 'lease', NODE, '-n', 'kube-node-lease', '-o', 'json'])).stdout,
  );
  assert.equal(lease.spec.holderIdentity, NODE);
  const node = JSON.parse((await k.kubectl(['get', 'node', NODE, '-o', 'json'])).stdout);
  assert.equal(node.status.capacity.pods, '110');
  assert.match(node.spec.podCIDR, /^10\.42\.\d+\.0\/24$/);
  assert.match(node.status.nodeInfo.containerRuntimeVersion, /^sim:\/\//);
  // The node lifecycle controller reports the node it started to follow.
  await eventually(async () =>
    assert.match(
      (await k.kubectl(['describe', 'node', NODE])).stdout,
      new RegExp(
        `Normal\\s+RegisteredNode\\s+\\S+\\s+node-controller\\s+Node ${NODE} event: Registered Node ${NODE} in Controller`,
      ),
    ),
  );
});

test('a pod is scheduled and runs 1/1 with the upstream events', async () => {
  const k = cluster();
  await k.kubectl(['run', 'web', '--image=nginx:1.27']);
  await eventually(async () => {
    const row = await podRow('web');
    assert.equal(row?.READY, '1/1');
    assert.equal(row?.STATUS, 'Running');
  });
  const wide = parseTable((await k.kubectl(['get', 'pod', 'web', '-o', 'wide'])).stdout).rows[0];
  assert.equal(wide.NODE, NODE);
  assert.match(wide.IP, /^10\.42\.\d+\.\d+$/);
  // The status names the image as the runtime resolved it, the spec as it was written.
  const images = (
    await k.kubectl([
      'get',
      'pod',
      'web',
      '-o',
      'jsonpath={.spec.containers[0].image} {.status.containerStatuses[0].image}',
    ])
  ).stdout;
  assert.equal(images, 'nginx:1.27 docker.io/library/nginx:1.27');
  const events = (await k.kubectl(['describe', 'pod', 'web'])).stdout;
  assert.match(
    events,
    new RegExp(`Normal +Scheduled +\\S+ +default-scheduler +Successfully assigned default/web to ${NODE}`),
  );
  assert.match(events, /Normal +Pulling +\S+ +kubelet +Pulling image "nginx:1\.27"/);
  assert.match(events, /Normal +Pulled +\S+ +kubelet +Successfully pulled image "nginx:1\.27" in/);
  assert.match(events, /Normal +Created +\S+ +kubelet +Created container: web/);
  assert.match(events, /Normal +Started +\S+ +kubelet +Started container web/);
  // The container wrote nothing, so its log is empty; port forwarding needs a streaming endpoint
  // the node agent does not serve yet: the answer says so (not a NotFound, not a dropped connection).
  const logs = await k.kubectl(['logs', 'web']);
  assert.equal(logs.stdout, '');
  const forward = await k.kubectl(['port-forward', 'pod/web', '0:80'], {
    allowFail: true,
    timeoutMs: 20_000,
  });
  assert.equal(forward.code, 1);
  assert.match(forward.stderr, /kubeling's node agent does not serve port forwarding yet \(pod "web"\)/);
});

test('an unschedulable pod stays Pending, then runs after kubectl label node', async () => {
  const k = cluster();
  const file = k.file(
    'picky.yaml',
    `apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disktype: ssd}
  containers: [{name: c, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  await eventually(async () => {
    const out = (await k.kubectl(['describe', 'pod', 'picky'])).stdout;
    assert.match(
      out,
      /Warning +FailedScheduling +.* +default-scheduler +0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector\./,
    );
  });
  assert.equal((await podRow('picky'))?.STATUS, 'Pending');
  const pod = JSON.parse((await k.kubectl(['get', 'pod', 'picky', '-o', 'json'])).stdout);
  const cond = pod.status.conditions.find((c: any) => c.type === 'PodScheduled');
  assert.equal(cond.status, 'False');
  assert.equal(cond.reason, 'Unschedulable');
  await k.kubectl(['label', 'node', NODE, 'disktype=ssd']);
  await eventually(async () => assert.equal((await podRow('picky'))?.STATUS, 'Running'), {
    timeoutMs: 20_000,
  });
});

test('graceful delete shows Terminating until the container has stopped', async () => {
  const k = cluster();
  const file = k.file(
    'slow.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: slow
  annotations: {sim.kubeling.io/c.term-delay: 3s}
spec:
  terminationGracePeriodSeconds: 30
  containers: [{name: c, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  await eventually(async () => assert.equal((await podRow('slow'))?.STATUS, 'Running'));
  const del = k.kubectlBackground(['delete', 'pod', 'slow']);
  await eventually(async () => assert.equal((await podRow('slow'))?.STATUS, 'Terminating'));
  const started = Date.now();
  await eventually(async () => assert.equal(await podRow('slow'), undefined), { timeoutMs: 20_000 });
  assert.ok(Date.now() - started >= 1000, 'the pod waited for its container to stop');
  await del.kill();
  const events = await eventsOf(k, 'slow');
  assert.match(events, /Killing +pod\/slow +Stopping container c/);
});

test('a failing container goes to CrashLoopBackOff and a finished one shows Completed', async () => {
  const k = cluster();
  const file = k.file(
    'states.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: crasher
  annotations: {sim.kubeling.io/app.exit: "1@1s"}
spec:
  containers: [{name: app, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata:
  name: done
  annotations: {sim.kubeling.io/app.exit: "0@1s"}
spec:
  restartPolicy: Never
  containers: [{name: app, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  await eventually(
    async () => {
      const row = await podRow('crasher');
      assert.equal(row?.STATUS, 'CrashLoopBackOff');
      assert.match(row!.RESTARTS, /^[1-9]\d* \(\d+s ago\)$/);
    },
    { timeoutMs: 30_000 },
  );
  await eventually(async () => {
    const row = await podRow('done');
    assert.equal(row?.STATUS, 'Completed');
    assert.equal(row?.READY, '0/1');
  });
  const events = (await k.kubectl(['describe', 'pod', 'crasher'])).stdout;
  assert.match(
    events,
    /Warning +BackOff +.* +kubelet +Back-off restarting failed container app in pod crasher_default\(/,
  );
});

test('a static pod runs with a mirror pod that comes back after deletion', async () => {
  const k = cluster();
  const dir = join(k.dataDir, 'manifests');
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'static-web.yaml');
  writeFileSync(
    manifest,
    `apiVersion: v1
kind: Pod
metadata: {name: static-web, namespace: default}
spec:
  containers: [{name: web, image: nginx:1.27}]
`,
  );
  const mirror = `static-web-${NODE}`;
  await eventually(async () => assert.equal((await podRow(mirror))?.STATUS, 'Running'), {
    timeoutMs: 30_000,
  });
  const pod = JSON.parse((await k.kubectl(['get', 'pod', mirror, '-o', 'json'])).stdout);
  assert.ok(pod.metadata.annotations['kubernetes.io/config.mirror'], 'mirror annotation');
  await k.kubectl(['delete', 'pod', mirror, '--wait=false']);
  await eventually(
    async () => {
      const again = JSON.parse((await k.kubectl(['get', 'pod', mirror, '-o', 'json'])).stdout);
      assert.notEqual(again.metadata.uid, pod.metadata.uid);
    },
    { timeoutMs: 30_000 },
  );
  rmSync(manifest);
  await eventually(async () => assert.equal(await podRow(mirror), undefined), { timeoutMs: 40_000 });
});
