/**
 * @module apiserver/openapi/components
 * Turns the schema model (`api/schema/model`) into OpenAPI v3 `components.schemas` entries, shaped
 * like upstream's generated documents: one component per fully qualified type name, fields as
 * `properties` (refs wrapped in `allOf` so a field can carry its own description), `required`
 * lists, and the Kubernetes vendor extensions kubectl reads (`x-kubernetes-group-version-kind`,
 * patch merge keys and strategies, list and map types).
 */
import type { FieldSchema, FieldType, Scalar, SchemaRegistry, TypeSchema } from '../../api/schema/model.js';
import { jsonFields } from '../../api/schema/unknown-fields.js';

/** An OpenAPI schema object; kept loose because the documents are only ever serialised. */
export type OpenApiSchema = Record<string, unknown>;

export const refPrefix = '#/components/schemas/';

/**
 * Upstream models these apimachinery types as named components. The generator adds one whenever
 * a field of the matching scalar kind is reachable. Quantity and IntOrString use `oneOf` in v3
 * documents (their v2 form is `type: string`); having no `type`, kubectl explain shows them by
 * name (`<IntOrString>`, `<map[string]Quantity>`), as against a real cluster.
 */
const scalarComponents: Partial<Record<Scalar, { name: string; schema: OpenApiSchema }>> = {
  time: {
    name: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    schema: {
      description: 'A point in time, serialised as an RFC 3339 string with second precision.',
      type: 'string',
      format: 'date-time',
    },
  },
  microTime: {
    name: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
    schema: {
      description: 'A point in time with microsecond precision, serialised as an RFC 3339 string.',
      type: 'string',
      format: 'date-time',
    },
  },
  quantity: {
    name: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    schema: {
      description:
        'A fixed-point amount such as `100m`, `1.5`, `128Mi` or `1e3`: a number followed by an optional ' +
        'binary (Ki, Mi, Gi, Ti, Pi, Ei) or decimal (m, k, M, G, T, P, E) suffix or exponent.',
      oneOf: [{ type: 'string' }, { type: 'number' }],
    },
  },
  intOrString: {
    name: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    schema: {
      description: 'A value that is either an integer or a string, such as a port number or a port name.',
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    },
  },
  rawExtension: {
    name: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
    schema: {
      description: 'An embedded object of any kind, carried as-is.',
      type: 'object',
    },
  },
  fieldsV1: {
    name: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
    schema: {
      description: 'A set of fields in the trie format used by server-side apply to record field ownership.',
      type: 'object',
    },
  },
  json: {
    name: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
    schema: {
      description: 'Any JSON value: boolean, number, string, array, object or null.',
    },
  },
};

/** Component names the scalar kinds map to (`quantity` → `io.k8s.apimachinery.pkg.api.resource.Quantity`). */
export function scalarComponentName(s: Scalar): string | undefined {
  return scalarComponents[s]?.name;
}

