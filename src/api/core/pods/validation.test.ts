import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newInvalid } from '../../../machinery/errors.js';
import type { FieldError } from '../../../machinery/field-errors.js';
import { applyPodCreateAdmission, setPodDefaults } from './defaults.js';
import type { Pod } from './types.js';
import {
  POD_UPDATE_FORBIDDEN_MESSAGE,
  validatePodBinding,
  validatePodCreate,
  validatePodEphemeralContainersUpdate,
  validatePodStatusUpdate,
  validatePodUpdate,
} from './validation.js';

function makePod(over: Partial<Pod['spec']> = {}): Pod {
  const p: Pod = {
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'u1',
      resourceVersion: '1',
      creationTimestamp: '2024-01-01T00:00:00Z',
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...over },
  };
  setPodDefaults(p);
  applyPodCreateAdmission(p);
  return p;
}

const msgs = (errs: FieldError[]) => errs.map((e) => e.toString());

test('a defaulted, admitted pod is valid on create', () => {
  assert.deepEqual(validatePodCreate(makePod()), []);
});

test('create error message as kubectl shows it', () => {
  const p = makePod();
  p.spec.containers[0].image = '';
  const err = newInvalid({ group: '', kind: 'Pod' }, 'x', validatePodCreate(p));
  assert.equal(err.message, 'Pod "x" is invalid: spec.containers[0].image: Required value');
});

test('create: metadata name and namespace checks', () => {
  const p = makePod();
  p.metadata.name = 'Web';
  p.metadata.namespace = '';
  const out = msgs(validatePodCreate(p));
  assert.match(out[0], /^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/);
  assert.equal(out[1], 'metadata.namespace: Required value');
});

test('create: ephemeral containers and gated pods with a node', () => {
  const p = makePod({ nodeName: 'n1', schedulingGates: [{ name: 'example.com/wait' }] });
  p.spec.ephemeralContainers = [
    { name: 'dbg', image: 'busybox', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' },
  ];
  const out = msgs(validatePodCreate(p));
  assert.ok(out.includes('spec.ephemeralContainers: Forbidden: cannot be set on create'));
  assert.ok(
    out.includes('spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared'),
  );
});

test('create: image with surrounding whitespace, mirror pod without node, deletion cost', () => {
  const p = makePod();
  p.spec.containers[0].image = ' nginx ';
  p.metadata.annotations = {
    'kubernetes.io/config.mirror': 'x',
    'controller.kubernetes.io/pod-deletion-cost': '+1',
  };
  assert.deepEqual(msgs(validatePodCreate(p)), [
    'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set',
    'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+1": must be a 32bit integer',
    'spec.containers[0].image: Invalid value: " nginx ": must not have leading or trailing whitespace',
  ]);
});

test('create: projected token needs a service account name', () => {
  const p = makePod({
    volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
  });
  p.spec.serviceAccountName = '';
  delete p.spec.serviceAccount;
  setPodDefaults(p);
  assert.deepEqual(msgs(validatePodCreate(p)), [
    'spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set',
  ]);
});

test('update: image, activeDeadlineSeconds and added tolerations are allowed', () => {
  const old = makePod({ activeDeadlineSeconds: 100 });
  const next = structuredClone(old);
  next.metadata.resourceVersion = '2';
  next.spec.containers[0].image = 'nginx:1.28';
  next.spec.activeDeadlineSeconds = 50;
  next.spec.tolerations!.push({ key: 'x', operator: 'Exists' });
  assert.deepEqual(validatePodUpdate(next, old), []);
});

test('update: other spec changes give the forbidden message with a diff', () => {
  const old = makePod();
  const next = structuredClone(old);
  next.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
  next.spec.restartPolicy = 'Never';
  const errs = validatePodUpdate(next, old);
  assert.equal(errs.length, 1);
  const e = errs[0];
  assert.equal(e.type, 'FieldValueForbidden');
  assert.equal(e.field, 'spec');
  const [first, ...rest] = e.detail.split('\n');
  assert.equal(
    first,
    'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
  );
  assert.equal(first, POD_UPDATE_FORBIDDEN_MESSAGE);
  assert.equal(rest[0], '  core.PodSpec{');
  assert.ok(rest.some((l) => l.startsWith('- \tRestartPolicy: "Always"')));
  assert.ok(rest.some((l) => l.startsWith('+ \tRestartPolicy: "Never"')));
  assert.match(e.toString(), /^spec: Forbidden: pod updates may not change fields other than /);
});

test('update: adding a container, lowering-only deadlines, removing tolerations', () => {
  const old = makePod({ activeDeadlineSeconds: 10 });
  const more = structuredClone(old);
  more.spec.containers.push({ ...old.spec.containers[0], name: 'two' });
  assert.deepEqual(msgs(validatePodUpdate(more, old)), [
    'spec.containers: Forbidden: pod updates may not add or remove containers',
  ]);
  const raise = structuredClone(old);
  raise.spec.activeDeadlineSeconds = 20;
  assert.deepEqual(msgs(validatePodUpdate(raise, old)), [
    'spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value',
  ]);
  const drop = structuredClone(old);
  drop.spec.tolerations = [];
  assert.deepEqual(msgs(validatePodUpdate(drop, old)), [
    'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
  ]);
});

test('update: scheduling gates may only be removed; gated pods may add node selectors', () => {
  const old = makePod({ schedulingGates: [{ name: 'a.io/one' }] });
  const removed = structuredClone(old);
  removed.spec.schedulingGates = [];
  removed.spec.nodeSelector = { zone: 'a' };
  assert.deepEqual(validatePodUpdate(removed, old), []);
  const added = structuredClone(old);
  added.spec.schedulingGates!.push({ name: 'a.io/two' });
  assert.deepEqual(msgs(validatePodUpdate(added, old)), [
    "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'a.io/two'",
  ]);
});

test('update: negative grace period may become 1; quantities compare by value', () => {
  const old = makePod({ terminationGracePeriodSeconds: -1 });
  old.spec.containers[0].resources = { limits: { cpu: '1' }, requests: { cpu: '1' } };
  const next = structuredClone(old);
  next.spec.terminationGracePeriodSeconds = 1;
  next.spec.containers[0].resources = { limits: { cpu: '1000m' }, requests: { cpu: '1' } };
  assert.deepEqual(validatePodUpdate(next, old), []);
});

test('update: metadata immutability and resourceVersion', () => {
  const old = makePod();
  const next = structuredClone(old);
  next.metadata.uid = 'other';
  next.metadata.resourceVersion = '';
  assert.deepEqual(msgs(validatePodUpdate(next, old)), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.uid: Invalid value: "other": field is immutable',
  ]);
});

