import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type DeploymentView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('deployment columns', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ],
  );
  assert.equal(printer.columns[0].format, 'name');
});

test('deployment rows', () => {
  const d: DeploymentView = {
    metadata: { name: 'web', creationTimestamp: '2024-05-01T11:54:30Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        spec: {
          containers: [
            { name: 'nginx', image: 'nginx:1.27' },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };
  assert.deepEqual(printer.row(d, now).cells, [
    'web',
    '2/3',
    3,
    2,
    '5m30s',
    'nginx,sidecar',
    'nginx:1.27,busybox',
    'app=web',
  ]);

  const fresh: DeploymentView = { metadata: { name: 'new' }, spec: { replicas: 1, selector: {} } };
  assert.deepEqual(printer.row(fresh, now).cells, ['new', '0/1', 0, 0, '<unknown>', '', '', '']);

  const bad: DeploymentView = {
    metadata: { name: 'bad' },
    spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Nope' }] } },
  };
  assert.equal(printer.row(bad, now).cells[7], '<invalid>');
});
