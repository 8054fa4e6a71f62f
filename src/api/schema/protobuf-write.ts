/**
 * @module api/schema/protobuf-write
 * Encodes the JSON form of an object into Kubernetes protobuf, driven by the schema registry:
 * the inverse of protobuf-read. JSON keys the schema does not know, `null` values and the
 * envelope-only fields (proto number 0: apiVersion, kind) are left out. Repeated numbers are
 * written unpacked, as Go's proto2 code does. Values of the wrong JSON type throw an Error
 * naming the field.
 */
import protobuf from 'protobufjs/minimal.js';
import type { FieldSchema, FieldType, Scalar, SchemaRegistry, TypeSchema } from './model.js';
import { parseDuration, parseTime } from './protobuf-leaves.js';
import { lookup, WireError } from './protobuf-read.js';

const { Writer } = protobuf;
type Writer = protobuf.Writer;
type Json = Record<string, unknown>;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

const tag = (w: Writer, no: number, wt: number): Writer => w.uint32((no << 3) | wt);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expect(cond: boolean, what: string, v: unknown): void {
  if (!cond) throw new WireError(`expected ${what}, got ${JSON.stringify(v)}`);
}

function integer(v: unknown): number {
  expect(typeof v === 'number' && Number.isInteger(v), 'an integer', v);
  return v as number;
}

function text(v: unknown): string {
  expect(typeof v === 'string', 'a string', v);
  return v as string;
}

/** Writes the body (without tag) of a special leaf message; `v` is its JSON value. */
function writeLeafMessage(w: Writer, scalar: Scalar, v: unknown): void {
  w.fork();
  switch (scalar) {
    case 'time':
    case 'microTime': {
      const t = parseTime(text(v));
      if (t.seconds !== 0) tag(w, 1, WIRE_VARINT).int64(t.seconds);
      if (t.nanos !== 0) tag(w, 2, WIRE_VARINT).int32(t.nanos);
      // The Unix epoch itself must not read back as Go's zero time (an empty message).
      if (t.seconds === 0 && t.nanos === 0) tag(w, 1, WIRE_VARINT).int64(0);
      break;
    }
    case 'quantity':
      tag(w, 1, WIRE_BYTES).string(typeof v === 'number' ? String(v) : text(v));
      break;
    case 'intOrString':
      if (typeof v === 'string') {
        tag(w, 1, WIRE_VARINT).int64(1);
        tag(w, 3, WIRE_BYTES).string(v);
      } else {
        tag(w, 1, WIRE_VARINT).int64(0);
        tag(w, 2, WIRE_VARINT).int32(integer(v));
      }
      break;
    case 'duration':
      tag(w, 1, WIRE_VARINT).int64(parseDuration(text(v)));
      break;
    default:
      tag(w, 1, WIRE_BYTES).bytes(Buffer.from(JSON.stringify(v), 'utf8'));
  }
  w.ldelim();
}

/** Writes one value of `ft` under field number `no` (a list item or a singular field). */
function writeValue(w: Writer, no: number, ft: FieldType, v: unknown, registry: SchemaRegistry): void {
  switch (ft.kind) {
    case 'ref':
      expect(isObject(v), 'an object', v);
      tag(w, no, WIRE_BYTES).fork();
      writeObject(w, v as Json, lookup(registry, ft.ref), registry);
      w.ldelim();
      return;
    case 'array':
      // A list inside a list or map travels as a wrapper message repeating field 1.
      expect(Array.isArray(v), 'an array', v);
      tag(w, no, WIRE_BYTES).fork();
      for (const item of v as unknown[]) if (item !== null) writeValue(w, 1, ft.items, item, registry);
      w.ldelim();
      return;
    case 'map':
      throw new WireError('a map cannot be a list item or map value');
    case 'scalar':
      writeScalar(w, no, ft.scalar, v);
  }
}

