import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import protobuf from 'protobufjs/minimal.js';
import { schemas } from './index.js';
import { f, SchemaRegistry, t, type } from './model.js';
import { decode, decodeMessage, encode, encodeMessage, hasProtobufMagic } from './protobuf.js';
import { captureKubectl, KUBECTL_132 } from './testdata/capture.js';
import { kubectlBodies } from './testdata/kubectl-bodies.js';

const { Writer } = protobuf;
type Json = Record<string, any>;

const fixture = (name: string): Uint8Array => Buffer.from(kubectlBodies[name]!.body, 'base64');
const decoded = (name: string): Json => decode(fixture(name), schemas).object;

describe('decode: bodies recorded from kubectl 1.32', () => {
  for (const [name, b] of Object.entries(kubectlBodies)) {
    if (b.json === undefined) continue;
    it(`${b.command} decodes to what --dry-run=client -o json prints`, () => {
      assert.deepEqual(decode(fixture(name), schemas).object, b.json);
    });
  }

  it('deployment: name, labels, replicas, image and empty structs', () => {
    const r = decode(fixture('deployment'), schemas);
    assert.equal(r.apiVersion, 'apps/v1');
    assert.equal(r.kind, 'Deployment');
    const d = r.object as Json;
    assert.equal(d.metadata.name, 'web');
    assert.deepEqual(d.metadata.labels, { app: 'web' });
    assert.equal(d.spec.replicas, 3);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: 'web' } });
    assert.deepEqual(d.spec.template.spec.containers, [{ name: 'nginx', image: 'nginx', resources: {} }]);
    assert.deepEqual(d.spec.strategy, {});
    assert.deepEqual(d.status, {});
    assert.equal(d.metadata.creationTimestamp, null);
    assert.equal('namespace' in d.metadata, false, 'empty non-pointer strings are dropped');
  });

  it('configmap and secret data maps (secret values stay base64)', () => {
    assert.deepEqual(decoded('configmap').data, { a: 'b' });
    assert.deepEqual(decoded('secret').data, { k: 'dg==' });
  });

  it('service ports keep targetPort as a number', () => {
    const s = decoded('service');
    assert.deepEqual(s.spec.ports, [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }]);
    assert.equal(s.spec.type, 'ClusterIP');
  });

  it('namespace, service account, quota', () => {
    assert.equal(decoded('namespace').metadata.name, 'n');
    assert.equal(decoded('serviceaccount').metadata.name, 'sa');
    assert.deepEqual(decoded('quota').spec.hard, { pods: '2' });
  });

  it('job and cronjob', () => {
    const j = decoded('job');
    assert.equal(j.spec.template.spec.restartPolicy, 'Never');
    assert.equal(j.spec.template.spec.containers[0].image, 'busybox');
    const cj = decoded('cronjob');
    assert.equal(cj.spec.schedule, '*/1 * * * *');
    assert.equal(cj.spec.jobTemplate.metadata.name, 'cj');
  });

  it('rbac objects', () => {
    assert.deepEqual(decoded('role').rules, [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    assert.deepEqual(decoded('clusterrole').rules[0].resources, ['nodes']);
    const rb = decoded('rolebinding');
    assert.deepEqual(rb.subjects, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' }]);
    assert.deepEqual(rb.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' });
  });

  it('auth can-i sends a SelfSubjectAccessReview', () => {
    const r = decode(fixture('canI'), schemas);
    assert.equal(r.apiVersion, 'authorization.k8s.io/v1');
    assert.equal(r.kind, 'SelfSubjectAccessReview');
    const o = r.object as Json;
    assert.deepEqual(o.spec, { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } });
    assert.deepEqual(o.status, { allowed: false }, 'allowed has no omitempty, so false is kept');
  });

  it('pod disruption budget: minAvailable as IntOrString, required zero counters kept', () => {
    const p = decoded('pdb');
    assert.equal(p.spec.minAvailable, 1);
    assert.deepEqual(p.status, {
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
  });

  it('kubectl bodies start with the magic', () => {
    for (const name of Object.keys(kubectlBodies)) assert.ok(hasProtobufMagic(fixture(name)), name);
  });
});

describe('encode', () => {
  for (const name of Object.keys(kubectlBodies)) {
    it(`round-trips the ${name} fixture`, () => {
      const first = decode(fixture(name), schemas).object;
      const again = decode(encode(first, schemas), schemas);
      assert.deepEqual(again.object, first);
      assert.equal(again.kind, first.kind);
    });
  }

  it('writes the envelope kubectl writes', () => {
    const bytes = encode({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, schemas);
    assert.deepEqual([...bytes.subarray(0, 6)], [0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f]);
    assert.equal(Buffer.from(bytes.subarray(6, 21)).toString('latin1'), '\n\x02v1\x12\tConfigMap');
  });

  it('keeps zeros of pointer fields and drops zeros of plain optional fields', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'zero', namespace: '' },
      spec: { replicas: 0, minReadySeconds: 0, paused: false, revisionHistoryLimit: 0 },
    };
    const back = decode(encode(obj, schemas), schemas).object as Json;
    assert.deepEqual(back.spec, { replicas: 0, revisionHistoryLimit: 0 });
    assert.deepEqual(back.metadata, { name: 'zero' });
  });

  it('carries times, micro times, IntOrString strings, RawExtension and maps of times', () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e', creationTimestamp: '2024-01-02T03:04:05Z' },
      eventTime: '2024-01-02T03:04:05.123456Z',
      series: { count: 2, lastObservedTime: '2024-01-02T03:04:06.000001Z' },
      reason: 'Started',
      deprecatedCount: 0,
    };
    const { deprecatedCount: _dropped, ...withoutZero } = event;
    assert.deepEqual(decode(encode(event, schemas), schemas).object, withoutZero);
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      spec: { maxUnavailable: '25%' },
      status: {
        disruptedPods: { a: '2024-01-02T03:04:05Z' },
        disruptionsAllowed: 1,
        currentHealthy: 2,
        desiredHealthy: 3,
        expectedPods: 4,
      },
    };
    assert.deepEqual(decode(encode(pdb, schemas), schemas).object, pdb);
    const rev = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      data: { spec: { template: { a: [1, 'x', null] } } },
      revision: 7,
    };
    assert.deepEqual(decode(encode(rev, schemas), schemas).object, rev);
  });

  it('round-trips a Pod whose volumes and probes use Go-embedded (inline) structs', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: 'b' } },
      spec: {
        volumes: [
          { name: 'v', configMap: { name: 'cm', defaultMode: 420 } },
          { name: 'e', emptyDir: {} },
          { name: 'bare' },
        ],
        containers: [
          {
            name: 'c',
            image: 'i',
            resources: { limits: { cpu: '500m', memory: '1Gi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
            lifecycle: { preStop: { exec: { command: ['sh'] } } },
          },
        ],
      },
    };
    assert.deepEqual(decode(encode(pod, schemas), schemas).object, pod);
  });

  it('encodes map values that are lists as wrapper messages', () => {
    const sar = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: 'u', groups: ['g1', 'g2'], extra: { scopes: ['a', 'b'], empty: [] } },
    };
    assert.deepEqual(decode(encode(sar, schemas), schemas).object, sar);
  });

  it('rejects values of the wrong JSON type, naming the field', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'three' } };
    assert.throws(
      () => encode(bad, schemas),
      /cannot encode Deployment: at spec\.replicas: expected an integer/,
    );
    assert.throws(() => encode({ kind: 'Deployment' }, schemas), /without apiVersion and kind/);
    assert.throws(
      () => encode({ apiVersion: 'x/v1', kind: 'Nope' }, schemas),
      /not supported for Nope in x\/v1/,
    );
  });
});

