import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { coreV1Schemas } from './core-v1.js';
import { metaV1Schemas } from './meta-v1.js';
import { SchemaRegistry, type FieldSchema, type FieldType, type TypeSchema } from './model.js';

const CORE = 'io.k8s.api.core.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const registry = new SchemaRegistry().add(...metaV1Schemas, ...coreV1Schemas);
const all: TypeSchema[] = [...metaV1Schemas, ...coreV1Schemas];

function schema(name: string): TypeSchema {
  const s = registry.get(name);
  assert.ok(s, `schema ${name} is registered`);
  return s;
}

function field(typeName: string, fieldName: string): FieldSchema {
  const fd = schema(typeName).fields[fieldName];
  assert.ok(fd, `${typeName} has field ${fieldName}`);
  return fd;
}

/** JSON field names of a type, with inline (Go-embedded) members flattened as JSON sees them. */
function jsonFieldNames(typeName: string): string[] {
  return Object.entries(schema(typeName).fields).flatMap(([name, fd]) =>
    fd.inline && fd.type.kind === 'ref' ? jsonFieldNames(fd.type.ref) : [name],
  );
}

/** The innermost type of a field, through arrays and maps. */
function leaf(ft: FieldType): FieldType {
  if (ft.kind === 'array') return leaf(ft.items);
  if (ft.kind === 'map') return leaf(ft.values);
  return ft;
}

const topLevelKinds = [
  'Pod',
  'Binding',
  'PodTemplate',
  'Node',
  'Namespace',
  'Event',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Service',
  'Endpoints',
  'LimitRange',
  'ResourceQuota',
];
const listKinds = topLevelKinds.filter((k) => k !== 'Binding').map((k) => `${k}List`);

