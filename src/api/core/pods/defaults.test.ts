import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyPodCreateAdmission,
  computeQosClass,
  preservePodAdmissionFieldsOnUpdate,
  setPodDefaults,
} from './defaults.js';
import { defaultPullPolicy, parseImageReference, setPodSpecDefaults } from './pod-spec-defaults.js';
import type { Pod, PodSpec } from './types.js';

const pod = (spec: Partial<PodSpec> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

test('pull policy follows the image tag: latest or none -> Always, else IfNotPresent', () => {
  assert.equal(defaultPullPolicy('nginx'), 'Always');
  assert.equal(defaultPullPolicy('nginx:latest'), 'Always');
  assert.equal(defaultPullPolicy('nginx:1.27'), 'IfNotPresent');
  assert.equal(defaultPullPolicy('registry.local:5000/team/app'), 'Always');
  assert.equal(defaultPullPolicy('registry.local:5000/team/app:v2'), 'IfNotPresent');
  assert.equal(defaultPullPolicy(`busybox@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
  assert.equal(defaultPullPolicy(`busybox:latest@sha256:${'a'.repeat(64)}`), 'Always');
  assert.equal(defaultPullPolicy('Nginx'), 'IfNotPresent', 'unparsable names get IfNotPresent');
  assert.equal(defaultPullPolicy(''), 'IfNotPresent');
  assert.deepEqual(parseImageReference('docker.io/library/nginx:1.2'), {
    name: 'docker.io/library/nginx',
    tag: '1.2',
    digest: '',
  });
});

test('pod spec defaults: policies, grace period, scheduler, container fields', () => {
  const p = pod({ containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 80 }] }] });
  setPodDefaults(p);
  const s = p.spec;
  assert.equal(s.dnsPolicy, 'ClusterFirst');
  assert.equal(s.restartPolicy, 'Always');
  assert.equal(s.terminationGracePeriodSeconds, 30);
  assert.equal(s.schedulerName, 'default-scheduler');
  assert.equal(s.enableServiceLinks, true);
  assert.deepEqual(s.securityContext, {});
  const c = s.containers[0];
  assert.equal(c.imagePullPolicy, 'IfNotPresent');
  assert.equal(c.terminationMessagePath, '/dev/termination-log');
  assert.equal(c.terminationMessagePolicy, 'File');
  assert.deepEqual(c.resources, {});
  assert.equal(c.ports![0].protocol, 'TCP');
});

test('template defaults do not set enableServiceLinks nor copy requests from limits', () => {
  const spec: PodSpec = { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] };
  setPodSpecDefaults(spec);
  assert.equal(spec.enableServiceLinks, undefined);
  assert.deepEqual(spec.containers[0].resources, { limits: { cpu: '1' } });
});

test('requests default from limits on pods, keeping explicit requests', () => {
  const p = pod({
    containers: [
      {
        name: 'c',
        image: 'x',
        resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
      },
    ],
    initContainers: [{ name: 'i', image: 'x', resources: { limits: { memory: '64Mi' } } }],
  });
  setPodDefaults(p);
  assert.deepEqual(p.spec.containers[0].resources!.requests, { cpu: '500m', memory: '1Gi' });
  assert.deepEqual(p.spec.initContainers![0].resources!.requests, { memory: '64Mi' });
});

test('probe and handler defaults', () => {
  const p = pod({
    containers: [
      {
        name: 'c',
        image: 'x',
        livenessProbe: { httpGet: { port: 8080 } },
        readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
        lifecycle: { preStop: { httpGet: { port: 'http' } } },
      },
    ],
  });
  setPodDefaults(p);
  const c = p.spec.containers[0];
  assert.deepEqual(c.livenessProbe, {
    httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  });
  assert.equal(c.readinessProbe!.periodSeconds, 5);
  assert.equal(c.readinessProbe!.grpc!.service, '');
  assert.deepEqual(c.lifecycle!.preStop!.httpGet, { port: 'http', path: '/', scheme: 'HTTP' });
});

test('volume defaults: emptyDir when no source, modes, hostPath type, token expiry, fieldRef apiVersion', () => {
  const p = pod({
    volumes: [
      { name: 'a' },
      { name: 'b', secret: { secretName: 's' } },
      { name: 'c', configMap: { name: 'cm' } },
      { name: 'd', hostPath: { path: '/tmp' } },
      {
        name: 'e',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token' } },
            { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
          ],
        },
      },
    ],
    containers: [
      {
        name: 'c',
        image: 'x',
        env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      },
    ],
  });
  setPodDefaults(p);
  const v = p.spec.volumes!;
  assert.deepEqual(v[0].emptyDir, {});
  assert.equal(v[1].secret!.defaultMode, 420);
  assert.equal(v[2].configMap!.defaultMode, 420);
  assert.equal(v[3].hostPath!.type, '');
  assert.equal(v[4].projected!.defaultMode, 420);
  assert.equal(v[4].projected!.sources![0].serviceAccountToken!.expirationSeconds, 3600);
  assert.equal(v[4].projected!.sources![1].downwardAPI!.items![0].fieldRef!.apiVersion, 'v1');
  assert.equal(p.spec.containers[0].env![0].valueFrom!.fieldRef!.apiVersion, 'v1');
});

test('hostNetwork pods get hostPort = containerPort', () => {
  const p = pod({
    hostNetwork: true,
    containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }],
  });
  setPodDefaults(p);
  assert.equal(p.spec.containers[0].ports![0].hostPort, 8080);
});

test('serviceAccount mirrors serviceAccountName (and fills it when only the alias is set)', () => {
  const a: PodSpec = { containers: [], serviceAccount: 'old' };
  setPodSpecDefaults(a);
  assert.equal(a.serviceAccountName, 'old');
  const b: PodSpec = { containers: [], serviceAccountName: 'new', serviceAccount: 'old' };
  setPodSpecDefaults(b);
  assert.equal(b.serviceAccount, 'new');
});

test('create admission: the two 300s tolerations, priority 0 (the service account is admitted apart)', () => {
  const p = pod();
  assert.deepEqual(applyPodCreateAdmission(p), {});
  assert.equal(p.spec.serviceAccountName, undefined);
  assert.deepEqual(p.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ]);
  assert.equal(p.spec.priority, 0);
  assert.equal(p.spec.preemptionPolicy, 'PreemptLowerPriority');
});

test('create admission keeps existing matching tolerations and a wildcard one', () => {
  const p = pod({
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
    ],
  });
  applyPodCreateAdmission(p);
  assert.equal(p.spec.tolerations!.length, 2);
  assert.equal(p.spec.tolerations![0].tolerationSeconds, 10);
  const q = pod({ tolerations: [{ operator: 'Exists' }] });
  applyPodCreateAdmission(q);
  assert.deepEqual(q.spec.tolerations, [{ operator: 'Exists' }]);
});

test('priority admission: system classes, unknown classes, conflicting priority', () => {
  const p = pod({ priorityClassName: 'system-node-critical' });
  assert.deepEqual(applyPodCreateAdmission(p), {});
  assert.equal(p.spec.priority, 2000001000);
  assert.deepEqual(applyPodCreateAdmission(pod({ priorityClassName: 'nope' })), {
    forbidden: 'no PriorityClass with name nope was found',
  });
  assert.deepEqual(applyPodCreateAdmission(pod({ priority: 5 })), {
    forbidden:
      'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
  });
  const g = pod();
  applyPodCreateAdmission(g, {
    globalDefaultPriorityClass: () => ({ name: 'high', value: 1000, preemptionPolicy: 'Never' }),
  });
  assert.equal(g.spec.priorityClassName, 'high');
  assert.equal(g.spec.priority, 1000);
  assert.equal(g.spec.preemptionPolicy, 'Never');
});

test('update keeps priority fields the new object dropped', () => {
  const old = pod({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
  const next = pod();
  preservePodAdmissionFieldsOnUpdate(next, old);
  assert.equal(next.spec.priority, 0);
  assert.equal(next.spec.preemptionPolicy, 'PreemptLowerPriority');
});

test('mirror pods get no default service account', () => {
  const p = pod();
  p.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' };
  applyPodCreateAdmission(p);
  assert.equal(p.spec.serviceAccountName, undefined);
});

test('computeQosClass is re-exported', () => {
  assert.equal(computeQosClass({ containers: [{ name: 'c' }] }), 'BestEffort');
});
