import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyObject, type KubeObject } from './meta.js';

test('copyObject copies everything but the FieldsV1 values, keeping every key in its place', () => {
  const v1 = { 'f:spec': { 'f:replicas': {} } };
  const o = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'a',
      labels: { x: '1' },
      managedFields: [
        { manager: 'm', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: v1, subresource: 's' },
      ],
      finalizers: ['f'],
    },
    data: { k: 'v' },
  } as unknown as KubeObject;
  const c = copyObject(o);
  assert.deepEqual(c, o);
  assert.equal(JSON.stringify(c), JSON.stringify(o), 'same key order');
  assert.notEqual(c.metadata, o.metadata);
  assert.notEqual(c.metadata.labels, o.metadata.labels);
  assert.notEqual(c.metadata.managedFields, o.metadata.managedFields);
  assert.notEqual(c.metadata.managedFields![0], o.metadata.managedFields![0]);
  assert.equal(c.metadata.managedFields![0].fieldsV1, v1, 'FieldsV1 values are shared');
  assert.notEqual((c as any).data, (o as any).data);
});
