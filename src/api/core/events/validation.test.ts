import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Event } from './types.js';
import { validateCreate } from './validation.js';

const ev = (body: Partial<Event>, namespace = 'default'): Event => ({
  metadata: { name: 'e1', namespace },
  ...body,
});

describe('core/v1 event validation', () => {
  it('requires the involved object in the event namespace', () => {
    assert.deepEqual(
      validateCreate(ev({ involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' } })),
      [],
    );
    assert.deepEqual(
      validateCreate(ev({ involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } })).map(String),
      ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
    );
  });

  it('allows cluster-scoped objects from the default namespace only (old-style events)', () => {
    assert.deepEqual(validateCreate(ev({ involvedObject: { kind: 'Node', name: 'n1' } })), []);
    assert.deepEqual(
      validateCreate(ev({ involvedObject: { kind: 'Node', name: 'n1' } }, 'team')).map(String),
      ['involvedObject.namespace: Invalid value: "": does not match event.namespace'],
    );
  });

  it('requires reporting fields on new-style events', () => {
    const e = ev({
      eventTime: '2024-01-01T00:00:00.000000Z',
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
    });
    const errs = validateCreate(e).map(String);
    // Like upstream, an empty controller also fails the qualified-name check.
    assert.equal(errs.filter((m) => m.startsWith('reportingController: Invalid value: ""')).length, 2);
    assert.deepEqual(
      errs.filter((m) => !m.startsWith('reportingController: Invalid')),
      [
        'reportingController: Required value',
        'reportingInstance: Required value',
        'action: Required value',
        'reason: Required value',
      ],
    );
    const ok = {
      ...e,
      reportingComponent: 'kubeling.io/kubelet',
      reportingInstance: 'n1',
      action: 'Pulling',
      reason: 'Pulling',
    };
    assert.deepEqual(validateCreate(ok), []);
    assert.deepEqual(
      validateCreate({ ...ok, reportingComponent: 'bad name!' })
        .map(String)
        .slice(0, 1),
      [
        `reportingController: Invalid value: "bad name!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    );
  });
});
