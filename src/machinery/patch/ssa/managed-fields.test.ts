import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeManagedFields,
  encodeManagedFields,
  managerIdentity,
  updateManagedFieldsForUpdate,
  type UpdateOptions,
} from './managed-fields.js';
import { FieldSet } from './fieldset.js';
import { deploymentSchema, podSchema } from '../fixture-schemas.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const T1 = new Date('2026-01-01T00:10:00Z');

const deploy = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    uid: 'u',
    resourceVersion: '1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    },
  },
});

const update = (o: Partial<UpdateOptions> & Pick<UpdateOptions, 'newObj'>) =>
  updateManagedFieldsForUpdate({
    oldObj: undefined,
    manager: 'kubectl-client-side-apply',
    now: T0,
    schema: deploymentSchema,
    ...o,
  });

const mf = (obj: any) => obj.metadata.managedFields as any[];

test('create through client-side apply records an Update entry shaped like upstream', () => {
  const out = update({ newObj: deploy() });
  assert.deepEqual(mf(out), [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2026-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': {
          'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
          'f:labels': { '.': {}, 'f:app': {} },
        },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ]);
});

test('a later update by the same manager merges into its entry and refreshes the time', () => {
  const created = update({ newObj: deploy() });
  const changed = structuredClone(created) as any;
  changed.spec.paused = true;
  const out = update({ oldObj: created, newObj: changed, now: T1 });
  assert.equal(mf(out).length, 1);
  assert.equal(mf(out)[0].time, '2026-01-01T00:10:00Z');
  assert.deepEqual(mf(out)[0].fieldsV1['f:spec']['f:paused'], {});
  assert.deepEqual(mf(out)[0].fieldsV1['f:spec']['f:replicas'], {});
});

test('an update that changes nothing leaves managedFields alone', () => {
  const created = update({ newObj: deploy() });
  const out = update({ oldObj: created, newObj: structuredClone(created), manager: 'kubectl-edit', now: T1 });
  assert.deepEqual(mf(out), mf(created));
});

test('another manager changing a field takes it over', () => {
  const created = update({ newObj: deploy() });
  const scaled = structuredClone(created) as any;
  scaled.spec.replicas = 5;
  const out = update({ oldObj: created, newObj: scaled, manager: 'kubectl', subresource: 'scale', now: T1 });
  const csa = mf(out).find((e) => e.manager === 'kubectl-client-side-apply');
  const scale = mf(out).find((e) => e.manager === 'kubectl');
  assert.equal(csa.fieldsV1['f:spec']['f:replicas'], undefined);
  assert.deepEqual(scale.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  assert.equal(scale.subresource, 'scale');
  assert.deepEqual(Object.keys(scale), [
    'manager',
    'operation',
    'apiVersion',
    'time',
    'fieldsType',
    'fieldsV1',
    'subresource',
  ]);
  assert.deepEqual(
    mf(out).map((e) => e.manager),
    ['kubectl-client-side-apply', 'kubectl'],
    'Update entries sort by time',
  );
});

test('a removed field leaves every manager; an emptied entry disappears', () => {
  const cm = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: '1' } } };
  const created = updateManagedFieldsForUpdate({
    oldObj: undefined,
    newObj: cm,
    manager: 'm',
    now: T0,
    schema: podSchema,
  });
  const cleared = structuredClone(created) as any;
  delete cleared.metadata.labels;
  const out = updateManagedFieldsForUpdate({
    oldObj: created,
    newObj: cleared,
    manager: 'other',
    now: T1,
    schema: podSchema,
  });
  assert.equal((out.metadata as any).managedFields, undefined);
});

