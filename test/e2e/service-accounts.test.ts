/**
 * What a default cluster's ServiceAccount admission and root CA publisher show through kubectl:
 * `kube-root-ca.crt` in every namespace (restored when deleted), the projected `kube-api-access-*`
 * volume mounted into a new pod's containers, a pod naming a missing service account refused with
 * upstream's Forbidden text, and an account that opts out of automounting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { eventually, useCluster } from './harness.js';

const cluster = useCluster(async () => undefined, {
  command: ['up', '--runtime', 'sim', '--node-name', 'sa-node'],
});

const caOfKubeconfig = (path: string) => {
  const m = /certificate-authority-data: (\S+)/.exec(readFileSync(path, 'utf8'));
  assert.ok(m, 'the kubeconfig carries the CA');
  return Buffer.from(m[1], 'base64').toString('utf8');
};

test('every namespace holds kube-root-ca.crt with the cluster CA; a deleted one comes back', async () => {
  const k = cluster();
  const ca = caOfKubeconfig(k.kubeconfig);
  await k.kubectl(['create', 'namespace', 'team-ca']);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'team-ca']) {
    const got = await eventually(async () => {
      const r = await k.kubectl([
        'get',
        'configmap',
        'kube-root-ca.crt',
        '-n',
        ns,
        '-o',
        'jsonpath={.data.ca\\.crt}',
      ]);
      assert.ok(r.stdout.length > 0, `kube-root-ca.crt in ${ns} has its CA`);
      return r;
    });
    assert.equal(got.stdout, ca, `the CA in ${ns}`);
  }
  const description = (
    await k.kubectl([
      'get',
      'cm',
      'kube-root-ca.crt',
      '-o',
      'jsonpath={.metadata.annotations.kubernetes\\.io/description}',
    ])
  ).stdout;
  assert.match(description, /^Contains a CA bundle that can be used to verify the kube-apiserver /);
  const uid = (await k.kubectl(['get', 'cm', 'kube-root-ca.crt', '-o', 'jsonpath={.metadata.uid}'])).stdout;
  await k.kubectl(['delete', 'configmap', 'kube-root-ca.crt']);
  await eventually(async () => {
    const r = await k.kubectl(['get', 'cm', 'kube-root-ca.crt', '-o', 'jsonpath={.metadata.uid}'], {
      allowFail: true,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.length > 0 && r.stdout !== uid, 'a new kube-root-ca.crt');
  });
});

test('a new pod mounts the projected kube-api-access volume and still runs', async () => {
  const k = cluster();
  await k.kubectl(['run', 'web', '--image=nginx']);
  const spec = JSON.parse((await k.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.spec}'])).stdout);
  assert.equal(spec.serviceAccountName, 'default');
  assert.equal(spec.volumes.length, 1);
  const vol = spec.volumes[0];
  assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(
    vol.projected.sources.map((s: object) => Object.keys(s)[0]),
    ['serviceAccountToken', 'configMap', 'downwardAPI'],
  );
  assert.equal(vol.projected.defaultMode, 420);
  assert.deepEqual(spec.containers[0].volumeMounts, [
    { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true },
  ]);
  // As upstream, what admission added belongs to no manager: kubectl-run owns only what it sent.
  const managed = JSON.parse(
    (
      await k.kubectl([
        'get',
        'pod',
        'web',
        '--show-managed-fields',
        '-o',
        'jsonpath={.metadata.managedFields}',
      ])
    ).stdout,
  );
  const run = managed.find((m: { manager: string }) => m.manager === 'kubectl-run');
  assert.deepEqual(Object.keys(run.fieldsV1['f:spec']).sort(), [
    'f:containers',
    'f:dnsPolicy',
    'f:enableServiceLinks',
    'f:restartPolicy',
    'f:schedulerName',
    'f:securityContext',
    'f:terminationGracePeriodSeconds',
  ]);
  assert.equal(run.fieldsV1['f:spec']['f:containers']['k:{"name":"web"}']['f:volumeMounts'], undefined);
  await k.kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=30s']);
  // The container status lists its mounts, as a v1.32 kubelet (RecursiveReadOnlyMounts) shows them.
  const statusMounts = JSON.parse(
    (await k.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.status.containerStatuses[0].volumeMounts}']))
      .stdout,
  );
  assert.deepEqual(statusMounts, [
    {
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
      name: vol.name,
      readOnly: true,
      recursiveReadOnly: 'Disabled',
    },
  ]);
  const described = (await k.kubectl(['describe', 'pod', 'web'])).stdout;
  assert.match(
    described,
    new RegExp(`/var/run/secrets/kubernetes.io/serviceaccount from ${vol.name} \\(ro\\)`),
  );
  assert.match(described, /Type:\s+Projected \(a volume that contains injected data from multiple sources\)/);
  assert.match(described, /TokenExpirationSeconds:\s+3607/);
  assert.match(described, /ConfigMapName:\s+kube-root-ca\.crt/);
});

test('a pod naming a missing service account is refused; an account may opt out of the token', async () => {
  const k = cluster();
  const refused = await k.kubectl(
    ['run', 'robot-pod', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"robot"}}'],
    {
      allowFail: true,
    },
  );
  assert.equal(refused.code, 1);
  assert.equal(
    refused.stderr.trim(),
    'Error from server (Forbidden): pods "robot-pod" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
  );
  const file = k.file(
    'robot.yaml',
    `apiVersion: v1
kind: ServiceAccount
metadata: {name: robot}
automountServiceAccountToken: false
imagePullSecrets: [{name: regcred}]
---
apiVersion: v1
kind: Pod
metadata: {name: robot-pod}
spec:
  serviceAccountName: robot
  containers: [{name: app, image: busybox:1.36}]
`,
  );
  await k.kubectl(['apply', '-f', file]);
  const spec = JSON.parse((await k.kubectl(['get', 'pod', 'robot-pod', '-o', 'jsonpath={.spec}'])).stdout);
  assert.equal(spec.volumes, undefined);
  assert.equal(spec.containers[0].volumeMounts, undefined);
  assert.deepEqual(spec.imagePullSecrets, [{ name: 'regcred' }]);
});
