import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import {
  aggregate,
  containerResourceValue,
  downwardPayload,
  formatMap,
  keyPayload,
  podFieldValue,
} from './payload.js';

const node = { cpuMillis: 4000, memoryBytes: 8 * 1024 ** 3, ephemeralStorageBytes: 100 };
const pod: Pod = {
  metadata: {
    name: 'web',
    namespace: 'prod',
    uid: 'u-1',
    labels: { b: '2', a: 'one "quoted"' },
    annotations: { note: 'x' },
  },
  spec: {
    containers: [
      { name: 'app', resources: { limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m' } } },
      { name: 'bare' },
    ],
  },
};

describe('volume payloads', () => {
  it('configMap/secret: every key with defaultMode, or items with their path and mode', () => {
    const data = { a: Buffer.from('A'), b: Buffer.from('B') };
    assert.deepEqual(keyPayload('configmap', data, undefined, 0o644, false), {
      a: { data: data.a, mode: 0o644 },
      b: { data: data.b, mode: 0o644 },
    });
    assert.deepEqual(keyPayload('secret', data, [{ key: 'a', path: 'x/y', mode: 0o400 }], 0o644, false), {
      'x/y': { data: data.a, mode: 0o400 },
    });
  });

  it('a missing key fails unless optional, worded as upstream', () => {
    assert.throws(() => keyPayload('configmap', {}, [{ key: 'k', path: 'p' }], 0o644, false), {
      message: 'configmap references non-existent config key: k',
    });
    assert.throws(() => keyPayload('secret', {}, [{ key: 'k', path: 'p' }], 0o644, false), {
      message: 'references non-existent secret key: k',
    });
    assert.deepEqual(keyPayload('secret', {}, [{ key: 'k', path: 'p' }], 0o644, true), {});
  });

  it('downward API fields: name, namespace, uid, labels and annotations (sorted, quoted)', () => {
    assert.equal(podFieldValue(pod, 'metadata.name'), 'web');
    assert.equal(podFieldValue(pod, 'metadata.namespace'), 'prod');
    assert.equal(podFieldValue(pod, 'metadata.uid'), 'u-1');
    assert.equal(podFieldValue(pod, 'metadata.labels'), 'a="one \\"quoted\\""\nb="2"');
    assert.equal(podFieldValue(pod, "metadata.labels['b']"), '2');
    assert.equal(podFieldValue(pod, 'metadata.annotations'), 'note="x"');
    assert.equal(formatMap(undefined), '');
    assert.throws(() => podFieldValue(pod, 'spec.nodeName'), {
      message: 'unsupported fieldPath: spec.nodeName',
    });
  });

  it('resourceFieldRef: ceil(value/divisor); unset limits are the node allocatable', () => {
    assert.equal(containerResourceValue(pod, 'app', 'limits.cpu', undefined, node), '1');
    assert.equal(containerResourceValue(pod, 'app', 'limits.cpu', '1m', node), '250');
    assert.equal(containerResourceValue(pod, 'app', 'requests.cpu', '1m', node), '100');
    assert.equal(containerResourceValue(pod, 'app', 'limits.memory', '1Mi', node), '64');
    assert.equal(containerResourceValue(pod, 'bare', 'limits.cpu', '1m', node), '4000');
    assert.equal(containerResourceValue(pod, 'bare', 'limits.memory', '1Gi', node), '8');
    assert.equal(containerResourceValue(pod, 'bare', 'requests.memory', undefined, node), '0');
    assert.equal(containerResourceValue(pod, 'bare', 'limits.hugepages-2Mi', undefined, node), '0');
    assert.equal(containerResourceValue(pod, 'bare', 'requests.hugepages-2Mi', undefined, node), '0');
    assert.throws(() => containerResourceValue(pod, 'app', 'limits.gpu', undefined, node), {
      message: 'unsupported container resource : limits.gpu',
    });
    assert.throws(() => containerResourceValue(pod, 'nope', 'limits.cpu', undefined, node), {
      message: 'container nope not found',
    });
  });

  it('downwardPayload collects every item and every error', () => {
    const r = downwardPayload(
      pod,
      [
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
        {
          path: 'mem',
          resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
          mode: 0o400,
        },
        { path: 'bad', fieldRef: { fieldPath: 'status.podIP' } },
      ],
      0o644,
      node,
    );
    assert.deepEqual(r.payload.name, { data: 'web', mode: 0o644 });
    assert.deepEqual(r.payload.mem, { data: '64', mode: 0o400 });
    assert.deepEqual(r.errors, ['unsupported fieldPath: status.podIP']);
    assert.equal(aggregate(['a']), 'a');
    assert.equal(aggregate(['a', 'b']), '[a, b]');
    assert.equal(aggregate(['a', 'a']), 'a');
    assert.equal(aggregate(['a', 'b', 'a']), '[a, b]');
  });
});