test('managedFields sent by the client are honoured; an empty list keeps the stored ones', () => {
  const created = update({ newObj: deploy() });
  const edited = structuredClone(created) as any;
  edited.metadata.managedFields = [];
  edited.spec.replicas = 3;
  const kept = update({ oldObj: created, newObj: edited, manager: 'kubectl-edit', now: T1 });
  assert.deepEqual(
    mf(kept).map((e) => e.manager),
    ['kubectl-client-side-apply', 'kubectl-edit'],
  );
  const rewritten = structuredClone(created) as any;
  rewritten.metadata.managedFields = [
    {
      manager: 'x',
      operation: 'Update',
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:paused': {} } },
    },
  ];
  const out = update({ oldObj: created, newObj: rewritten, manager: 'kubectl-edit', now: T1 });
  assert.deepEqual(
    mf(out).map((e) => e.manager),
    ['x'],
  );
});

test('ignored subtrees are not tracked', () => {
  const withStatus = { ...deploy(), status: { replicas: 1 } };
  const out = update({ newObj: withStatus, ignored: [[{ field: 'status' }]] });
  assert.equal(mf(out)[0].fieldsV1['f:status'], undefined);
  const tracked = update({ newObj: withStatus });
  assert.deepEqual(tracked.metadata && mf(tracked)[0].fieldsV1['f:status'], { 'f:replicas': {} });
});

test('identities and decoding: Apply ignores apiVersion, Update keeps it; duplicates merge', () => {
  assert.equal(
    managerIdentity({ manager: 'k', operation: 'Apply', apiVersion: 'v1' }),
    '{"manager":"k","operation":"Apply"}',
  );
  assert.equal(
    managerIdentity({ manager: 'k', operation: 'Update', apiVersion: 'v1', subresource: 'status' }),
    '{"manager":"k","operation":"Update","apiVersion":"v1","subresource":"status"}',
  );
  const m = decodeManagedFields([
    { manager: 'k', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:a': {} } },
    { manager: 'k', operation: 'Apply', apiVersion: 'v2', fieldsType: 'FieldsV1', fieldsV1: { 'f:b': {} } },
  ])!;
  assert.equal(m.size, 1);
  assert.deepEqual([...m.values()][0].set.toFieldsV1(), { 'f:a': {}, 'f:b': {} });
  assert.equal(decodeManagedFields([{ manager: 'k', fieldsV1: { 'zz:bad': {} } }]), undefined);
  assert.equal(decodeManagedFields('nope'), undefined);
});

test('encoding sorts Apply before Update, then by time and manager', () => {
  const set = FieldSet.fromFieldsV1({ 'f:a': {} });
  const m = new Map([
    [
      '1',
      { manager: 'b', operation: 'Update' as const, apiVersion: 'v1', time: '2026-01-01T00:00:01Z', set },
    ],
    [
      '2',
      { manager: 'a', operation: 'Update' as const, apiVersion: 'v1', time: '2026-01-01T00:00:01Z', set },
    ],
    ['3', { manager: 'z', operation: 'Apply' as const, apiVersion: 'v1', time: '2026-01-01T00:00:09Z', set }],
    [
      '4',
      { manager: 'c', operation: 'Update' as const, apiVersion: 'v1', time: '2026-01-01T00:00:00Z', set },
    ],
    ['5', { manager: 'e', operation: 'Update' as const, apiVersion: 'v1', set: new FieldSet() }],
  ]);
  assert.deepEqual(
    encodeManagedFields(m).map((e) => e.manager),
    ['z', 'c', 'a', 'b'],
  );
});

test('a status write re-encodes only the writer entry and keeps upstream-shaped entries', () => {
  const created = update({ newObj: deploy(), ignored: [[{ field: 'status' }]] });
  const withStatus = { ...structuredClone(created), status: { replicas: 1 } };
  const all = [[{ field: 'spec' }], [{ field: 'metadata' }]];
  const out = update({
    oldObj: created,
    newObj: withStatus,
    manager: 'controller',
    subresource: 'status',
    now: T1,
    ignored: all,
  });
  assert.equal(mf(out).length, 2);
  assert.equal(mf(out)[0].fieldsV1, mf(created)[0].fieldsV1, 'untouched entry reused as it was');
  assert.deepEqual(mf(out)[1], {
    manager: 'controller',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: '2026-01-01T00:10:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:status': { 'f:replicas': {} } },
    subresource: 'status',
  });
  // A later main-resource write that takes a field from the first entry re-encodes it.
  const scaled = structuredClone(out);
  (scaled as any).spec.replicas = 3;
  const next = update({
    oldObj: out,
    newObj: scaled,
    manager: 'other',
    now: T1,
    ignored: [[{ field: 'status' }]],
  });
  const first = mf(next).find((e) => e.manager === 'kubectl-client-side-apply');
  assert.equal(first.fieldsV1['f:spec']['f:replicas'], undefined);
  assert.deepEqual(mf(next).find((e) => e.manager === 'other').fieldsV1, { 'f:spec': { 'f:replicas': {} } });
});