/** Inline schemas for scalars that upstream does not name. */
function inlineScalar(s: Scalar): OpenApiSchema | undefined {
  switch (s) {
    case 'string':
    case 'duration':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'int32':
      return { type: 'integer', format: 'int32' };
    case 'int64':
      return { type: 'integer', format: 'int64' };
    case 'double':
      return { type: 'number', format: 'double' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    default:
      return undefined;
  }
}

/** The zero value upstream shows as `default` for required (non-pointer) scalar fields. */
function zeroValue(s: Scalar): unknown {
  switch (s) {
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'int32':
    case 'int64':
    case 'double':
      return 0;
    default:
      return undefined;
  }
}

/** Names every component a field type points at (registry types and named scalars). */
export function referencedNames(type: FieldType, out: string[] = []): string[] {
  switch (type.kind) {
    case 'ref':
      out.push(type.ref);
      break;
    case 'scalar': {
      const n = scalarComponentName(type.scalar);
      if (n) out.push(n);
      break;
    }
    case 'array':
      referencedNames(type.items, out);
      break;
    case 'map':
      referencedNames(type.values, out);
      break;
  }
  return out;
}

/**
 * Schema for a nested value (array items, map values): plain `$ref` when nothing else is needed,
 * `allOf` when a default sits beside it, as upstream writes them.
 */
function valueSchema(type: FieldType, enumValues?: string[]): OpenApiSchema {
  switch (type.kind) {
    case 'ref':
      return { allOf: [{ $ref: refPrefix + type.ref }], default: {} };
    case 'scalar': {
      const named = scalarComponentName(type.scalar);
      if (named) return { $ref: refPrefix + named };
      const s: OpenApiSchema = { ...inlineScalar(type.scalar) };
      const zero = zeroValue(type.scalar);
      if (zero !== undefined && type.scalar !== 'bytes') s.default = zero;
      if (enumValues) s.enum = enumValues;
      return s;
    }
    case 'array':
      return { type: 'array', items: valueSchema(type.items, enumValues) };
    case 'map':
      return { type: 'object', additionalProperties: valueSchema(type.values, enumValues) };
  }
}

/** Struct-valued fields that upstream always marks `default: {}` (value, not pointer, members). */
const valueStructFields = new Set(['metadata', 'spec', 'status']);

/** One property of a component. `name` is the JSON field name. */
export function fieldToOpenApi(name: string, field: FieldSchema): OpenApiSchema {
  const { type } = field;
  let s: OpenApiSchema;
  switch (type.kind) {
    case 'ref': {
      s = { allOf: [{ $ref: refPrefix + type.ref }] };
      if (field.default === undefined && (field.required || valueStructFields.has(name))) s.default = {};
      break;
    }
    case 'scalar': {
      const named = scalarComponentName(type.scalar);
      if (named) {
        s = { allOf: [{ $ref: refPrefix + named }] };
      } else {
        s = { ...inlineScalar(type.scalar) };
        const zero = zeroValue(type.scalar);
        if (field.required && field.default === undefined && zero !== undefined) s.default = zero;
        if (field.enum) s.enum = field.enum;
      }
      break;
    }
    case 'array':
      s = { type: 'array', items: valueSchema(type.items, field.enum) };
      break;
    case 'map':
      s = { type: 'object', additionalProperties: valueSchema(type.values, field.enum) };
      break;
  }
  if (field.default !== undefined) s.default = field.default;
  s.description = field.description;
  if (field.listType) s['x-kubernetes-list-type'] = field.listType;
  if (field.listMapKeys) s['x-kubernetes-list-map-keys'] = field.listMapKeys;
  if (field.mapType) s['x-kubernetes-map-type'] = field.mapType;
  if (field.mergeKey) s['x-kubernetes-patch-merge-key'] = field.mergeKey;
  if (field.patchStrategy) s['x-kubernetes-patch-strategy'] = field.patchStrategy;
  return s;
}

/**
 * A whole component for one registry type. Properties are sorted by name, as upstream's are;
 * members of `inline` (embedded) fields appear as the type's own properties, as in JSON.
 */
export function typeToOpenApi(t: TypeSchema, registry: Pick<SchemaRegistry, 'get'>): OpenApiSchema {
  const fields = jsonFields(t, registry);
  const properties: Record<string, OpenApiSchema> = {};
  for (const name of [...fields.keys()].sort()) properties[name] = fieldToOpenApi(name, fields.get(name)!);
  const required = [...fields].filter(([, f]) => f.required).map(([n]) => n);
  const s: OpenApiSchema = { description: t.description, type: 'object' };
  if (Object.keys(properties).length > 0) s.properties = properties;
  if (required.length > 0) s.required = required;
  if (t.gvk && t.gvk.length > 0) {
    s['x-kubernetes-group-version-kind'] = t.gvk.map((g) => ({
      group: g.group,
      kind: g.kind,
      version: g.version,
    }));
  }
  if (t.structType) s['x-kubernetes-map-type'] = t.structType;
  return s;
}

/** What `collectComponents` found: the components, plus names no source could describe. */
export interface CollectedComponents {
  schemas: Record<string, OpenApiSchema>;
  /** Names referenced but found neither in the registry nor among `extra`; each got a stub. */
  missing: string[];
}

/**
 * Every component reachable from `roots`, following refs across groups (ObjectMeta, Scale...).
 * Types are looked up in `extra` first (synthesised list kinds and the like), then the registry.
 * A name found nowhere gets an empty object stub so the document still resolves; it is reported
 * in `missing`. The result's keys are sorted.
 */
export function collectComponents(
  roots: Iterable<string>,
  registry: Pick<SchemaRegistry, 'get'>,
  extra: ReadonlyMap<string, TypeSchema | OpenApiSchema> = new Map(),
): CollectedComponents {
  const out = new Map<string, OpenApiSchema>();
  const missing: string[] = [];
  const namedScalars = new Map(Object.values(scalarComponents).map((c) => [c.name, c.schema]));
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out.has(name)) continue;
    const supplied = extra.get(name);
    const t = supplied && isTypeSchema(supplied) ? supplied : supplied ? undefined : registry.get(name);
    if (t) {
      out.set(name, typeToOpenApi(t, registry));
      for (const f of jsonFields(t, registry).values()) queue.push(...referencedNames(f.type));
    } else if (supplied) {
      out.set(name, supplied as OpenApiSchema);
      queue.push(...refsIn(supplied));
    } else if (namedScalars.has(name)) {
      out.set(name, { ...namedScalars.get(name)! });
    } else {
      missing.push(name);
      out.set(name, { description: 'This server has no description of this type.', type: 'object' });
    }
  }
  const schemas: Record<string, OpenApiSchema> = {};
  for (const name of [...out.keys()].sort()) schemas[name] = out.get(name)!;
  return { schemas, missing: missing.sort() };
}

function isTypeSchema(x: TypeSchema | OpenApiSchema): x is TypeSchema {
  return typeof x.name === 'string' && typeof x.fields === 'object' && x.fields !== null;
}

/** Every component name a hand-written OpenAPI schema refers to. */
export function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const v of node) refsIn(v, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(refPrefix))
        out.push(v.slice(refPrefix.length));
      else refsIn(v, out);
    }
  }
  return out;
}
