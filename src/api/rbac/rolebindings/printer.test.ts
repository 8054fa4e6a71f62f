import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type BindingView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('role binding columns and rows', () => {
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
  const rb: BindingView = {
    metadata: { name: 'read-pods', namespace: 'dev', creationTimestamp: '2024-05-01T11:00:00Z' },
    roleRef: { kind: 'Role', name: 'pod-reader' },
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
      { kind: 'User', name: 'bob' },
      { kind: 'Group', name: 'devs' },
      { kind: 'Other', name: 'ignored' },
    ],
  };
  assert.deepEqual(printer.row(rb, now).cells, [
    'read-pods',
    'Role/pod-reader',
    '60m',
    'jane, bob',
    'devs',
    'ci/builder',
  ]);
  const empty: BindingView = { metadata: { name: 'e' }, roleRef: { kind: 'ClusterRole', name: 'view' } };
  assert.deepEqual(printer.row(empty, now).cells, ['e', 'ClusterRole/view', '<unknown>', '', '', '']);
});