// A synthetic type that exercises every wire shape the schema model can describe.
const testRegistry = new SchemaRegistry().add(
  type(
    'test.Widget',
    'Test type.',
    {
      apiVersion: f(0, t.string, 'Version.'),
      kind: f(0, t.string, 'Kind.'),
      small: f(1, t.int32, 'An int32.'),
      big: f(2, t.int64, 'An int64.'),
      ratio: f(3, t.double, 'A double.'),
      flag: f(4, t.boolean, 'A bool.'),
      blob: f(5, t.bytes, 'Bytes.'),
      numbers: f(6, t.array(t.int32), 'Repeated int32.'),
      grid: f(7, t.array(t.array(t.string)), 'A list of lists.'),
      timeout: f(8, t.duration, 'A duration.'),
      size: f(9, t.quantity, 'A quantity.'),
      managed: f(10, t.fieldsV1, 'FieldsV1.'),
      part: f(11, t.ref('test.Part'), 'Inline part.', { inline: true }),
      count: f(12, t.int32, 'A required int32.', { required: true }),
    },
    { gvk: [{ group: 'test.kubeling.io', version: 'v1', kind: 'Widget' }] },
  ),
  type('test.Part', 'Embedded part.', {
    colour: f(1, t.string, 'Colour.'),
    port: f(2, t.intOrString, 'Port.'),
  }),
);

