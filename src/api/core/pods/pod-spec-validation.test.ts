import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldPath, formatFieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { setPodSpecDefaults } from './pod-spec-defaults.js';
import { validatePodSpec, validatePodTemplateSpec } from './pod-spec-validation.js';
import type { Container, PodSpec } from './types.js';

const SPEC = FieldPath.root('spec');

function spec(over: Partial<PodSpec> = {}, container: Partial<Container> = {}): PodSpec {
  const s: PodSpec = { containers: [{ name: 'app', image: 'nginx:1', ...container }], ...over };
  setPodSpecDefaults(s);
  return s;
}

const msgs = (errs: FieldError[]) => errs.map((e) => e.toString());
const check = (s: PodSpec) => msgs(validatePodSpec(s, SPEC, { resourceIsPod: true }));

test('a defaulted minimal spec is valid', () => {
  assert.deepEqual(check(spec()), []);
});

test('missing image and missing containers', () => {
  assert.deepEqual(check(spec({}, { image: '' })), ['spec.containers[0].image: Required value']);
  assert.deepEqual(check(spec({ containers: [] })), ['spec.containers: Required value']);
});

test('bad container name', () => {
  assert.deepEqual(check(spec({}, { name: 'App_1' })), [
    "spec.containers[0].name: Invalid value: \"App_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
});

test('duplicate container names across containers and init containers', () => {
  const s = spec({
    containers: [
      { name: 'a', image: 'x' },
      { name: 'a', image: 'x' },
    ],
    initContainers: [{ name: 'a', image: 'x' }],
  });
  setPodSpecDefaults(s);
  assert.deepEqual(check(s), [
    'spec.containers[1].name: Duplicate value: "a"',
    'spec.initContainers[0].name: Duplicate value: "a"',
  ]);
});

test('container ports: zero, out of range, bad name, duplicate name, protocol', () => {
  const s = spec(
    {},
    {
      ports: [
        { containerPort: 0 },
        { containerPort: 70000, hostPort: 70000, name: 'web' },
        { containerPort: 80, name: 'web', protocol: 'HTTP' },
        { containerPort: 81, name: 'Bad--' },
      ],
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].ports[0].containerPort: Required value',
    'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[2].name: Duplicate value: "web"',
    'spec.containers[0].ports[2].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[0].ports[3].name: Invalid value: "Bad--": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[3].name: Invalid value: "Bad--": must contain consecutive hyphens'.replace(
      'must contain',
      'must not contain',
    ),
    'spec.containers[0].ports[3].name: Invalid value: "Bad--": must not begin or end with a hyphen',
  ]);
});

test('negative containerPort is out of range', () => {
  assert.deepEqual(check(spec({}, { ports: [{ containerPort: -1, protocol: 'TCP' }] })), [
    'spec.containers[0].ports[0].containerPort: Invalid value: -1: must be between 1 and 65535, inclusive',
  ]);
});

test('host port conflicts across containers', () => {
  const s = spec({
    containers: [
      { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] },
      { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] },
    ],
  });
  setPodSpecDefaults(s);
  assert.deepEqual(check(s), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
});

test('probe with two handlers and no handler', () => {
  const s = spec(
    {},
    {
      livenessProbe: { exec: { command: ['true'] }, httpGet: { port: 80 } },
      readinessProbe: {},
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
    'spec.containers[0].readinessProbe: Required value: must specify a handler type',
  ]);
});

test('successThreshold must be 1 for liveness and startup probes', () => {
  const s = spec(
    {},
    {
      livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 },
      startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 },
      readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 },
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    'spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1',
  ]);
});

test('probe fields: negative timings, exec without command, bad port name, readiness grace period', () => {
  const s = spec(
    {},
    {
      livenessProbe: { exec: {}, initialDelaySeconds: -1 },
      readinessProbe: { httpGet: { port: 'HTTP' }, terminationGracePeriodSeconds: 5 },
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].livenessProbe.exec.command: Required value',
    'spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
    'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes',
  ]);
});

test('lifecycle sleep must fit the grace period', () => {
  const s = spec(
    { terminationGracePeriodSeconds: 10 },
    { lifecycle: { preStop: { sleep: { seconds: 20 } } } },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 20: must be greater than 0 and less than terminationGracePeriodSeconds (10). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.',
  ]);
});

