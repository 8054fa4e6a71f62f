import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverSideApply, type ApplyOptions } from './apply.js';
import { updateManagedFieldsForUpdate } from './managed-fields.js';
import { PatchError, toStatusError } from '../errors.js';
import { deploymentSchema, podSchema } from '../fixture-schemas.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const T1 = new Date('2026-01-01T00:05:00Z');

const deploy = (replicas = 2, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, ...extra },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    },
  },
});

const apply = (o: Partial<ApplyOptions> & Pick<ApplyOptions, 'applied'>) =>
  serverSideApply({
    live: undefined,
    manager: 'kubectl',
    force: false,
    schema: deploymentSchema,
    now: T0,
    ...o,
  });

const mf = (obj: any) => obj.metadata.managedFields as any[];

function conflictOf(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (PatchError.is(e) && e.kind === 'conflict') return e;
    throw e;
  }
  assert.fail('expected a conflict');
}

/** A live object created by client-side apply: owned by an Update manager. */
function csaLive() {
  const created = { ...deploy(2), metadata: { ...deploy(2).metadata, uid: 'u1', resourceVersion: '1' } };
  return updateManagedFieldsForUpdate({
    oldObj: undefined,
    newObj: created,
    manager: 'kubectl-client-side-apply',
    now: T0,
    schema: deploymentSchema,
  });
}

test('apply creates the object with one Apply entry', () => {
  const { object, changed } = apply({ applied: deploy() });
  assert.equal(changed, true);
  assert.equal((object.spec as any).replicas, 2);
  const entries = mf(object);
  assert.equal(entries.length, 1);
  assert.deepEqual(Object.keys(entries[0]), [
    'manager',
    'operation',
    'apiVersion',
    'time',
    'fieldsType',
    'fieldsV1',
  ]);
  assert.equal(entries[0].manager, 'kubectl');
  assert.equal(entries[0].operation, 'Apply');
  assert.equal(entries[0].apiVersion, 'apps/v1');
  assert.equal(entries[0].time, '2026-01-01T00:00:00Z');
  assert.equal(entries[0].fieldsType, 'FieldsV1');
  assert.deepEqual(Object.keys(entries[0].fieldsV1), ['f:metadata', 'f:spec']);
  assert.deepEqual(entries[0].fieldsV1['f:metadata'], { 'f:labels': { 'f:app': {} } });
});

test('re-applying the same configuration changes nothing', () => {
  const first = apply({ applied: deploy() }).object;
  const again = apply({ live: first, applied: deploy(), now: T1 });
  assert.equal(again.changed, false);
  assert.deepEqual(again.object, first);
  assert.equal(mf(again.object)[0].time, '2026-01-01T00:00:00Z');
});

test('a field no longer applied is removed', () => {
  const first = apply({ applied: deploy(2, { annotations: { note: 'x' } }) }).object;
  const next = apply({ live: first, applied: deploy(), now: T1 });
  assert.equal(next.changed, true);
  assert.equal((next.object.metadata as any).annotations, undefined);
  assert.equal(mf(next.object)[0].time, '2026-01-01T00:05:00Z');
  assert.equal(mf(next.object)[0].fieldsV1['f:metadata']['f:annotations'], undefined);
});

test('a field no longer applied stays when another manager also owns it', () => {
  const first = apply({ applied: deploy(2, { annotations: { note: 'x' } }) }).object;
  const shared = apply({
    live: first,
    manager: 'other',
    applied: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', annotations: { note: 'x' } },
    },
  }).object;
  const next = apply({ live: shared, applied: deploy(), now: T1 }).object;
  assert.deepEqual((next.metadata as any).annotations, { note: 'x' });
});

test('fields set by others are kept when the applier does not mention them', () => {
  const first = apply({ applied: deploy() }).object;
  (first.spec as any).paused = true; // written by someone without a managed entry
  const next = apply({ live: first, applied: deploy(), now: T1 });
  assert.equal((next.object.spec as any).paused, true);
  assert.equal(next.changed, false);
});

test('changing a field owned by an Update manager is a conflict with upstream wording', () => {
  const e = conflictOf(() => apply({ live: csaLive(), applied: deploy(3) }));
  assert.equal(
    e.message,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  );
  assert.deepEqual(e.causes, [
    {
      reason: 'FieldManagerConflict',
      message: 'conflict with "kubectl-client-side-apply" using apps/v1',
      field: '.spec.replicas',
    },
  ]);
  const status = toStatusError(e).toStatus();
  assert.equal(status.code, 409);
  assert.equal(status.reason, 'Conflict');
  assert.equal(status.details?.causes?.length, 1);
});

test('force takes ownership of the conflicting field', () => {
  const { object } = apply({ live: csaLive(), applied: deploy(3), force: true });
  assert.equal((object.spec as any).replicas, 3);
  const csa = mf(object).find((e) => e.manager === 'kubectl-client-side-apply');
  const ssa = mf(object).find((e) => e.manager === 'kubectl');
  assert.equal(csa.fieldsV1['f:spec']['f:replicas'], undefined);
  assert.deepEqual(ssa.fieldsV1['f:spec']['f:replicas'], {});
  assert.equal(mf(object)[0].operation, 'Apply', 'Apply entries sort first');
});