describe('codec on a synthetic type', () => {
  const full = {
    apiVersion: 'test.kubeling.io/v1',
    kind: 'Widget',
    small: -5,
    big: 2 ** 40 + 3,
    ratio: 0.25,
    flag: true,
    blob: Buffer.from([0, 1, 2, 255]).toString('base64'),
    numbers: [1, -2, 300],
    grid: [['a', 'b'], [], ['c']],
    timeout: '1m30s',
    size: '500Mi',
    managed: { 'f:metadata': { 'f:labels': {} } },
    colour: 'red',
    port: 'http',
    count: 0,
  };

  it('round-trips every shape, including inline structs and lists of lists', () => {
    assert.deepEqual(decode(encode(full, testRegistry), testRegistry).object, full);
  });

  it('reads packed repeated numbers and negative int32 as 10-byte varints', () => {
    const w = Writer.create();
    w.uint32((1 << 3) | 0).int32(-1);
    w.uint32((6 << 3) | 2)
      .fork()
      .int32(4)
      .int32(-7)
      .int32(9)
      .ldelim();
    w.uint32((6 << 3) | 0).int32(10);
    const bytes = w.finish();
    assert.equal(bytes.length, 1 + 10 + 2 + 1 + 10 + 1 + 2, 'negative int32 takes ten bytes');
    assert.deepEqual(decodeMessage(bytes, 'test.Widget', testRegistry), {
      small: -1,
      numbers: [4, -7, 9, 10],
    });
  });

  it('skips unknown fields of every wire type', () => {
    const w = Writer.create();
    w.uint32((99 << 3) | 0).uint64(12345);
    w.uint32((98 << 3) | 2).string('ignored');
    w.uint32((97 << 3) | 1).double(1.5);
    w.uint32((96 << 3) | 5).float(2.5);
    w.uint32((4 << 3) | 0).bool(true);
    assert.deepEqual(decodeMessage(w.finish(), 'test.Widget', testRegistry), { flag: true });
  });

  it('keeps a required zero but drops optional zeros', () => {
    const w = Writer.create();
    w.uint32((1 << 3) | 0).int32(0);
    w.uint32((12 << 3) | 0).int32(0);
    w.uint32((5 << 3) | 2).bytes(new Uint8Array(0));
    assert.deepEqual(decodeMessage(w.finish(), 'test.Widget', testRegistry), { count: 0 });
  });

  it('reads an IntOrString int and an empty RawExtension', () => {
    const bytes = encodeMessage({ port: 8080, managed: null, size: null }, 'test.Widget', testRegistry);
    assert.deepEqual(decodeMessage(bytes, 'test.Widget', testRegistry), { port: 8080, managed: null });
    const w = Writer.create();
    w.uint32((10 << 3) | 2).bytes(new Uint8Array(0));
    assert.deepEqual(decodeMessage(w.finish(), 'test.Widget', testRegistry), { managed: null });
  });
});

describe('decode errors', () => {
  const body = fixture('deployment');

  it('requires the k8s\\0 prefix', () => {
    assert.throws(() => decode(Buffer.from('{"kind":"Pod"}'), schemas), /missing the k8s\\0 prefix/);
  });

  it('reports truncated data', () => {
    assert.throws(() => decode(body.subarray(0, body.length - 20), schemas), /truncated|runs past the end/);
  });

  it('reports a wire type that does not fit the field, with its path', () => {
    const w = Writer.create();
    w.uint32((2 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 2)
      .string('x')
      .ldelim(); // spec.replicas as bytes
    const raw = w.finish();
    const env = Writer.create();
    env.uint32(0x0a).fork().uint32(0x0a).string('apps/v1').uint32(0x12).string('Deployment').ldelim();
    env.uint32(0x12).bytes(raw);
    const bytes = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0]), env.finish()]);
    assert.throws(
      () => decode(bytes, schemas),
      /invalid protobuf Deployment: at spec\.replicas: wire type 2 where 0 was expected/,
    );
  });

  it('rejects unknown kinds and compressed payloads', () => {
    const mk = (apiVersion: string, kind: string, encoding = ''): Uint8Array => {
      const w = Writer.create();
      w.uint32(0x0a).fork().uint32(0x0a).string(apiVersion).uint32(0x12).string(kind).ldelim();
      w.uint32(0x12).bytes(new Uint8Array(0)).uint32(0x1a).string(encoding);
      return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0]), w.finish()]);
    };
    assert.throws(() => decode(mk('v1', 'Gadget'), schemas), /protobuf is not supported for Gadget in v1/);
    assert.throws(
      () => decode(mk('v1', 'Pod', 'gzip'), schemas),
      /unsupported protobuf content encoding gzip/,
    );
    assert.throws(() => decode(mk('', ''), schemas), /names no apiVersion and kind/);
    assert.deepEqual(decode(mk('v1', 'Pod'), schemas).object, { apiVersion: 'v1', kind: 'Pod' });
  });
});

describe(
  'live capture from kubectl 1.32',
  { skip: !existsSync(KUBECTL_132) && 'kubectl 1.32 not installed' },
  () => {
    it('create namespace sends a protobuf Namespace that decodes', async () => {
      const { bodies } = await captureKubectl(['create', 'namespace', 'live']);
      assert.equal(bodies.length, 1);
      assert.equal(bodies[0]!.contentType, 'application/vnd.kubernetes.protobuf');
      const r = decode(bodies[0]!.body, schemas);
      assert.equal(r.kind, 'Namespace');
      assert.equal((r.object as Json).metadata.name, 'live');
    });
  },
);