test('restartPolicy and dnsPolicy values', () => {
  assert.deepEqual(check(spec({ restartPolicy: 'Sometimes' })), [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  ]);
  assert.deepEqual(check(spec({ dnsPolicy: 'Google' })), [
    'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]);
  const s = spec();
  delete s.terminationGracePeriodSeconds;
  assert.deepEqual(check(s), ['spec.terminationGracePeriodSeconds: Required value']);
});

test('restartPolicy on a regular container is forbidden', () => {
  assert.deepEqual(check(spec({}, { restartPolicy: 'Always' })), [
    'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
  ]);
});

test('sidecars: init containers with restartPolicy Always may have probes, others may not', () => {
  const s = spec({
    initContainers: [
      { name: 'side', image: 'x', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 80 } } },
      {
        name: 'init',
        image: 'x',
        readinessProbe: { tcpSocket: { port: 80 } },
        lifecycle: { postStart: { exec: { command: ['a'] } } },
      },
      { name: 'bad', image: 'x', restartPolicy: 'OnFailure' },
    ],
  });
  setPodSpecDefaults(s);
  assert.deepEqual(check(s), [
    'spec.initContainers[1].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
    'spec.initContainers[1].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    'spec.initContainers[2].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
  ]);
});

test('volumes: duplicate names, bad names, missing source, more than one source', () => {
  const s = spec({
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'data', emptyDir: {} },
      { name: 'Bad', emptyDir: {} },
      { name: 'both', emptyDir: {}, hostPath: { path: '/x' } },
      { name: 'sec', secret: {} },
    ],
  });
  const out = check(s);
  assert.equal(out[0], 'spec.volumes[1].name: Duplicate value: "data"');
  assert.match(out[1], /^spec\.volumes\[2\]\.name: Invalid value: "Bad": a lowercase RFC 1123 label/);
  assert.equal(out[2], 'spec.volumes[3].hostPath: Forbidden: may not specify more than 1 volume type');
  assert.equal(out[3], 'spec.volumes[4].secret.secretName: Required value');
  assert.equal(out.length, 4);
});

test('volume with no source after all (explicit nulls) is required', () => {
  const s = spec();
  s.volumes = [{ name: 'v' }];
  assert.deepEqual(check(s), ['spec.volumes[0]: Required value: must specify a volume type']);
});

test('volumeMounts: unknown volume, duplicate mount path, subPath backsteps', () => {
  const s = spec(
    { volumes: [{ name: 'data', emptyDir: {} }] },
    {
      volumeMounts: [
        { name: 'x', mountPath: '/a' },
        { name: 'data', mountPath: '/a', subPath: '../etc' },
      ],
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].volumeMounts[0].name: Not found: "x"',
    'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/a": must be unique',
    'spec.containers[0].volumeMounts.subPath: Invalid value: "../etc": must not contain \'..\'',
  ]);
});

test('config map items: absolute and reserved paths, bad mode', () => {
  const s = spec({
    volumes: [
      {
        name: 'cm',
        configMap: {
          name: 'c',
          defaultMode: 0o1000,
          items: [
            { key: 'k', path: '/abs' },
            { key: '', path: '..x' },
          ],
        },
      },
    ],
  });
  assert.deepEqual(check(s), [
    'spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
    'spec.volumes[0].configMap.items[0].path: Invalid value: "/abs": must be a relative path',
    'spec.volumes[0].configMap.items[1].key: Required value',
    'spec.volumes[0].configMap.items[1].path: Invalid value: "..x": must not start with \'..\'',
  ]);
});

test('env: names, valueFrom sources', () => {
  const s = spec(
    {},
    {
      env: [
        { name: '' },
        { name: 'A=B' },
        { name: 'my.var-1' },
        { name: 'V', value: 'x', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'W', valueFrom: {} },
        { name: 'X', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.restartPolicy' } } },
        { name: 'Y', valueFrom: { secretKeyRef: { name: 's', key: '' } } },
      ],
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].env[0].name: Required value',
    'spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
    'spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    'spec.containers[0].env[4].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    'spec.containers[0].env[5].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    'spec.containers[0].env[6].valueFrom.secretKeyRef.key: Required value',
  ]);
});