describe('meta/v1 and core/v1 schemas', () => {
  it('register without duplicate names', () => {
    const names = all.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.every((n) => n.startsWith(CORE) || n.startsWith(META)));
  });

  it('resolve every ref to a registered type', () => {
    const dangling: string[] = [];
    for (const s of all) {
      for (const [name, fd] of Object.entries(s.fields)) {
        const l = leaf(fd.type);
        if (l.kind === 'ref' && !registry.get(l.ref)) dangling.push(`${s.name}.${name} -> ${l.ref}`);
      }
    }
    assert.deepEqual(dangling, []);
  });

  it('use unique, positive proto numbers, with 0 only for envelope fields', () => {
    for (const s of all) {
      const seen = new Map<number, string>();
      for (const [name, fd] of Object.entries(s.fields)) {
        assert.ok(Number.isInteger(fd.proto) && fd.proto >= 0, `${s.name}.${name} proto`);
        if (fd.proto === 0) {
          assert.ok(name === 'apiVersion' || name === 'kind', `${s.name}.${name} has proto 0`);
          continue;
        }
        assert.equal(seen.get(fd.proto), undefined, `${s.name}: proto ${fd.proto} used twice`);
        seen.set(fd.proto, name);
      }
    }
  });

  it('give every type and field a description of our own', () => {
    for (const s of all) {
      assert.ok(s.description.length > 5 && !s.description.includes('TODO'), s.name);
      for (const [name, fd] of Object.entries(s.fields)) {
        assert.ok(fd.description.length > 3 && !fd.description.includes('TODO'), `${s.name}.${name}`);
      }
    }
  });

  it('mark top-level kinds and lists with their group-version-kind and envelope fields', () => {
    for (const kind of [...topLevelKinds, ...listKinds]) {
      const s = registry.forKind('', 'v1', kind);
      assert.ok(s, `${kind} found by GVK`);
      assert.equal(s.name, CORE + kind);
      assert.deepEqual(s.gvk, [{ group: '', version: 'v1', kind }]);
      for (const envelope of ['apiVersion', 'kind']) {
        assert.equal(s.fields[envelope]?.proto, 0, `${kind}.${envelope} is JSON-only`);
      }
      const metaType = kind.endsWith('List') ? 'ListMeta' : 'ObjectMeta';
      assert.deepEqual(s.fields.metadata?.type, { kind: 'ref', ref: META + metaType });
    }
    assert.equal(registry.forKind('', 'v1', 'Status')?.name, META + 'Status');
    assert.equal(registry.forKind('', 'v1', 'DeleteOptions')?.name, META + 'DeleteOptions');
    assert.equal(schema(CORE + 'PodSpec').gvk, undefined);
  });

  it('keep patch metadata consistent', () => {
    for (const s of all) {
      for (const [name, fd] of Object.entries(s.fields)) {
        const where = `${s.name}.${name}`;
        if (fd.mergeKey) assert.match(fd.patchStrategy ?? '', /merge/, where);
        if (fd.listType || fd.listMapKeys) assert.equal(fd.type.kind, 'array', where);
        if (fd.listType === 'map') {
          assert.ok(fd.listMapKeys && fd.listMapKeys.length > 0, `${where} list-map keys`);
          const item = fd.type.kind === 'array' ? fd.type.items : fd.type;
          assert.equal(item.kind, 'ref', where);
          if (item.kind === 'ref') {
            const names = jsonFieldNames(item.ref);
            for (const key of fd.listMapKeys) assert.ok(names.includes(key), `${where} key ${key}`);
          }
        }
        if (fd.enum) assert.equal(leaf(fd.type).kind === 'scalar' && 'string', 'string', where);
        if (fd.inline) assert.equal(fd.type.kind, 'ref', where);
      }
    }
  });

  it('match well-known upstream facts', () => {
    assert.equal(field(CORE + 'Container', 'name').proto, 1);
    assert.equal(field(CORE + 'Container', 'name').required, true);
    assert.equal(field(CORE + 'Container', 'image').proto, 2);
    assert.equal(field(CORE + 'Container', 'imagePullPolicy').proto, 14);
    assert.deepEqual(field(CORE + 'Container', 'imagePullPolicy').enum, ['Always', 'IfNotPresent', 'Never']);

    const containers = field(CORE + 'PodSpec', 'containers');
    assert.equal(containers.proto, 2);
    assert.equal(containers.mergeKey, 'name');
    assert.equal(containers.patchStrategy, 'merge');
    assert.equal(containers.required, true);
    assert.deepEqual(containers.type, { kind: 'array', items: { kind: 'ref', ref: CORE + 'Container' } });
    assert.equal(field(CORE + 'PodSpec', 'initContainers').proto, 20);
    assert.equal(field(CORE + 'PodSpec', 'volumes').patchStrategy, 'merge,retainKeys');
    assert.equal(field(CORE + 'PodSpec', 'volumes').mergeKey, 'name');
    assert.deepEqual(field(CORE + 'PodSpec', 'overhead').type, {
      kind: 'map',
      values: { kind: 'scalar', scalar: 'quantity' },
    });
    assert.equal(field(CORE + 'PodStatus', 'conditions').mergeKey, 'type');
    assert.deepEqual(field(CORE + 'PodStatus', 'startTime').type, { kind: 'scalar', scalar: 'time' });

    const ports = field(CORE + 'ServiceSpec', 'ports');
    assert.equal(ports.mergeKey, 'port');
    assert.equal(ports.patchStrategy, 'merge');
    assert.deepEqual(ports.listMapKeys, ['port', 'protocol']);
    assert.deepEqual(field(CORE + 'ServicePort', 'targetPort').type, {
      kind: 'scalar',
      scalar: 'intOrString',
    });
    assert.equal(field(CORE + 'ServicePort', 'protocol').default, 'TCP');

    const finalizers = field(META + 'ObjectMeta', 'finalizers');
    assert.equal(finalizers.proto, 14);
    assert.equal(finalizers.patchStrategy, 'merge');
    assert.equal(field(META + 'ObjectMeta', 'managedFields').proto, 17);
    assert.equal(field(META + 'ObjectMeta', 'ownerReferences').mergeKey, 'uid');
    assert.deepEqual(field(META + 'ManagedFieldsEntry', 'fieldsV1').type, {
      kind: 'scalar',
      scalar: 'fieldsV1',
    });
    assert.equal(field(META + 'ListMeta', 'continue').proto, 3);
    assert.equal(schema(META + 'LabelSelector').structType, 'atomic');

    assert.deepEqual(field(CORE + 'Secret', 'data').type, {
      kind: 'map',
      values: { kind: 'scalar', scalar: 'bytes' },
    });
    assert.deepEqual(field(CORE + 'ConfigMap', 'binaryData').type, {
      kind: 'map',
      values: { kind: 'scalar', scalar: 'bytes' },
    });
    assert.deepEqual(field(CORE + 'Event', 'eventTime').type, { kind: 'scalar', scalar: 'microTime' });
    assert.equal(field(CORE + 'DaemonEndpoint', 'Port').proto, 1);
    assert.deepEqual(field(CORE + 'NodeSpec', 'taints').type, {
      kind: 'array',
      items: { kind: 'ref', ref: CORE + 'Taint' },
    });
  });

  it('model Go-embedded structs that protobuf nests as inline fields', () => {
    const volumeSource = field(CORE + 'Volume', 'volumeSource');
    assert.equal(volumeSource.inline, true);
    assert.equal(volumeSource.proto, 2);
    assert.deepEqual(volumeSource.type, { kind: 'ref', ref: CORE + 'VolumeSource' });
    assert.equal(field(CORE + 'Probe', 'handler').inline, true);
    assert.equal(field(CORE + 'EphemeralContainer', 'ephemeralContainerCommon').proto, 1);
    assert.equal(field(CORE + 'EphemeralContainer', 'targetContainerName').proto, 2);
    assert.equal(field(CORE + 'ConfigMapKeySelector', 'localObjectReference').inline, true);
    // Ephemeral containers carry the same JSON fields as regular ones, plus their target.
    assert.deepEqual(jsonFieldNames(CORE + 'EphemeralContainer'), [
      ...Object.keys(schema(CORE + 'Container').fields),
      'targetContainerName',
    ]);
    assert.deepEqual(jsonFieldNames(CORE + 'SecretKeySelector'), ['name', 'key', 'optional']);
  });

  it('cover every volume source of a pod', () => {
    const sources = Object.keys(schema(CORE + 'VolumeSource').fields);
    assert.equal(sources.length, 30);
    for (const s of [
      'hostPath',
      'emptyDir',
      'secret',
      'configMap',
      'projected',
      'csi',
      'ephemeral',
      'image',
    ]) {
      assert.ok(sources.includes(s), s);
    }
    const template = field(CORE + 'PersistentVolumeClaimTemplate', 'spec');
    assert.deepEqual(template.type, { kind: 'ref', ref: CORE + 'PersistentVolumeClaimSpec' });
  });
});
