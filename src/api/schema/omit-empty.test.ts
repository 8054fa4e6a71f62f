import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from './index.js';
import { omitEmpty } from './omit-empty.js';

test('drops empty optional maps and lists, keeps structs and required lists', () => {
  const pod: any = {
    metadata: { name: 'p', labels: {}, annotations: {}, finalizers: [] },
    spec: { containers: [{ name: 'c', image: 'x', env: [], resources: {} }], nodeSelector: {}, volumes: [] },
  };
  omitEmpty(pod, 'io.k8s.api.core.v1.Pod', schemas);
  assert.deepEqual(pod, {
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'x', resources: {} }] },
  });
});

test('keeps non-empty values and configmap data entries', () => {
  const cm: any = { metadata: { name: 'c', labels: { a: '' } }, data: { k: '' } };
  omitEmpty(cm, 'io.k8s.api.core.v1.ConfigMap', schemas);
  assert.deepEqual(cm, { metadata: { name: 'c', labels: { a: '' } }, data: { k: '' } });
});
