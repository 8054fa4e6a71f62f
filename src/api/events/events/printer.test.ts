import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer as corePrinter } from '../../core/events/printer.js';
import { printer, type EventsV1View } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');

test('events.k8s.io events share the core event columns', () => {
  assert.deepEqual(printer.columns, corePrinter.columns);
  assert.equal(printer.columns.length, 10);
});

test('events.k8s.io event row maps the v1 field names', () => {
  const ev: EventsV1View = {
    metadata: { name: 'web.1' },
    regarding: { kind: 'Deployment', name: 'web' },
    note: 'Scaled up replica set web-5d4f to 3 ',
    reason: 'ScalingReplicaSet',
    type: 'Normal',
    eventTime: '2024-05-01T11:59:00.000000Z',
    reportingController: 'deployment-controller',
    deprecatedSource: { component: 'deployment-controller' },
    deprecatedFirstTimestamp: '2024-05-01T11:50:00Z',
    deprecatedLastTimestamp: '2024-05-01T11:55:00Z',
    deprecatedCount: 2,
  };
  assert.deepEqual(printer.row(ev, now).cells, [
    '5m',
    'Normal',
    'ScalingReplicaSet',
    'deployment/web',
    '',
    'deployment-controller',
    'Scaled up replica set web-5d4f to 3',
    '10m',
    2,
    'web.1',
  ]);
});

test('events.k8s.io event with only v1 fields', () => {
  const ev: EventsV1View = {
    metadata: { name: 'p.2' },
    regarding: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c}' },
    note: 'Back-off restarting failed container',
    reason: 'BackOff',
    type: 'Warning',
    eventTime: '2024-05-01T11:00:00.000000Z',
    series: { count: 12, lastObservedTime: '2024-05-01T11:59:50.000000Z' },
    reportingController: 'kubelet',
    reportingInstance: 'node1',
  };
  assert.deepEqual(printer.row(ev, now).cells, [
    '10s',
    'Warning',
    'BackOff',
    'pod/p',
    'spec.containers{c}',
    'kubelet, node1',
    'Back-off restarting failed container',
    '60m',
    12,
    'p.2',
  ]);
});
