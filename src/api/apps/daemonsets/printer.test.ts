import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type DaemonSetView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('daemon set columns and rows', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Desired', 'integer', 0],
      ['Current', 'integer', 0],
      ['Ready', 'integer', 0],
      ['Up-to-date', 'integer', 0],
      ['Available', 'integer', 0],
      ['Node Selector', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
  const ds: DaemonSetView = {
    metadata: { name: 'proxy', creationTimestamp: '2024-04-20T12:00:00Z' },
    spec: {
      selector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['proxy'] }] },
      template: {
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [{ name: 'p', image: 'proxy:1' }],
        },
      },
    },
    status: {
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 1,
    },
  };
  assert.deepEqual(printer.row(ds, now).cells, [
    'proxy',
    2,
    2,
    1,
    2,
    1,
    'kubernetes.io/os=linux',
    '11d',
    'p',
    'proxy:1',
    'k8s-app in (proxy)',
  ]);
  assert.deepEqual(printer.row({ metadata: { name: 'x' } }, now).cells.slice(1, 8), [
    0,
    0,
    0,
    0,
    0,
    '<none>',
    '<unknown>',
  ]);
});
