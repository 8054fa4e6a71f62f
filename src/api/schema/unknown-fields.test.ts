import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { f, SchemaRegistry, t, type } from './model.js';
import {
  cannotBeHandledMessage,
  findDuplicateFields,
  findStrictFieldErrors,
  findUnknownFields,
  maxStrictErrors,
  strictDecodingMessage,
  strictErrorText,
} from './unknown-fields.js';

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const registry = new SchemaRegistry().add(
  type(`${meta}.ObjectMeta`, 'meta', {
    name: f(1, t.string, 'name'),
    labels: f(11, t.map(t.string), 'labels'),
    managedFields: f(17, t.array(t.ref(`${meta}.ManagedFieldsEntry`)), 'managed'),
  }),
  type(`${meta}.ManagedFieldsEntry`, 'entry', {
    manager: f(1, t.string, 'manager'),
    fieldsV1: f(7, t.fieldsV1, 'fields'),
  }),
  type('io.k8s.api.core.v1.Pod', 'pod', {
    metadata: f(1, t.ref(`${meta}.ObjectMeta`), 'meta'),
    spec: f(2, t.ref('io.k8s.api.core.v1.PodSpec'), 'spec'),
  }),
  type('io.k8s.api.core.v1.PodSpec', 'spec', {
    containers: f(2, t.array(t.ref('io.k8s.api.core.v1.Container')), 'containers'),
    overhead: f(32, t.map(t.quantity), 'overhead'),
    volumes: f(1, t.map(t.ref('io.k8s.api.core.v1.Volume')), 'a map of structs, to test map recursion'),
    extension: f(99, t.rawExtension, 'raw'),
    anything: f(98, t.json, 'json'),
    elsewhere: f(97, t.ref('io.k8s.api.core.v1.NotRegistered'), 'unregistered type'),
  }),
  type('io.k8s.api.core.v1.Container', 'container', {
    name: f(1, t.string, 'name'),
    command: f(3, t.array(t.string), 'command'),
    ports: f(6, t.array(t.ref('io.k8s.api.core.v1.ContainerPort')), 'ports'),
  }),
  type('io.k8s.api.core.v1.ContainerPort', 'port', { containerPort: f(3, t.int32, 'port') }),
  type('io.k8s.api.core.v1.Volume', 'volume', { path: f(1, t.string, 'path') }),
);
const pod = 'io.k8s.api.core.v1.Pod';

describe('findUnknownFields', () => {
  it('accepts a fully known object, with apiVersion and kind at the top', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', labels: { x: 'y' } },
      spec: {
        containers: [{ name: 'c', command: ['sh'], ports: [{ containerPort: 80 }] }],
        overhead: { cpu: '1' },
      },
    };
    assert.deepEqual(findUnknownFields(obj, pod, registry), []);
  });

  it('reports unknown fields with dotted paths and indexes, in document order', () => {
    const obj = {
      kind: 'Pod',
      foo: 1,
      metadata: { name: 'a', app: 'x' },
      spec: {
        containers: [
          { name: 'c' },
          { name: 'd', Image: 'nginx', ports: [{ containerPort: 1, hostIP: 'x' }] },
        ],
        volumes: { data: { path: '/x', medium: 'Memory' } },
      },
    };
    assert.deepEqual(findUnknownFields(obj, pod, registry), [
      'foo',
      'metadata.app',
      'spec.containers[1].Image',
      'spec.containers[1].ports[0].hostIP',
      'spec.volumes.data.medium',
    ]);
  });

  it('does not look inside unknown fields, raw values, unregistered types or nulls', () => {
    const obj = {
      spec: {
        bogus: { deeper: { x: 1 } },
        extension: { anything: { at: 'all' } },
        anything: { free: ['form'] },
        elsewhere: { whatever: true },
        containers: null,
      },
      metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] },
    };
    assert.deepEqual(findUnknownFields(obj, pod, registry), ['spec.bogus']);
  });

  it('apiVersion and kind are only implicit at the top level', () => {
    assert.deepEqual(findUnknownFields({ spec: { kind: 'x' } }, pod, registry), ['spec.kind']);
  });

  it('treats a type the registry lacks as accepting anything', () => {
    assert.deepEqual(findUnknownFields({ a: 1 }, 'io.k8s.api.core.v1.Nothing', registry), []);
  });
});

