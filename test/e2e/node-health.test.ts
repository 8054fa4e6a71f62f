/**
 * The node lifecycle controller through kubectl: a node whose lease is no longer renewed turns
 * NotReady (conditions Unknown) and gets the unreachable NoExecute taint, and its pods are evicted
 * when their toleration runs out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsOf, eventually, parseTable, useCluster } from './harness.js';

const cluster = useCluster();

test('a node whose lease expired turns NotReady, is tainted, and its pods are evicted', async () => {
  const k = cluster();
  const old = new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const oldMicro = new Date(Date.now() - 10 * 60_000).toISOString().replace(/Z$/, '000Z');
  const file = k.file(
    'gone.yaml',
    `apiVersion: v1
kind: Node
metadata:
  name: gone-node
  labels: {kubernetes.io/hostname: gone-node}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True", reason: KubeletReady, message: ok, lastHeartbeatTime: "${old}", lastTransitionTime: "${old}"}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: gone-node, namespace: kube-node-lease}
spec: {holderIdentity: gone-node, leaseDurationSeconds: 40, renewTime: "${oldMicro}"}
---
apiVersion: v1
kind: Pod
metadata: {name: stranded}
spec:
  nodeName: gone-node
  tolerations:
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
  containers: [{name: c, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  // As upstream, the controller times silence from when it first saw the node, not from the
  // stale timestamps: the node turns Unknown after the 40 s grace period.
  const applied = Date.now();
  await eventually(
    async () => {
      const row = parseTable((await k.kubectl(['get', 'node', 'gone-node'])).stdout).rows[0];
      assert.equal(row.STATUS, 'NotReady');
    },
    { timeoutMs: 90_000, intervalMs: 1000 },
  );
  assert.ok(Date.now() - applied >= 35_000, 'not before the grace period');
  const node = JSON.parse((await k.kubectl(['get', 'node', 'gone-node', '-o', 'json'])).stdout);
  const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
  assert.equal(ready.status, 'Unknown');
  assert.equal(ready.reason, 'NodeStatusUnknown');
  assert.equal(ready.message, 'Kubelet stopped posting node status.');
  assert.ok(
    node.spec.taints.some((t: any) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'),
    'unreachable NoExecute taint',
  );
  // The pod tolerates the taint for 2 s, then the taint eviction deletes it. Nothing runs it, so
  // the kubelet never confirms: the deletion shows as Terminating.
  await eventually(
    async () => {
      const pod = JSON.parse((await k.kubectl(['get', 'pod', 'stranded', '-o', 'json'])).stdout);
      assert.ok(pod.metadata.deletionTimestamp, 'the pod is being deleted');
    },
    { timeoutMs: 30_000 },
  );
  const events = await eventsOf(k, 'stranded');
  assert.match(events, /TaintManagerEviction +pod\/stranded +Marking for deletion Pod default\/stranded/);
});
