/**
 * @module api/schema/patch-schema
 * Adapts the schema registry to the patch machinery's view of a type tree (machinery/patch/
 * schema-walker): merge keys, patch strategies, list and map types, required fields and defaults.
 * Nodes are built lazily and cached per type, so recursive types are fine.
 */
import type { PatchField, PatchSchema } from '../../machinery/patch/schema-walker.js';
import type { FieldSchema, FieldType, SchemaRegistry, TypeSchema } from './model.js';

/** The patch view of a named type; an unknown name gives a schema that knows no field. */
export function patchSchemaFor(registry: SchemaRegistry, typeName: string): PatchSchema {
  return new Adapter(registry).schema(typeName);
}

/** The patch view of a top-level kind, or undefined when the kind has no schema (e.g. a CRD). */
export function patchSchemaForKind(
  registry: SchemaRegistry,
  group: string,
  version: string,
  kind: string,
): PatchSchema | undefined {
  const t = registry.forKind(group, version, kind);
  return t ? patchSchemaFor(registry, t.name) : undefined;
}

class Adapter {
  private readonly schemas = new Map<string, PatchSchema>();
  constructor(private readonly registry: SchemaRegistry) {}

  schema(typeName: string): PatchSchema {
    let s = this.schemas.get(typeName);
    if (!s) {
      const t = this.registry.get(typeName);
      const fields = new Map<string, PatchField | undefined>();
      s = {
        field: (name) => {
          if (!t || !Object.prototype.hasOwnProperty.call(t.fields, name)) return undefined;
          if (!fields.has(name)) fields.set(name, this.field(t.fields[name]));
          return fields.get(name);
        },
      };
      this.schemas.set(typeName, s);
    }
    return s;
  }

  private field(fs: FieldSchema): PatchField | undefined {
    const base = this.node(fs.type);
    if (!base) return undefined;
    const out: PatchField = { ...base };
    if (fs.mergeKey) out.mergeKey = fs.mergeKey;
    if (fs.patchStrategy) out.patchStrategy = fs.patchStrategy;
    if (fs.listType) out.listType = fs.listType;
    if (fs.listMapKeys) out.listMapKeys = fs.listMapKeys;
    if (fs.mapType) out.mapType = fs.mapType;
    if (fs.required) out.required = true;
    if (fs.default !== undefined) out.default = fs.default;
    return out;
  }

  /** Undefined for free-form JSON (RawExtension, JSON), which the machinery treats as untyped. */
  private node(ft: FieldType): PatchField | undefined {
    switch (ft.kind) {
      case 'scalar':
        return ft.scalar === 'json' || ft.scalar === 'rawExtension' ? undefined : { kind: 'scalar' };
      case 'array':
        return { kind: 'array', items: this.node(ft.items) };
      case 'map':
        return { kind: 'map', values: this.node(ft.values) };
      case 'ref': {
        const t: TypeSchema | undefined = this.registry.get(ft.ref);
        if (!t) return undefined;
        const out: PatchField = { kind: 'object', object: this.schema(ft.ref) };
        if (t.structType) out.mapType = t.structType;
        return out;
      }
    }
  }
}