test('applying the same value another manager set shares ownership without conflict', () => {
  const { object, changed } = apply({ live: csaLive(), applied: deploy(2) });
  assert.equal(changed, false);
  const csa = mf(object).find((e) => e.manager === 'kubectl-client-side-apply');
  const ssa = mf(object).find((e) => e.manager === 'kubectl');
  assert.deepEqual(csa.fieldsV1['f:spec']['f:replicas'], {});
  assert.deepEqual(ssa.fieldsV1['f:spec']['f:replicas'], {});
  assert.equal(ssa.time, undefined, 'no change, no time');
});

test('conflict between two appliers names the applier without a version', () => {
  const first = apply({ applied: deploy(2), manager: 'alice' }).object;
  const e = conflictOf(() => apply({ live: first, applied: deploy(5), manager: 'bob' }));
  assert.equal(e.message, 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
});

test('several conflicts are listed per manager', () => {
  const first = apply({ applied: deploy(2), manager: 'alice' }).object;
  const changed = deploy(5);
  changed.spec.template.spec.containers[0].image = 'nginx:2';
  const e = conflictOf(() => apply({ live: first, applied: changed, manager: 'bob' }));
  assert.equal(
    e.message,
    'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
  );
  assert.equal(e.causes.length, 2);
});

test('list-map elements merge by container name across managers', () => {
  const first = apply({ applied: deploy(), manager: 'alice' }).object;
  const sidecar = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { containers: [{ name: 'log', image: 'busybox' }] } } },
  };
  const both = apply({ live: first, applied: sidecar, manager: 'bob' }).object;
  assert.deepEqual(
    (both.spec as any).template.spec.containers.map((c: any) => c.name),
    ['nginx', 'log'],
  );
  const bobGone = apply({
    live: both,
    applied: { ...sidecar, spec: { template: { spec: { containers: [] } } } },
    manager: 'bob',
  }).object;
  assert.deepEqual(
    (bobGone.spec as any).template.spec.containers.map((c: any) => c.name),
    ['nginx'],
  );
});

test('an applier dropping a container removes it', () => {
  const two = deploy();
  two.spec.template.spec.containers.push({ name: 'side', image: 'busybox' });
  const first = apply({ applied: two }).object;
  const next = apply({ live: first, applied: deploy() }).object;
  assert.deepEqual(
    (next.spec as any).template.spec.containers.map((c: any) => c.name),
    ['nginx'],
  );
});

test('sets take the union across appliers (finalizers)', () => {
  const base = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: ['a'] } };
  const first = apply({ applied: base, schema: podSchema, manager: 'm1' }).object;
  const next = apply({
    live: first,
    applied: { ...base, metadata: { name: 'p', finalizers: ['b'] } },
    schema: podSchema,
    manager: 'm2',
  }).object;
  assert.deepEqual((next.metadata as any).finalizers, ['a', 'b']);
  const m2 = mf(next).find((e) => e.manager === 'm2');
  assert.deepEqual(m2.fieldsV1, { 'f:metadata': { 'f:finalizers': { 'v:"b"': {} } } });
});

test('atomic lists are replaced whole', () => {
  const pod = (args: string[]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'x', args }] },
  });
  const first = apply({ applied: pod(['a', 'b']), schema: podSchema }).object;
  const next = apply({ live: first, applied: pod(['c']), schema: podSchema }).object;
  assert.deepEqual((next.spec as any).containers[0].args, ['c']);
  const fields = mf(next)[0].fieldsV1['f:spec']['f:containers']['k:{"name":"c"}'];
  assert.deepEqual(fields['f:args'], {});
});

test('list order follows the applied list, keeping live-only elements in place', () => {
  const pod = (names: string[]) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: names.map((name) => ({ name, image: 'x' })) },
  });
  const live = apply({ applied: pod(['a', 'b', 'c']), schema: podSchema, manager: 'm1' }).object;
  const next = apply({ live, applied: pod(['c', 'a']), schema: podSchema, manager: 'm2' }).object;
  assert.deepEqual(
    (next.spec as any).containers.map((c: any) => c.name),
    ['b', 'c', 'a'],
  );
});

test('a list-map element without its key (and no default) is invalid', () => {
  assert.throws(
    () => apply({ applied: { spec: { template: { spec: { containers: [{ image: 'x' }] } } } } }),
    (e: unknown) => PatchError.is(e) && e.kind === 'invalid' && /omits key field "name"/.test(e.message),
  );
});

test('a non-object apply body is a bad request', () => {
  assert.throws(
    () => apply({ applied: [1] }),
    (e: unknown) => PatchError.is(e) && e.kind === 'badRequest',
  );
});

test('ignored subtrees (status) are never owned', () => {
  const { object } = apply({
    applied: { ...deploy(), status: { replicas: 9 } },
    ignored: [[{ field: 'status' }]],
  });
  assert.equal(mf(object)[0].fieldsV1['f:status'], undefined);
});