test('a writer that rewrites fields it already owns keeps its entry and gets a new time', () => {
  const all = [[{ field: 'spec' }], [{ field: 'metadata' }]];
  const base = { ...deploy(), status: { replicas: 1, readyReplicas: 1 } };
  const first = update({ newObj: base, manager: 'ctl', subresource: 'status', ignored: all });
  const again = structuredClone(first);
  (again as any).status.replicas = 2;
  const out = update({
    oldObj: first,
    newObj: again,
    manager: 'ctl',
    subresource: 'status',
    now: T1,
    ignored: all,
  });
  const e = mf(out).find((x) => x.manager === 'ctl');
  assert.equal(e.time, '2026-01-01T00:10:00Z');
  assert.equal(e.fieldsV1, mf(first).find((x) => x.manager === 'ctl').fieldsV1);
  assert.deepEqual(e.fieldsV1, { 'f:status': { 'f:readyReplicas': {}, 'f:replicas': {} } });
  // Removing a field it owns drops it from the entry.
  const fewer = structuredClone(out);
  delete (fewer as any).status.readyReplicas;
  const out2 = update({
    oldObj: out,
    newObj: fewer,
    manager: 'ctl',
    subresource: 'status',
    now: T1,
    ignored: all,
  });
  assert.deepEqual(mf(out2).find((x) => x.manager === 'ctl').fieldsV1, { 'f:status': { 'f:replicas': {} } });
});

test('decoding the same entries twice gives independent entries', () => {
  const list = [
    {
      manager: 'a',
      operation: 'Update',
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:paused': {} } },
    },
  ];
  const first = decodeManagedFields(list)!;
  const e = [...first.values()][0];
  e.set = e.set.difference(FieldSet.of([{ field: 'spec' }, { field: 'paused' }]));
  const second = decodeManagedFields(list)!;
  assert.deepEqual(encodeManagedFields(second)[0].fieldsV1, {
    'f:spec': { 'f:paused': {}, 'f:replicas': {} },
  });
  assert.deepEqual(encodeManagedFields(first)[0].fieldsV1, { 'f:spec': { 'f:replicas': {} } });
});

test('equal FieldsV1 are one frozen object shared by every encoding, whatever object they came from', () => {
  const entry = (fieldsV1: unknown) => [
    { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 },
  ];
  const a = encodeManagedFields(decodeManagedFields(entry({ 'f:spec': { 'f:nodeName': {} } }))!)[0];
  const b = encodeManagedFields(decodeManagedFields(entry({ 'f:spec': { 'f:nodeName': {} } }))!)[0];
  const built = encodeManagedFields(
    new Map([
      [
        'x',
        {
          manager: 'm',
          operation: 'Update' as const,
          apiVersion: 'v1',
          set: FieldSet.of([{ field: 'spec' }, { field: 'nodeName' }]),
        },
      ],
    ]),
  )[0];
  assert.equal(a.fieldsV1, b.fieldsV1);
  assert.equal(built.fieldsV1, a.fieldsV1);
  assert.ok(Object.isFrozen(a.fieldsV1) && Object.isFrozen((a.fieldsV1 as any)['f:spec']));
  assert.deepEqual(a.fieldsV1, { 'f:spec': { 'f:nodeName': {} } });
});