describe('findStrictFieldErrors (JSON text)', () => {
  it('finds unknown and duplicate fields in one pass, in document order', () => {
    const text =
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},' +
      '"spec":{"foo":1,"containers":[{"name":"c","bar":{"name":"z","name":"z"}}]},"spec":{}}';
    assert.deepEqual(findStrictFieldErrors(text, pod, registry), [
      { type: 'duplicate', path: 'metadata.name' },
      { type: 'duplicate', path: 'metadata.labels.x' },
      { type: 'unknown', path: 'spec.foo' },
      { type: 'unknown', path: 'spec.containers[0].bar' },
      { type: 'duplicate', path: 'spec' },
    ]);
  });

  it('reports a repeated unknown struct field once, as unknown', () => {
    const text = '{"spec":{"zzz":1,"zzz":2}}';
    assert.deepEqual(findStrictFieldErrors(text, pod, registry), [{ type: 'unknown', path: 'spec.zzz' }]);
  });

  it('does not check inside raw values, but does check maps', () => {
    const text = '{"spec":{"extension":{"a":1,"a":2},"overhead":{"cpu":"1","cpu":"2"}}}';
    assert.deepEqual(findStrictFieldErrors(text, pod, registry), [
      { type: 'duplicate', path: 'spec.overhead.cpu' },
    ]);
  });

  it('copes with whitespace, escapes and nested strings containing brackets', () => {
    const text = `{
      "metadata" : { "name" : "a\\"}]" , "labels" : { "k\\u0041" : "}" , "kA" : "x" } },
      "spec" : { "containers" : [ { "name" : "c" , "command" : [ "{", "]" ] , "n\\u0061me" : "again" } ] }
    }`;
    assert.deepEqual(findStrictFieldErrors(text, pod, registry), [
      { type: 'duplicate', path: 'metadata.labels.kA' },
      { type: 'duplicate', path: 'spec.containers[0].name' },
    ]);
  });

  it('agrees with findUnknownFields on parsed input', () => {
    const obj = { metadata: { x: 1 }, spec: { containers: [{ y: [1, { z: 2 }] }], q: null } };
    const fromText = findStrictFieldErrors(JSON.stringify(obj), pod, registry).map((e) => e.path);
    assert.deepEqual(fromText, findUnknownFields(obj, pod, registry));
  });

  it('stops quietly at malformed JSON, keeping what it found', () => {
    assert.deepEqual(findStrictFieldErrors('{"foo":1,"spec":{', pod, registry), [
      { type: 'unknown', path: 'foo' },
    ]);
    assert.deepEqual(findStrictFieldErrors('', pod, registry), []);
  });

  it('caps the number of errors', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `"u${i}":0`).join(',');
    assert.equal(findStrictFieldErrors(`{${keys}}`, pod, registry).length, maxStrictErrors);
  });
});

describe('findDuplicateFields', () => {
  it('finds repeated keys anywhere without a schema', () => {
    assert.deepEqual(findDuplicateFields('{"a":1,"b":{"c":[{"d":1,"d":2}]},"a":3}'), ['b.c[0].d', 'a']);
    assert.deepEqual(findDuplicateFields('[{"x":1},{"x":2}]'), []);
  });
});

describe('messages', () => {
  it('formats errors, the strict decoding error and the create/update BadRequest text as upstream', () => {
    const errs = [
      { type: 'unknown' as const, path: 'spec.containers[0].foo' },
      { type: 'duplicate' as const, path: 'metadata.name' },
    ];
    assert.equal(strictErrorText(errs[0]), 'unknown field "spec.containers[0].foo"');
    assert.equal(
      cannotBeHandledMessage('Pod', 'v1', 'Pod', strictDecodingMessage(errs)),
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].foo", duplicate field "metadata.name"',
    );
    assert.equal(strictErrorText({ type: 'unknown', path: 'a"b' }), 'unknown field "a\\"b"');
  });
});

describe('with the real schema registry', async () => {
  const { schemas } = await import('./index.js');

  it('accepts a realistic pod and flags typos where kubectl users make them', () => {
    const podText = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web',
        labels: { app: 'web' },
        managedFields: [
          { manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:labels': {} } } },
        ],
      },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: { limits: { cpu: '1', memory: '64Mi' } },
            env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            livenessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
            imagePullPolice: 'Never',
          },
        ],
        restartPolicy: 'Always',
        nodeSelector: { zone: 'a' },
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: null }],
      },
    });
    assert.deepEqual(findUnknownFields(JSON.parse(podText), 'io.k8s.api.core.v1.Pod', schemas), [
      'spec.containers[0].imagePullPolice',
    ]);
    assert.deepEqual(findStrictFieldErrors(podText, 'io.k8s.api.core.v1.Pod', schemas), [
      { type: 'unknown', path: 'spec.containers[0].imagePullPolice' },
    ]);
  });

  it('walks through a deployment template into the pod spec', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxUnaivailable: 1, maxSurge: '25%' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', foo: 1 }] } },
      },
    };
    assert.deepEqual(findUnknownFields(deploy, 'io.k8s.api.apps.v1.Deployment', schemas), [
      'spec.strategy.rollingUpdate.maxUnaivailable',
      'spec.template.spec.containers[0].foo',
    ]);
  });

  it('scans a large body quickly', () => {
    const containers = Array.from({ length: 3000 }, (_, i) => ({
      name: `c${i}`,
      image: 'nginx',
      env: Array.from({ length: 10 }, (_, j) => ({ name: `E${j}`, value: 'x'.repeat(20) })),
    }));
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'big' },
      spec: { containers },
    });
    const t0 = performance.now();
    const errs = findStrictFieldErrors(text, 'io.k8s.api.core.v1.Pod', schemas);
    const ms = performance.now() - t0;
    assert.deepEqual(errs, []);
    assert.ok(text.length > 1_000_000);
    assert.ok(ms < 1000, `took ${ms} ms for ${text.length} bytes`);
    console.log(`scanned ${text.length} bytes in ${ms.toFixed(1)} ms`);
  });
});