test('resources: requests above limits, negative, bad names, extended resources', () => {
  const s = spec(
    {},
    {
      resources: {
        limits: { memory: '1Gi', 'example.com/gpu': '2' },
        requests: { memory: '2Gi', cpu: '-1', 'example.com/gpu': '1', pods: '1' },
      },
    },
  );
  assert.deepEqual(check(s), [
    'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
    'spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
  ]);
  assert.deepEqual(check(spec({}, { resources: { limits: { 'example.com/gpu': '500m' } } })), [
    'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer',
  ]);
});

test('tolerations', () => {
  const s = spec({
    tolerations: [
      { operator: 'Equal', value: 'x' },
      { key: 'k', operator: 'Exists', value: 'v' },
      { key: 'k', operator: 'Equal', effect: 'NoSchedule', tolerationSeconds: 5 },
      { key: 'k', operator: 'Maybe', effect: 'Never' },
    ],
  });
  assert.deepEqual(check(s), [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
    'spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    'spec.tolerations[3].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
    'spec.tolerations[3].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]);
});

test('activeDeadlineSeconds, hostname, nodeSelector, serviceAccountName', () => {
  const s = spec({
    activeDeadlineSeconds: 0,
    hostname: 'a.b',
    nodeSelector: { 'a/b/c': 'x' },
    serviceAccountName: 'Bad',
  });
  const out = check(s);
  assert.equal(out[0].split(': ')[0], 'spec.nodeSelector');
  assert.match(out[1], /^spec\.serviceAccountName: Invalid value: "Bad": a lowercase RFC 1123 subdomain/);
  assert.equal(
    out[2],
    'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
  );
  assert.equal(out[3], 'spec.hostname: Invalid value: "a.b": must not contain dots');
});

test('dnsPolicy None requires nameservers', () => {
  assert.deepEqual(check(spec({ dnsPolicy: 'None' })), [
    'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
  ]);
  assert.deepEqual(check(spec({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1', 'bad'] } })), [
    'spec.dnsConfig.nameservers[1]: Invalid value: "bad": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});

test('hostNetwork pods need hostPort == containerPort; templates may leave it 0', () => {
  const s = spec({ hostNetwork: true }, { ports: [{ containerPort: 80, hostPort: 81 }] });
  assert.deepEqual(check(s), [
    'spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true',
  ]);
  const t = spec({ hostNetwork: true }, { ports: [{ containerPort: 80 }] });
  assert.deepEqual(msgs(validatePodSpec(t, SPEC)), []);
});

test('affinity and topology spread constraints', () => {
  const s = spec({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In' }] }],
        },
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 0, podAffinityTerm: { topologyKey: '' } },
        ],
      },
    },
    topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Whatever' }],
  });
  assert.deepEqual(check(s), [
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Required value: can not be empty',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: "": name part must be non-empty',
    "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Whatever": supported values: "DoNotSchedule", "ScheduleAnyway"',
  ]);
});

test('security contexts', () => {
  const s = spec(
    { securityContext: { runAsUser: -1, sysctls: [{ name: 'Bad Name', value: '1' }] } },
    {
      securityContext: {
        allowPrivilegeEscalation: false,
        privileged: true,
        seccompProfile: { type: 'Localhost' },
      },
    },
  );
  const out = check(s);
  assert.equal(
    out[0],
    'spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
  );
  assert.match(
    out[1],
    /^spec\.containers\[0\]\.securityContext: Invalid value: .*cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/,
  );
  assert.equal(
    out[2],
    'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
  );
  assert.match(
    out[3],
    /^spec\.securityContext\.sysctls\[0\]\.name: Invalid value: "Bad Name": must have at most 253 characters and match regex/,
  );
});

test('pod template: labels at <path>.labels and ephemeral containers forbidden', () => {
  const t = {
    metadata: { labels: { app: '-x' } },
    spec: spec({ ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }),
  };
  setPodSpecDefaults(t.spec);
  const out = msgs(validatePodTemplateSpec(t, FieldPath.root('spec').child('template')));
  assert.match(out[0], /^spec\.template\.labels: Invalid value: "-x": a valid label must be an empty string/);
  assert.equal(
    out[out.length - 1],
    'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
  );
});

test('aggregate formatting of several errors', () => {
  const out = formatFieldErrors(validatePodSpec(spec({}, { image: '', name: '' }), SPEC));
  assert.equal(out, '[spec.containers[0].name: Required value, spec.containers[0].image: Required value]');
});
