import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideAfterDeletion,
  decideNamespace,
  deletionConditions,
  type ContentObservation,
  type Namespace,
} from './sync.js';

const T0 = new Date('2024-01-01T00:00:00Z');
const T1 = new Date('2024-01-01T00:01:00Z');
const terminating = (extra: Partial<Namespace> = {}): Namespace => ({
  metadata: { name: 'ns1', deletionTimestamp: '2024-01-01T00:00:00Z' },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Terminating' },
  ...extra,
});
const empty = (): ContentObservation => ({
  discoveryFailures: [],
  deleteFailures: [],
  remaining: {},
  finalizers: {},
});

test('only Terminating namespaces that still carry the kubernetes finalizer need work', () => {
  assert.equal(decideNamespace(undefined).kind, 'ignore');
  assert.equal(
    decideNamespace({ metadata: { name: 'a' }, spec: { finalizers: ['kubernetes'] } }).kind,
    'ignore',
  );
  assert.equal(decideNamespace(terminating({ spec: {} })).kind, 'ignore');
  assert.equal(decideNamespace(terminating()).kind, 'delete-content');
});

test('an empty namespace is finalized without the kubernetes finalizer and with five OK conditions', () => {
  const d = decideAfterDeletion(
    terminating({ spec: { finalizers: ['kubernetes', 'example.com/x'] } }),
    empty(),
    T0,
  );
  assert.equal(d.kind, 'finalize');
  if (d.kind !== 'finalize') return;
  assert.deepEqual(d.finalizers, ['example.com/x']);
  assert.equal(d.statusChanged, true);
  assert.equal(d.status.phase, 'Terminating');
  assert.deepEqual(
    d.status.conditions.map((c) => [c.type, c.status, c.reason]),
    [
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ],
  );
  assert.equal(d.status.conditions[3].message, 'All content successfully removed');
});

test('remaining content and finalizers are reported, sorted, and the namespace waits', () => {
  const obs = {
    ...empty(),
    remaining: { pods: 2, 'deployments.apps': 1 },
    finalizers: { foregroundDeletion: 1 },
  };
  const d = decideAfterDeletion(terminating(), obs, T0);
  assert.equal(d.kind, 'wait');
  if (d.kind !== 'wait') return;
  assert.equal(d.requeueAfterMs, 1000);
  const byType = Object.fromEntries(d.status.conditions.map((c) => [c.type, c]));
  assert.equal(byType.NamespaceContentRemaining.status, 'True');
  assert.equal(byType.NamespaceContentRemaining.reason, 'SomeResourcesRemain');
  assert.equal(
    byType.NamespaceContentRemaining.message,
    'Some resources are remaining: deployments.apps has 1 resource instances, pods has 2 resource instances',
  );
  assert.equal(byType.NamespaceFinalizersRemaining.reason, 'SomeFinalizersRemain');
  assert.equal(
    byType.NamespaceFinalizersRemaining.message,
    'Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances',
  );
});

test('failures wait longer and are reported as ContentDeletionFailed', () => {
  const d = decideAfterDeletion(terminating(), { ...empty(), deleteFailures: ['pods: timeout'] }, T0);
  assert.equal(d.kind, 'wait');
  if (d.kind !== 'wait') return;
  assert.equal(d.requeueAfterMs, 5000);
  const c = d.status.conditions.find((x) => x.type === 'NamespaceDeletionContentFailure')!;
  assert.equal(c.reason, 'ContentDeletionFailed');
  assert.equal(c.message, 'Failed to delete all resource types, 1 remaining: pods: timeout');
});

test('a namespace whose phase did not follow its deletionTimestamp gets its status rewritten', () => {
  const conditions = deletionConditions(empty(), [], T0);
  const d = decideAfterDeletion(
    terminating({ status: { phase: 'Active', conditions } }),
    { ...empty(), remaining: {} },
    T1,
  );
  assert.equal(d.kind === 'finalize' && d.statusChanged, true);
});

test('lastTransitionTime only moves when a condition changes status; unchanged conditions need no write', () => {
  const first = deletionConditions({ ...empty(), remaining: { pods: 1 } }, [], T0);
  const again = decideAfterDeletion(
    terminating({ status: { phase: 'Terminating', conditions: first } }),
    { ...empty(), remaining: { pods: 1 } },
    T1,
  );
  assert.equal(again.kind === 'wait' && again.statusChanged, false);
  const later = deletionConditions(empty(), first, T1);
  const remaining = later.find((c) => c.type === 'NamespaceContentRemaining')!;
  assert.equal(remaining.lastTransitionTime, '2024-01-01T00:01:00Z');
  assert.equal(
    later.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')!.lastTransitionTime,
    '2024-01-01T00:00:00Z',
  );
});
