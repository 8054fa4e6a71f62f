import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCoreEvent, toCoreEvent } from './conversion.js';

test('core events convert to events.k8s.io and back', () => {
  const core = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
    reason: 'Started',
    message: 'Started container c',
    source: { component: 'kubelet', host: 'n1' },
    count: 3,
    type: 'Normal',
    reportingComponent: 'kubelet',
  };
  const view = fromCoreEvent(core);
  assert.equal(view.apiVersion, 'events.k8s.io/v1');
  assert.deepEqual(view.regarding, core.involvedObject);
  assert.equal(view.note, 'Started container c');
  assert.equal(view.deprecatedCount, 3);
  assert.equal(view.reportingController, 'kubelet');
  const back = toCoreEvent(view);
  assert.deepEqual(back, core);
});
