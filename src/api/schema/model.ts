/**
 * @module api/schema/model
 * One description of every served type, used for four jobs:
 *  - the OpenAPI v3 documents (`kubectl explain`, `kubectl apply` validation);
 *  - decoding (and encoding) Kubernetes protobuf bodies (typed clients send them);
 *  - finding unknown fields for `fieldValidation=Strict|Warn`;
 *  - strategic-merge-patch and server-side-apply metadata (merge keys, list types).
 *
 * Field names, protobuf field numbers and patch tags are facts of the Kubernetes wire format;
 * descriptions are our own short words.
 */

/** Leaf types, with their JSON and protobuf encodings. */
export type Scalar =
  | 'string' // JSON string, proto string (also Go enums)
  | 'boolean' // proto varint
  | 'int32' // proto varint
  | 'int64' // proto varint; JSON number
  | 'double' // proto fixed64
  | 'bytes' // proto bytes; JSON base64 string
  | 'time' // metav1.Time: JSON RFC 3339, proto {seconds=1 int64, nanos=2 int32}
  | 'microTime' // metav1.MicroTime: JSON RFC 3339 with micros, proto as time
  | 'duration' // metav1.Duration: JSON "1m0s", proto {duration=1 int64 nanoseconds}
  | 'quantity' // resource.Quantity: JSON string, proto {string=1}
  | 'intOrString' // intstr.IntOrString: JSON number|string, proto {type=1, intVal=2, strVal=3}
  | 'rawExtension' // runtime.RawExtension: JSON any object, proto {raw=1 bytes of JSON}
  | 'fieldsV1' // metav1.FieldsV1: JSON object, proto {Raw=1 bytes of JSON}
  | 'json'; // arbitrary JSON value (apiextensions JSON), proto {raw=1 bytes}

export type FieldType =
  | { kind: 'scalar'; scalar: Scalar }
  | { kind: 'ref'; ref: string }
  | { kind: 'array'; items: FieldType }
  | { kind: 'map'; values: FieldType };

export interface FieldOptions {
  /** x-kubernetes-patch-merge-key */
  mergeKey?: string;
  /** x-kubernetes-patch-strategy */
  patchStrategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  /** x-kubernetes-list-type (server-side apply) */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys */
  listMapKeys?: string[];
  /** x-kubernetes-map-type */
  mapType?: 'atomic' | 'granular';
  /** Allowed string values, when upstream documents a closed set. */
  enum?: string[];
  /** Upstream `+optional` absent: the field is required. */
  required?: boolean;
  /** Default value as upstream documents it for explain (informational only). */
  default?: unknown;
  /**
   * Go-embedded struct (`json:",inline"`) that is its own message in protobuf: the field's
   * type is a `ref` whose fields appear directly in the parent JSON object, while protobuf
   * carries them nested under this field's number. The key is the proto field name.
   */
  inline?: boolean;
}

export interface FieldSchema extends FieldOptions {
  type: FieldType;
  /** Field number in upstream's generated.proto for this message. */
  proto: number;
  description: string;
}

export interface SchemaGVK {
  group: string;
  version: string;
  kind: string;
}

export interface TypeSchema {
  /** Fully qualified name, as in upstream OpenAPI: `io.k8s.api.core.v1.Pod`. */
  name: string;
  description: string;
  /** Set on top-level kinds (x-kubernetes-group-version-kind). */
  gvk?: SchemaGVK[];
  fields: Record<string, FieldSchema>;
  /** x-kubernetes-map-type / struct atomicity for SSA. */
  structType?: 'atomic' | 'granular';
}

// ---- builders: terse on purpose, since the schema files are long ----

export const t = {
  string: { kind: 'scalar', scalar: 'string' } as FieldType,
  boolean: { kind: 'scalar', scalar: 'boolean' } as FieldType,
  int32: { kind: 'scalar', scalar: 'int32' } as FieldType,
  int64: { kind: 'scalar', scalar: 'int64' } as FieldType,
  double: { kind: 'scalar', scalar: 'double' } as FieldType,
  bytes: { kind: 'scalar', scalar: 'bytes' } as FieldType,
  time: { kind: 'scalar', scalar: 'time' } as FieldType,
  microTime: { kind: 'scalar', scalar: 'microTime' } as FieldType,
  duration: { kind: 'scalar', scalar: 'duration' } as FieldType,
  quantity: { kind: 'scalar', scalar: 'quantity' } as FieldType,
  intOrString: { kind: 'scalar', scalar: 'intOrString' } as FieldType,
  rawExtension: { kind: 'scalar', scalar: 'rawExtension' } as FieldType,
  fieldsV1: { kind: 'scalar', scalar: 'fieldsV1' } as FieldType,
  json: { kind: 'scalar', scalar: 'json' } as FieldType,
  ref: (name: string): FieldType => ({ kind: 'ref', ref: name }),
  array: (items: FieldType): FieldType => ({ kind: 'array', items }),
  map: (values: FieldType): FieldType => ({ kind: 'map', values }),
};

/** `f(3, t.string, 'Name of the thing.', { required: true })` */
export function f(proto: number, type: FieldType, description: string, opts: FieldOptions = {}): FieldSchema {
  return { proto, type, description, ...opts };
}

export function type(
  name: string,
  description: string,
  fields: Record<string, FieldSchema>,
  extra: { gvk?: SchemaGVK[]; structType?: 'atomic' | 'granular' } = {},
): TypeSchema {
  return { name, description, fields, ...extra };
}

/** Lookup of every type by fully qualified name. */
export class SchemaRegistry {
  private readonly types = new Map<string, TypeSchema>();
  private readonly byGvk = new Map<string, TypeSchema>();

  add(...schemas: TypeSchema[]): this {
    for (const s of schemas) {
      if (this.types.has(s.name)) throw new Error(`schema ${s.name} registered twice`);
      this.types.set(s.name, s);
      for (const g of s.gvk ?? []) this.byGvk.set(`${g.group}/${g.version}/${g.kind}`, s);
    }
    return this;
  }

  get(name: string): TypeSchema | undefined {
    return this.types.get(name);
  }

  forKind(group: string, version: string, kind: string): TypeSchema | undefined {
    return this.byGvk.get(`${group}/${version}/${kind}`);
  }

  all(): IterableIterator<TypeSchema> {
    return this.types.values();
  }
}
