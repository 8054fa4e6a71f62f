/**
 * @module test/e2e/apply
 * `kubectl apply -f` of a multi-document file: created, unchanged on re-apply, configured after a change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useCluster } from './harness.js';

const cluster = useCluster();

const manifest = (value: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: apply-e2e
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: apply-e2e
data:
  mode: ${value}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: apply-e2e
  labels:
    app: web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: apply-e2e
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: busybox:1.36
`;

test('apply creates, leaves unchanged, then configures a multi-document file', async () => {
  const k = cluster();
  const file = k.file('apply.yaml', manifest('fast'));

  const first = await k.kubectl(['apply', '-f', file]);
  assert.equal(
    first.stdout,
    [
      'namespace/apply-e2e created',
      'configmap/settings created',
      'pod/web created',
      'deployment.apps/api created',
      '',
    ].join('\n'),
  );
  assert.equal(first.stderr, '');

  const again = await k.kubectl(['apply', '-f', file]);
  assert.equal(
    again.stdout,
    [
      'namespace/apply-e2e unchanged',
      'configmap/settings unchanged',
      'pod/web unchanged',
      'deployment.apps/api unchanged',
      '',
    ].join('\n'),
  );

  k.file('apply.yaml', manifest('slow'));
  const changed = await k.kubectl(['apply', '-f', file]);
  assert.equal(
    changed.stdout,
    [
      'namespace/apply-e2e unchanged',
      'configmap/settings configured',
      'pod/web unchanged',
      'deployment.apps/api unchanged',
      '',
    ].join('\n'),
  );
  const mode = await k.kubectl(['get', 'cm', 'settings', '-n', 'apply-e2e', '-o', 'jsonpath={.data.mode}']);
  assert.equal(mode.stdout, 'slow');

  // The last-applied annotation records what was applied.
  const ann = await k.kubectl([
    'get',
    'cm',
    'settings',
    '-n',
    'apply-e2e',
    '-o',
    'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}',
  ]);
  assert.equal(JSON.parse(ann.stdout).data.mode, 'slow');
});

test('kubectl diff shows the pending change and exits 1, and exits 0 when nothing differs', async () => {
  const k = cluster();
  const file = k.file('diff.yaml', manifest('slow'));
  await k.kubectl(['apply', '-f', file]);
  const same = await k.kubectl(['diff', '-f', file], { allowFail: true });
  assert.equal(same.code, 0, same.stderr);
  assert.equal(same.stdout, '');

  k.file('diff.yaml', manifest('turbo'));
  const diff = await k.kubectl(['diff', '-f', file], { allowFail: true });
  assert.equal(diff.code, 1, diff.stderr);
  assert.match(diff.stdout, /^-\s+mode: slow$/m);
  assert.match(diff.stdout, /^\+\s+mode: turbo$/m);
});
