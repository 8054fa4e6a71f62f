import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet } from './fieldset.js';
import { parseElement, pathString, serializeElement, type Path } from './path.js';
import { compare, toFieldSet, rootNode } from './typed.js';
import { deploymentSchema, podSchema } from '../fixture-schemas.js';

const f = (...names: string[]): Path => names.map((field) => ({ field }));

test('path elements serialize as upstream FieldsV1 keys', () => {
  assert.equal(serializeElement({ field: 'metadata' }), 'f:metadata');
  assert.equal(
    serializeElement({
      key: [
        ['containerPort', 80],
        ['protocol', 'TCP'],
      ],
    }),
    'k:{"containerPort":80,"protocol":"TCP"}',
  );
  assert.equal(serializeElement({ value: 'kubernetes.io/pv-protection' }), 'v:"kubernetes.io/pv-protection"');
  assert.equal(serializeElement({ index: 3 }), 'i:3');
  assert.equal(serializeElement({ value: 'a<b&c>' }), 'v:"a\\u003cb\\u0026c\\u003e"');
});

test('path elements parse back, with key fields sorted', () => {
  assert.deepEqual(parseElement('k:{"protocol":"TCP","containerPort":80}'), {
    key: [
      ['containerPort', 80],
      ['protocol', 'TCP'],
    ],
  });
  assert.deepEqual(parseElement('v:"x"'), { value: 'x' });
  assert.deepEqual(parseElement('i:0'), { index: 0 });
  assert.deepEqual(parseElement('f:a.b'), { field: 'a.b' });
  assert.throws(() => parseElement('x:1'), /unknown path element type/);
});

test('paths print as in conflict messages', () => {
  assert.equal(pathString(f('spec', 'replicas')), '.spec.replicas');
  assert.equal(
    pathString([...f('spec', 'containers'), { key: [['name', 'c']] }, { field: 'image' }]),
    '.spec.containers[name="c"].image',
  );
  assert.equal(
    pathString([
      { field: 'ports' },
      {
        key: [
          ['containerPort', 80],
          ['protocol', 'TCP'],
        ],
      },
    ]),
    '.ports[containerPort=80,protocol="TCP"]',
  );
  assert.equal(pathString([{ field: 'finalizers' }, { value: 'x' }]), '.finalizers[="x"]');
});

test('field sets encode with "." for members that also have children, in upstream order', () => {
  const item = [...f('spec', 'containers'), { key: [['name', 'c']] as Array<[string, unknown]> }];
  const s = FieldSet.of(
    f('spec', 'replicas'),
    item,
    [...item, { field: 'name' }],
    [...item, { field: 'image' }],
    f('metadata', 'labels', 'app'),
  );
  assert.deepEqual(
    JSON.stringify(s.toFieldsV1()),
    JSON.stringify({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
        'f:replicas': {},
      },
    }),
  );
  assert.ok(FieldSet.fromFieldsV1(s.toFieldsV1()).equals(s));
  assert.ok(FieldSet.fromFieldsV1(s.toFieldsV1()).has(item));
});

test('field set algebra: union, intersection, difference, subtree removal', () => {
  const a = FieldSet.of(f('a', 'x'), f('a', 'y'), f('b'));
  const b = FieldSet.of(f('a', 'y'), f('c'));
  assert.deepEqual(a.union(b).paths().map(pathString), ['.a.x', '.a.y', '.b', '.c']);
  assert.deepEqual(a.intersection(b).paths().map(pathString), ['.a.y']);
  assert.deepEqual(a.difference(b).paths().map(pathString), ['.a.x', '.b']);
  assert.deepEqual(a.withoutSubtree(f('a')).paths().map(pathString), ['.b']);
  assert.ok(new FieldSet().isEmpty());
  assert.ok(!a.isEmpty());
});

test('the field set of a simple Deployment apply matches upstream fieldsV1', () => {
  const applied = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
  const set = toFieldSet(applied, rootNode(deploymentSchema));
  const expected = {
    'f:apiVersion': {},
    'f:kind': {},
    'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} },
    'f:spec': {
      'f:replicas': {},
      'f:selector': {},
      'f:template': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"nginx"}': {
              '.': {},
              'f:image': {},
              'f:name': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    },
  };
  assert.equal(JSON.stringify(set.toFieldsV1()), JSON.stringify(expected));
});

