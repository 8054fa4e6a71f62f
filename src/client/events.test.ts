import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../util/clock.js';
import { ApiError } from './api-error.js';
import { EventCorrelator, EventRecorder, nanosHex, type EventInput } from './events.js';
import type { RestClient } from './rest-client.js';

const input = (message: string, reason = 'Started'): EventInput => ({
  involvedObject: { kind: 'Pod', namespace: 'ns1', name: 'web', uid: 'u1', apiVersion: 'v1' },
  reason,
  message,
  type: 'Normal',
  source: { component: 'kubelet', host: 'node1' },
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node1',
});

test('the first event is created with count 1; a repeat bumps count and lastTimestamp of the same Event', () => {
  const c = new EventCorrelator();
  const first = c.observe(input('Started container app'), new Date('2024-01-01T00:00:00Z'));
  assert.equal(first.action, 'create');
  assert.equal(first.event.count, 1);
  assert.equal(first.event.metadata.namespace, 'ns1');
  assert.match(first.event.metadata.name!, /^web\.[0-9a-f]+$/);
  assert.equal(first.event.firstTimestamp, '2024-01-01T00:00:00Z');

  const second = c.observe(input('Started container app'), new Date('2024-01-01T00:00:07Z'));
  assert.equal(second.action, 'patch');
  if (second.action !== 'patch') return;
  assert.equal(second.name, first.event.metadata.name);
  assert.deepEqual(second.patch, {
    count: 2,
    lastTimestamp: '2024-01-01T00:00:07Z',
    message: 'Started container app',
  });
  assert.equal(second.event.firstTimestamp, '2024-01-01T00:00:00Z');

  const third = c.observe(input('Started container app'), new Date('2024-01-01T00:00:09Z'));
  assert.equal(third.action === 'patch' && third.patch.count, 3);
});

test('a different message, reason or object starts a new Event', () => {
  const c = new EventCorrelator();
  const now = new Date('2024-01-01T00:00:00Z');
  const a = c.observe(input('one'), now);
  const b = c.observe(input('two'), now);
  const d = c.observe(input('one', 'Killing'), now);
  assert.equal(b.action, 'create');
  assert.equal(d.action, 'create');
  assert.notEqual(a.event.metadata.name, b.event.metadata.name);
});

test('cluster-scoped objects get their events in the default namespace', () => {
  const c = new EventCorrelator();
  const e = input('x');
  e.involvedObject = { kind: 'Node', name: 'node1', uid: 'n1', apiVersion: 'v1' };
  assert.equal(c.observe(e, new Date()).event.metadata.namespace, 'default');
});

test('the correlator forgets the oldest entries beyond its size', () => {
  const c = new EventCorrelator(2);
  const now = new Date();
  c.observe(input('a'), now);
  c.observe(input('b'), now);
  c.observe(input('c'), now);
  assert.equal(c.observe(input('a'), now).action, 'create');
  assert.equal(c.observe(input('c'), now).action, 'patch');
});

test('the recorder creates, then merge-patches, and re-creates when the Event vanished', async () => {
  const calls: string[] = [];
  let missing = false;
  const fake = {
    async create(_ref: unknown, obj: any) {
      calls.push(`create ${obj.reason} count=${obj.count}`);
      return obj;
    },
    async patch(_ref: unknown, name: string, patch: any, type: string) {
      calls.push(`patch ${type} count=${patch.count}`);
      if (missing) {
        throw new ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          code: 404,
          reason: 'NotFound',
          message: name,
        });
      }
      return {};
    },
  } as unknown as RestClient;
  const rec = new EventRecorder(fake, { component: 'namespace-controller', clock: new FakeClock() });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n', uid: 'u' } };
  await rec.event(pod, 'Warning', 'Failed', 'boom');
  await rec.event(pod, 'Warning', 'Failed', 'boom');
  missing = true;
  await rec.event(pod, 'Warning', 'Failed', 'boom');
  assert.deepEqual(calls, [
    'create Failed count=1',
    'patch merge count=2',
    'patch merge count=3',
    'create Failed count=1',
  ]);
});

test('event name suffixes are the hex of UnixNano, as BigInt arithmetic gives', () => {
  for (const [ms, extra] of [
    [0, 0],
    [1, 5],
    [1_700_000_000_123, 0],
    [1_795_000_000_999, 999_999],
    [16_777_215, 7],
    [16_777_216, 999_999],
  ]) {
    assert.equal(
      nanosHex(ms, extra),
      (BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16),
      `${ms}/${extra}`,
    );
  }
});
