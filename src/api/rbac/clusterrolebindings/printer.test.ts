import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type BindingView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('cluster role binding columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Role', 'string', 0],
      ['Age', 'string', 0],
      ['Users', 'string', 1],
      ['Groups', 'string', 1],
      ['ServiceAccounts', 'string', 1],
    ],
  );
  const crb: BindingView = {
    metadata: { name: 'cluster-admin', creationTimestamp: '2024-04-01T12:00:00Z' },
    roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [
      { kind: 'Group', name: 'system:masters' },
      { kind: 'ServiceAccount', name: 'a', namespace: 'kube-system' },
      { kind: 'ServiceAccount', name: 'b', namespace: 'default' },
    ],
  };
  assert.deepEqual(printer.row(crb, now).cells, [
    'cluster-admin',
    'ClusterRole/cluster-admin',
    '30d',
    '',
    'system:masters',
    'kube-system/a, default/b',
  ]);
});