test('sets record their values; unknown fields and empty maps are members', () => {
  const set = toFieldSet(
    { metadata: { finalizers: ['a', 'b'], annotations: {} }, extra: { x: { y: 1 } } },
    rootNode(podSchema),
  );
  assert.deepEqual(set.toFieldsV1(), {
    'f:extra': { '.': {}, 'f:x': { '.': {}, 'f:y': {} } },
    'f:metadata': { 'f:annotations': {}, 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } },
  });
});

test('compare reports added, modified and removed leaves and new list elements', () => {
  const node = rootNode(podSchema);
  const before = {
    spec: {
      containers: [
        { name: 'a', image: 'x' },
        { name: 'b', image: 'y' },
      ],
    },
  };
  const after = {
    spec: {
      containers: [
        { name: 'a', image: 'z' },
        { name: 'c', image: 'y' },
      ],
    },
  };
  const c = compare(before, after, node);
  const show = (s: FieldSet) => s.paths().map(pathString);
  assert.deepEqual(show(c.modified), ['.spec.containers[name="a"].image']);
  assert.deepEqual(show(c.added), [
    '.spec.containers[name="c"]',
    '.spec.containers[name="c"].image',
    '.spec.containers[name="c"].name',
  ]);
  assert.deepEqual(show(c.removed), [
    '.spec.containers[name="b"]',
    '.spec.containers[name="b"].image',
    '.spec.containers[name="b"].name',
  ]);
});

test('intersects tells whether difference would remove anything', () => {
  const a = FieldSet.of(f('spec', 'replicas'), f('spec', 'template', 'spec'));
  assert.equal(a.intersects(FieldSet.of(f('spec', 'replicas'))), true);
  assert.equal(a.intersects(FieldSet.of(f('spec', 'template', 'spec', 'containers'))), false);
  assert.equal(a.intersects(FieldSet.of(f('spec'))), false);
  assert.equal(a.intersects(new FieldSet()), false);
  assert.ok(a.difference(FieldSet.of(f('spec'))).equals(a));
});

test('compare leaves skipped subtrees out and treats shared values as unchanged', () => {
  const node = rootNode(podSchema);
  const shared = { containers: [{ name: 'a', image: 'x' }] };
  const before = { metadata: { labels: { a: '1' } }, spec: shared, status: { phase: 'Pending' } };
  const after = { metadata: { labels: { a: '2' } }, spec: shared, status: { phase: 'Running' } };
  const show = (s: FieldSet) => s.paths().map(pathString);
  const c = compare(before, after, node, { skip: [f('metadata'), f('spec')] });
  assert.deepEqual(show(c.modified), ['.status.phase']);
  const all = compare(before, after, node);
  assert.deepEqual(show(all.modified), ['.metadata.labels.a', '.status.phase']);
  const deep = compare(before, after, node, { skip: [f('metadata', 'labels', 'a')] });
  assert.deepEqual(show(deep.modified), ['.status.phase']);
});

test('includes tells whether every member of the other set is a member', () => {
  const a = FieldSet.of(f('status', 'phase'), f('status', 'conditions'), f('spec'));
  assert.equal(a.includes(FieldSet.of(f('status', 'phase'))), true);
  assert.equal(a.includes(FieldSet.of(f('status', 'phase'), f('spec'))), true);
  assert.equal(a.includes(FieldSet.of(f('status', 'podIP'))), false);
  assert.equal(a.includes(FieldSet.of(f('status'))), false);
  assert.equal(a.includes(new FieldSet()), true);
  assert.equal(new FieldSet().includes(a), false);
});

test('decoding FieldsV1 keeps field keys and normalizes list-map keys', () => {
  const s = FieldSet.fromFieldsV1({ 'f:spec': { 'f:ports': { 'k:{"protocol":"TCP","port":80}': {} } } });
  assert.deepEqual(s.toFieldsV1(), {
    'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': {} } },
  });
});

test('the FieldsV1 text is the JSON of the FieldsV1 object, "." entries and escapes included', () => {
  const set = FieldSet.fromFieldsV1({
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:a<b': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {} } } },
    'f:status': {},
  });
  assert.equal(set.toFieldsV1Text(), JSON.stringify(set.toFieldsV1()));
  assert.equal(new FieldSet().toFieldsV1Text(), '{}');
});
