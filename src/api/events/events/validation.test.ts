import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from './types.js';
import { validateCreate, validateUpdate } from './validation.js';

const ev = (body: Partial<Event> = {}): Event => ({
  metadata: { name: 'e1', namespace: 'default', resourceVersion: '1' },
  eventTime: '2024-05-01T10:00:00.000000Z',
  reportingController: 'kubeling.io/scheduler',
  reportingInstance: 'scheduler-1',
  action: 'Binding',
  reason: 'Scheduled',
  note: 'assigned',
  type: 'Normal',
  regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
  ...body,
});

describe('events.k8s.io/v1 event', () => {
  it('accepts a complete event', () => {
    assert.deepEqual(validateCreate(ev()), []);
  });

  it('applies the strict rules', () => {
    assert.deepEqual(
      validateCreate(ev({ type: 'Info', deprecatedCount: 3, series: { count: 1 } })).map(String),
      [
        'series.count: Invalid value: "": should be at least 2',
        'series.lastObservedTime: Required value',
        'type: Invalid value: "": has invalid value: Info',
        'count: Invalid value: "": needs to be unset',
      ],
    );
  });

  it('requires eventTime and reports internal field names', () => {
    const errs = validateCreate(
      ev({ eventTime: undefined, regarding: { kind: 'Pod', name: 'p', namespace: 'other' } }),
    ).map(String);
    assert.deepEqual(errs, [
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
      'eventTime: Required value',
    ]);
  });

  it('keeps the note fixed on update', () => {
    assert.deepEqual(validateUpdate(ev({ note: 'changed' }), ev()).map(String), [
      'message: Invalid value: "changed": field is immutable',
    ]);
  });
});
