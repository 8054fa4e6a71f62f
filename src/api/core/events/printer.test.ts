import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, type EventView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('event columns: upstream order, wide ones interleaved, Name wide-only', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Last Seen', 'string', 0],
      ['Type', 'string', 0],
      ['Reason', 'string', 0],
      ['Object', 'string', 0],
      ['Subobject', 'string', 1],
      ['Source', 'string', 1],
      ['Message', 'string', 0],
      ['First Seen', 'string', 1],
      ['Count', 'string', 1],
      ['Name', 'string', 1],
    ],
  );
  assert.equal(printer.columns[9].format, 'name');
});

test('event row from a kubelet-style core event', () => {
  const ev: EventView = {
    metadata: { name: 'nginx.17c9a' },
    involvedObject: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled',
    message: '  Successfully pulled image "nginx"\n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node1' },
    firstTimestamp: '2024-05-01T11:50:00Z',
    lastTimestamp: '2024-05-01T11:58:00Z',
    count: 3,
  };
  assert.deepEqual(printer.row(ev, now).cells, [
    '2m',
    'Normal',
    'Pulled',
    'pod/nginx',
    'spec.containers{nginx}',
    'kubelet, node1',
    'Successfully pulled image "nginx"',
    '10m',
    3,
    'nginx.17c9a',
  ]);
});

test('event row: eventTime fallback, count default, reporting fields, kind-only object', () => {
  const ev: EventView = {
    metadata: { name: 'e1' },
    involvedObject: { kind: 'Node' },
    reason: 'Starting',
    type: 'Normal',
    eventTime: '2024-05-01T11:59:00.000000Z',
    reportingComponent: 'kube-proxy',
  };
  assert.deepEqual(printer.row(ev, now).cells, [
    '60s',
    'Normal',
    'Starting',
    'node',
    '',
    'kube-proxy',
    '',
    '60s',
    1,
    'e1',
  ]);
});

test('event row: series sets Last Seen and Count; no times at all is <unknown>', () => {
  const ev: EventView = {
    metadata: { name: 'e2' },
    involvedObject: { kind: 'Pod', name: 'p' },
    eventTime: '2024-05-01T10:00:00.000000Z',
    series: { count: 7, lastObservedTime: '2024-05-01T11:59:30.000000Z' },
    reportingComponent: 'scheduler',
    reportingInstance: 'sched-1',
  };
  const cells = printer.row(ev, now).cells;
  assert.equal(cells[0], '30s');
  assert.equal(cells[5], 'scheduler, sched-1');
  assert.equal(cells[7], '120m');
  assert.equal(cells[8], 7);
  const empty = printer.row({ metadata: { name: 'e3' } }, now).cells;
  assert.deepEqual([empty[0], empty[7], empty[8]], ['<unknown>', '<unknown>', 1]);
});
