import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controllerName, printer } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('controller revision columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Controller', 'string', 0],
      ['Revision', 'string', 0],
      ['Age', 'string', 0],
    ],
  );
  const cr = {
    metadata: {
      name: 'web-6b8f',
      creationTimestamp: '2024-05-01T11:59:00Z',
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Pod', name: 'not-controller', uid: 'u0' },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true },
      ],
    },
    revision: 2,
  };
  assert.deepEqual(printer.row(cr, now).cells, ['web-6b8f', 'statefulset.apps/web', 2, '60s']);
  assert.deepEqual(printer.row({ metadata: { name: 'orphan' } }, now).cells, [
    'orphan',
    '<none>',
    0,
    '<unknown>',
  ]);
});

test('controller name for a core-group owner has no group suffix', () => {
  const obj = {
    metadata: {
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u', controller: true }],
    },
  };
  assert.equal(controllerName(obj), 'node/n1');
});
