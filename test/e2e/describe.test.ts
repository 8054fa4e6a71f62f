/**
 * @module test/e2e/describe
 * `kubectl describe` of a pod, a service, a deployment and a namespace (no nodes exist yet).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useCluster } from './harness.js';

const NS = 'desc';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  const file = k.file(
    'objects.yaml',
    `apiVersion: v1
kind: Pod
metadata:
  name: shop
  namespace: ${NS}
  labels: {app: shop}
  annotations: {owner: team-a}
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 80, protocol: TCP}]
      env: [{name: MODE, value: fast}]
      resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: ${NS}}
spec:
  type: NodePort
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
});

/** Asserts a `Key:   value` line of describe output. */
function field(out: string, key: string, value: RegExp | string) {
  const line = out.split('\n').find((l) => l.startsWith(`${key}:`));
  assert.ok(line, `no "${key}:" line in\n${out}`);
  const v = line.slice(key.length + 1).trim();
  if (typeof value === 'string') assert.equal(v, value, line);
  else assert.match(v, value, line);
}

test('describe pod shows metadata, containers, QoS, tolerations and the FailedScheduling event', async () => {
  const { stdout, stderr } = await cluster().kubectl(['describe', 'pod', 'shop', '-n', NS]);
  assert.equal(stderr, '');
  field(stdout, 'Name', 'shop');
  field(stdout, 'Namespace', NS);
  field(stdout, 'Service Account', 'default');
  field(stdout, 'Node', '<none>');
  field(stdout, 'Labels', 'app=shop');
  field(stdout, 'Annotations', 'owner: team-a');
  field(stdout, 'Status', 'Pending');
  field(stdout, 'QoS Class', 'Guaranteed');
  assert.match(stdout, /^Containers:\n {2}web:\n/m);
  assert.match(stdout, /^ {4}Image: +nginx:1\.27$/m);
  assert.match(stdout, /^ {4}Port: +80\/TCP$/m);
  assert.match(stdout, /^ {6}MODE: +fast$/m);
  assert.match(stdout, /^ {6}memory: +64Mi$/m);
  assert.match(stdout, /^Tolerations: +node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s$/m);
  assert.match(stdout, /^ +node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s$/m);
  // The control plane runs without a node here, so the scheduler reports why the pod waits.
  assert.match(
    stdout,
    /^ {2}Warning {2}FailedScheduling {2}.* {2}default-scheduler {2}no nodes available to schedule pods$/m,
  );
});

test('describe service shows type, IP, ports with node port, and endpoints', async () => {
  const { stdout, stderr } = await cluster().kubectl(['describe', 'svc', 'shop', '-n', NS]);
  assert.equal(stderr, '');
  field(stdout, 'Name', 'shop');
  field(stdout, 'Selector', 'app=shop');
  field(stdout, 'Type', 'NodePort');
  field(stdout, 'IP Family Policy', 'SingleStack');
  field(stdout, 'IP Families', 'IPv4');
  field(stdout, 'IP', /^10\.43\.\d+\.\d+$/);
  field(stdout, 'Port', 'http  80/TCP');
  field(stdout, 'TargetPort', '8080/TCP');
  field(stdout, 'NodePort', /^http {2}(3[0-2]\d{3})\/TCP$/);
  field(stdout, 'Session Affinity', 'None');
  field(stdout, 'External Traffic Policy', 'Cluster');
  field(stdout, 'Events', '<none>');
});

test('describe deployment shows replicas, strategy and pod template', async () => {
  const { stdout, stderr } = await cluster().kubectl(['describe', 'deploy', 'api', '-n', NS]);
  assert.equal(stderr, '');
  field(stdout, 'Name', 'api');
  field(stdout, 'Selector', 'app=api');
  field(stdout, 'Replicas', /^2 desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable$/);
  field(stdout, 'StrategyType', 'RollingUpdate');
  field(stdout, 'MinReadySeconds', '0');
  field(stdout, 'RollingUpdateStrategy', '25% max unavailable, 25% max surge');
  assert.match(stdout, /^ {3}api:\n {4}Image: +busybox:1\.36$/m);
});

test('describe namespace shows status and no quota', async () => {
  const { stdout, stderr } = await cluster().kubectl(['describe', 'namespace', NS]);
  assert.equal(stderr, '');
  field(stdout, 'Name', NS);
  field(stdout, 'Labels', `kubernetes.io/metadata.name=${NS}`);
  field(stdout, 'Status', 'Active');
  assert.match(stdout, /^No resource quota\.$/m);
  assert.match(stdout, /^No LimitRange resource\.$/m);
});

test('describe of a missing pod fails with NotFound', async () => {
  const r = await cluster().kubectl(['describe', 'pod', 'ghost', '-n', NS], { allowFail: true });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (NotFound): pods "ghost" not found\n');
});
