import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeRoles, printer, type NodeView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('node columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Status', 'string', 0],
      ['Roles', 'string', 0],
      ['Age', 'string', 0],
      ['Version', 'string', 0],
      ['Internal-IP', 'string', 1],
      ['External-IP', 'string', 1],
      ['OS-Image', 'string', 1],
      ['Kernel-Version', 'string', 1],
      ['Container-Runtime', 'string', 1],
    ],
  );
  assert.equal(printer.columns[0].format, 'name');
});

test('node row: ready control-plane node with addresses', () => {
  const node: NodeView = {
    metadata: {
      name: 'n1',
      creationTimestamp: '2024-04-28T09:00:00Z',
      labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '' },
    },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
      addresses: [
        { type: 'Hostname', address: 'n1' },
        { type: 'InternalIP', address: '192.168.1.10' },
        { type: 'InternalIP', address: '192.168.1.11' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0',
        osImage: 'Debian GNU/Linux 12',
        kernelVersion: '6.1.0',
        containerRuntimeVersion: 'kubeling://0.1.0',
      },
    },
  };
  assert.deepEqual(printer.row(node, now).cells, [
    'n1',
    'Ready',
    'control-plane,master',
    '3d3h',
    'v1.32.0',
    '192.168.1.10',
    '<none>',
    'Debian GNU/Linux 12',
    '6.1.0',
    'kubeling://0.1.0',
  ]);
});

test('node status: NotReady, Unknown, SchedulingDisabled', () => {
  const base = { metadata: { name: 'n' } };
  const status = (n: Omit<NodeView, 'metadata'>) => printer.row({ ...base, ...n }, now).cells[1];
  assert.equal(status({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 'NotReady');
  assert.equal(status({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }), 'NotReady');
  assert.equal(status({}), 'Unknown');
  assert.equal(
    status({ spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
    'Ready,SchedulingDisabled',
  );
  assert.equal(status({ spec: { unschedulable: true } }), 'Unknown,SchedulingDisabled');
  const bare = printer.row(base, now).cells;
  assert.deepEqual(bare.slice(3), [
    '<unknown>',
    '',
    '<none>',
    '<none>',
    '<unknown>',
    '<unknown>',
    '<unknown>',
  ]);
});

test('node roles', () => {
  assert.equal(nodeRoles(undefined), '<none>');
  assert.equal(nodeRoles({ 'node-role.kubernetes.io/': 'x', 'kubernetes.io/role': '' }), '<none>');
  assert.equal(
    nodeRoles({
      'kubernetes.io/role': 'worker',
      'node-role.kubernetes.io/worker': '',
      'node-role.kubernetes.io/edge': '',
    }),
    'edge,worker',
  );
});