function writeScalar(w: Writer, no: number, scalar: Scalar, v: unknown): void {
  switch (scalar) {
    case 'string':
      tag(w, no, WIRE_BYTES).string(text(v));
      return;
    case 'boolean':
      expect(typeof v === 'boolean', 'a boolean', v);
      tag(w, no, WIRE_VARINT).bool(v as boolean);
      return;
    case 'int32':
      tag(w, no, WIRE_VARINT).int32(integer(v));
      return;
    case 'int64':
      tag(w, no, WIRE_VARINT).int64(integer(v));
      return;
    case 'double':
      expect(typeof v === 'number', 'a number', v);
      tag(w, no, WIRE_FIXED64).double(v as number);
      return;
    case 'bytes': {
      const b64 = text(v);
      expect(/^[A-Za-z0-9+/]*={0,2}$/.test(b64), 'base64 data', v);
      tag(w, no, WIRE_BYTES).bytes(Buffer.from(b64, 'base64'));
      return;
    }
    default:
      tag(w, no, WIRE_BYTES);
      writeLeafMessage(w, scalar, v);
  }
}

const NULL_AS_EMPTY = new Set<Scalar>(['time', 'microTime', 'rawExtension', 'fieldsV1', 'json']);

function writeField(w: Writer, obj: Json, name: string, field: FieldSchema, registry: SchemaRegistry): void {
  const ft = field.type;
  if (field.inline && ft.kind === 'ref') {
    // Go-embedded struct: flattened in JSON, its own message in protobuf.
    const inner = lookup(registry, ft.ref);
    if (!Object.keys(inner.fields).some((k) => obj[k] !== undefined && obj[k] !== null)) return;
    tag(w, field.proto, WIRE_BYTES).fork();
    writeObject(w, obj, inner, registry);
    w.ldelim();
    return;
  }
  const v = obj[name];
  if (v === null && ft.kind === 'scalar' && NULL_AS_EMPTY.has(ft.scalar)) {
    // Go's zero Time/RawExtension is written as an empty message and reads back as null.
    tag(w, field.proto, WIRE_BYTES).uint32(0);
    return;
  }
  if (v === undefined || v === null) return;
  if (ft.kind === 'array') {
    expect(Array.isArray(v), 'an array', v);
    for (const item of v as unknown[])
      if (item !== null) writeValue(w, field.proto, ft.items, item, registry);
  } else if (ft.kind === 'map') {
    expect(isObject(v), 'an object', v);
    for (const [key, value] of Object.entries(v as Json)) {
      tag(w, field.proto, WIRE_BYTES).fork();
      tag(w, 1, WIRE_BYTES).string(key);
      if (value !== null) writeValue(w, 2, ft.values, value, registry);
      w.ldelim();
    }
  } else {
    writeValue(w, field.proto, ft, v, registry);
  }
}

/** Writes the fields of `obj` as a message of `schema` (no tag or length of its own). */
export function writeObject(w: Writer, obj: Json, schema: TypeSchema, registry: SchemaRegistry): void {
  const fields = Object.entries(schema.fields)
    .filter(([, f]) => f.proto > 0)
    .sort(([, a], [, b]) => a.proto - b.proto);
  for (const [name, field] of fields) {
    try {
      writeField(w, obj, name, field, registry);
    } catch (err) {
      throw WireError.at(err, field.inline ? undefined : name);
    }
  }
}

/**
 * Encodes a JSON object as one message of the named type.
 * Throws an Error when the type is unknown or a value does not fit its field.
 */
export function encodeMessage(obj: Json, typeName: string, registry: SchemaRegistry): Uint8Array {
  const w = Writer.create();
  try {
    writeObject(w, obj, lookup(registry, typeName), registry);
  } catch (err) {
    throw WireError.at(err).withPrefix(`cannot encode ${typeName.slice(typeName.lastIndexOf('.') + 1)}`);
  }
  return w.finish();
}