test('status update: nodeName, qosClass, state transitions, pod IPs, conditions', () => {
  const old = makePod({ restartPolicy: 'Never', nodeName: 'n1' });
  old.status = {
    qosClass: 'BestEffort',
    containerStatuses: [
      {
        name: 'app',
        ready: false,
        restartCount: 0,
        image: 'nginx',
        imageID: '',
        state: { terminated: { exitCode: 0 } },
      },
    ],
  };
  const next = structuredClone(old);
  next.spec.nodeName = 'n2';
  next.status = {
    qosClass: 'Burstable',
    conditions: [{ type: 'bad type', status: 'True' }],
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: {} } },
    ],
    podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
  };
  const out = msgs(validatePodStatusUpdate(next, old));
  assert.match(out[0], /^metadata\.conditions\[0\]\.Type: Invalid value: "bad type": name part must consist/);
  assert.ok(out.includes('status.nodeName: Forbidden: may not be changed directly'));
  assert.ok(out.includes('status.qosClass: Invalid value: "Burstable": field is immutable'));
  assert.ok(
    out.includes(
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    ),
  );
  assert.ok(
    out.some(
      (m) =>
        m.startsWith('status.podIPs: Invalid value: ') &&
        m.endsWith('may specify no more than one IP for each IP family'),
    ),
  );
});

test('status update: dual-stack pod IPs and restartable init containers are fine', () => {
  const old = makePod({ initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always' }] });
  setPodDefaults(old);
  old.spec.restartPolicy = 'Never';
  old.status = {
    initContainerStatuses: [
      {
        name: 'side',
        ready: false,
        restartCount: 0,
        image: 'x',
        imageID: '',
        state: { terminated: { exitCode: 1 } },
      },
    ],
  };
  const next = structuredClone(old);
  next.status = {
    podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }],
    initContainerStatuses: [
      { name: 'side', ready: true, restartCount: 1, image: 'x', imageID: '', state: { running: {} } },
    ],
  };
  assert.deepEqual(validatePodStatusUpdate(next, old), []);
});

test('binding: target name required, kind must be Node', () => {
  const base = { metadata: { name: 'web' } };
  assert.deepEqual(validatePodBinding({ ...base, target: { name: 'n1' } }), []);
  assert.deepEqual(validatePodBinding({ ...base, target: { kind: 'Node', name: 'n1' } }), []);
  assert.deepEqual(msgs(validatePodBinding({ ...base, target: { kind: 'Pod' } })), [
    'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
    'target.name: Required value',
  ]);
});

test('ephemeralcontainers: containers may be added, never changed or removed; static pods take none', () => {
  const old = makePod();
  const dbg = {
    name: 'dbg',
    image: 'busybox',
    terminationMessagePolicy: 'File',
    terminationMessagePath: '/dev/termination-log',
    imagePullPolicy: 'Always',
  } as const;
  const withDebug = { ...old, spec: { ...old.spec, ephemeralContainers: [{ ...dbg }] } };
  assert.deepEqual(validatePodEphemeralContainersUpdate(withDebug, old), []);
  const changed = { ...old, spec: { ...old.spec, ephemeralContainers: [{ ...dbg, image: 'alpine' }] } };
  assert.deepEqual(msgs(validatePodEphemeralContainersUpdate(changed, withDebug)), [
    'spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be changed\n',
  ]);
  assert.deepEqual(msgs(validatePodEphemeralContainersUpdate(old, withDebug)), [
    'spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed\n',
  ]);
  const clash = { ...old, spec: { ...old.spec, ephemeralContainers: [{ ...dbg, name: 'app' }] } };
  assert.deepEqual(msgs(validatePodEphemeralContainersUpdate(clash, old)), [
    'spec.ephemeralContainers[0].name: Duplicate value: "app"',
  ]);
  const mirror = {
    ...old,
    metadata: { ...old.metadata, annotations: { 'kubernetes.io/config.mirror': 'x' } },
  };
  assert.equal(
    validatePodEphemeralContainersUpdate({ ...withDebug, metadata: mirror.metadata }, mirror)[0].detail,
    'static pods do not support ephemeral containers',
  );
});
