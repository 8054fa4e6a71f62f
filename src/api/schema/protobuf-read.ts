/**
 * @module api/schema/protobuf-read
 * Decodes one Kubernetes protobuf message into its JSON form, driven by the schema registry.
 *
 * JSON shape rules (so the result equals what the same object sent as JSON would be):
 *  - fields absent on the wire are absent in the result;
 *  - a zero scalar on the wire (Go writes every non-pointer scalar) is kept only when the field
 *    is required or a Go pointer (see protobuf-presence), as Go's `omitempty` would;
 *  - a present message, even an empty one, becomes an object (`resources: {}`);
 *  - an empty Time, RawExtension or FieldsV1 message is Go's zero value and becomes `null`.
 * Unknown field numbers are skipped. Malformed input throws an Error naming the field.
 */
import protobuf from 'protobufjs/minimal.js';
import type { FieldSchema, FieldType, Scalar, SchemaRegistry, TypeSchema } from './model.js';
import { formatDuration, formatTime } from './protobuf-leaves.js';
import { isPointerScalar } from './protobuf-presence.js';

const { Reader } = protobuf;
type Reader = protobuf.Reader;
type Json = Record<string, unknown>;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

/** Turns protobufjs' 64-bit result (Long when `long` is installed, else number) into a number. */
export function longToNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  return (v as { toNumber(): number }).toNumber();
}

/** Wire type a single (unpacked) value of this field type uses. */
function wireTypeOf(ft: FieldType): number {
  if (ft.kind !== 'scalar') return WIRE_BYTES;
  switch (ft.scalar) {
    case 'boolean':
    case 'int32':
    case 'int64':
      return WIRE_VARINT;
    case 'double':
      return WIRE_FIXED64;
    default:
      return WIRE_BYTES;
  }
}

const isNumeric = (ft: FieldType): boolean => ft.kind === 'scalar' && wireTypeOf(ft) !== WIRE_BYTES;

/** Reads a nested length-delimited message and calls `each(fieldNumber, wireType)` per field. */
function readMessage(r: Reader, end: number, each: (no: number, wt: number) => void): void {
  while (r.pos < end) {
    const tag = r.uint32();
    const no = tag >>> 3;
    if (no === 0) throw new Error('invalid field number 0');
    each(no, tag & 7);
  }
  if (r.pos !== end) throw new Error('message overruns its length');
}

function subReader(r: Reader): { r: Reader; end: number } {
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new Error(`length ${len} runs past the end of the data`);
  return { r, end };
}

/** Reads one value of a special leaf message (Time, Quantity, IntOrString, ...). */
function readLeafMessage(r: Reader, scalar: Scalar): unknown {
  const { end } = subReader(r);
  const start = r.pos;
  let seconds = 0;
  let nanos = 0;
  let intType = 0;
  let intVal = 0;
  let str = '';
  let raw: Uint8Array | undefined;
  let durationNs = 0;
  readMessage(r, end, (no, wt) => {
    if (scalar === 'time' || scalar === 'microTime') {
      if (no === 1 && wt === WIRE_VARINT) return void (seconds = longToNumber(r.int64()));
      if (no === 2 && wt === WIRE_VARINT) return void (nanos = r.int32());
    } else if (scalar === 'quantity') {
      if (no === 1 && wt === WIRE_BYTES) return void (str = r.string());
    } else if (scalar === 'intOrString') {
      if (no === 1 && wt === WIRE_VARINT) return void (intType = longToNumber(r.int64()));
      if (no === 2 && wt === WIRE_VARINT) return void (intVal = r.int32());
      if (no === 3 && wt === WIRE_BYTES) return void (str = r.string());
    } else if (scalar === 'duration') {
      if (no === 1 && wt === WIRE_VARINT) return void (durationNs = longToNumber(r.int64()));
    } else if (no === 1 && wt === WIRE_BYTES) {
      return void (raw = r.bytes());
    }
    r.skipType(wt);
  });
  switch (scalar) {
    case 'time':
    case 'microTime':
      return end === start ? null : formatTime({ seconds, nanos }, scalar === 'microTime');
    case 'quantity':
      return str === '' ? '0' : str;
    case 'intOrString':
      return intType === 1 ? str : intVal;
    case 'duration':
      return formatDuration(durationNs);
    default:
      return parseRawJson(raw);
  }
}

function parseRawJson(raw: Uint8Array | undefined): unknown {
  if (!raw || raw.length === 0) return null;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('embedded raw object is not JSON');
  }
}

/** Reads one unpacked value of `ft`; `wt` is the wire type found on the wire. */
function readValue(r: Reader, ft: FieldType, wt: number, registry: SchemaRegistry): unknown {
  const want = wireTypeOf(ft);
  if (wt !== want) throw new Error(`wire type ${wt} where ${want} was expected`);
  switch (ft.kind) {
    case 'ref': {
      const { end } = subReader(r);
      return readObject(r, end, lookup(registry, ft.ref), registry);
    }
    case 'array': {
      // Nested lists travel as a wrapper message whose field 1 repeats the items.
      const { end } = subReader(r);
      const items: unknown[] = [];
      readMessage(r, end, (no, iwt) =>
        no === 1 ? readRepeated(r, ft.items, iwt, items, registry) : r.skipType(iwt),
      );
      return items;
    }
    case 'map':
      throw new Error('a map cannot be a list item or map value');
    case 'scalar':
      switch (ft.scalar) {
        case 'string':
          return r.string();
        case 'boolean':
          return r.bool();
        case 'int32':
          return r.int32();
        case 'int64':
          return longToNumber(r.int64());
        case 'double':
          return r.double();
        case 'bytes':
          return Buffer.from(r.bytes()).toString('base64');
        default:
          return readLeafMessage(r, ft.scalar);
      }
  }
}

/** Appends one occurrence of a repeated field to `into`, unpacking packed numeric runs. */
function readRepeated(
  r: Reader,
  items: FieldType,
  wt: number,
  into: unknown[],
  registry: SchemaRegistry,
): void {
  if (wt === WIRE_BYTES && isNumeric(items)) {
    const { end } = subReader(r);
    const iwt = wireTypeOf(items);
    while (r.pos < end) into.push(readValue(r, items, iwt, registry));
    if (r.pos !== end) throw new Error('packed list overruns its length');
    return;
  }
  into.push(readValue(r, items, wt, registry));
}

/** The zero value a map entry gets when the entry omits its value. */
function zeroOf(ft: FieldType): unknown {
  if (ft.kind === 'ref') return {};
  if (ft.kind === 'array') return [];
  if (ft.kind === 'map') return {};
  const zeros: Partial<Record<Scalar, unknown>> = {
    string: '',
    boolean: false,
    int32: 0,
    int64: 0,
    double: 0,
    bytes: '',
    quantity: '0',
    intOrString: 0,
    duration: '0s',
  };
  return zeros[ft.scalar] ?? null;
}

function readMapEntry(r: Reader, values: FieldType, into: Json, registry: SchemaRegistry): void {
  const { end } = subReader(r);
  let key = '';
  let value: unknown = undefined;
  readMessage(r, end, (no, wt) => {
    if (no === 1 && wt === WIRE_BYTES) key = r.string();
    else if (no === 2) value = readValue(r, values, wt, registry);
    else r.skipType(wt);
  });
  into[key] = value === undefined ? zeroOf(values) : value;
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function readField(
  r: Reader,
  name: string,
  field: FieldSchema,
  wt: number,
  out: Json,
  schema: TypeSchema,
  registry: SchemaRegistry,
): void {
  const ft = field.type;
  if (field.inline && ft.kind === 'ref') {
    // Go-embedded struct: its own message in protobuf, flattened into the parent in JSON.
    if (wt !== WIRE_BYTES) throw new Error(`wire type ${wt} where 2 was expected`);
    const { end } = subReader(r);
    readInto(r, end, lookup(registry, ft.ref), registry, out);
    return;
  }
  if (ft.kind === 'array') {
    const list = (out[name] as unknown[] | undefined) ?? [];
    readRepeated(r, ft.items, wt, list, registry);
    out[name] = list;
    return;
  }
  if (ft.kind === 'map') {
    if (wt !== WIRE_BYTES) throw new Error(`wire type ${wt} where 2 was expected`);
    const map = (out[name] as Json | undefined) ?? {};
    readMapEntry(r, ft.values, map, registry);
    out[name] = map;
    return;
  }
  const value = readValue(r, ft, wt, registry);
  const plain = ft.kind === 'scalar' && wireTypeOf(ft) !== WIRE_BYTES;
  const plainText = ft.kind === 'scalar' && (ft.scalar === 'string' || ft.scalar === 'bytes');
  if ((plain || plainText) && isZeroScalar(value) && !field.required && !isPointerScalar(schema.name, name)) {
    delete out[name]; // a later zero overrides an earlier value, as in Go, then omitempty drops it
    return;
  }
  out[name] = value;
}

/** Decodes message fields up to `end` into `out` (which inline fields share with their parent). */
function readInto(r: Reader, end: number, schema: TypeSchema, registry: SchemaRegistry, out: Json): void {
  const byNumber = protoIndex(schema);
  readMessage(r, end, (no, wt) => {
    const hit = byNumber.get(no);
    if (!hit) return void r.skipType(wt);
    try {
      readField(r, hit[0], hit[1], wt, out, schema, registry);
    } catch (err) {
      throw WireError.at(err, hit[1].inline ? undefined : hit[0]);
    }
  });
}

/** Decodes a message of `schema` occupying the reader up to `end`. */
export function readObject(r: Reader, end: number, schema: TypeSchema, registry: SchemaRegistry): Json {
  const out: Json = {};
  readInto(r, end, schema, registry, out);
  return out;
}

/**
 * Decodes a whole buffer holding one message of the named type into JSON.
 * Throws an Error when the type is unknown or the bytes are malformed.
 */
export function decodeMessage(bytes: Uint8Array, typeName: string, registry: SchemaRegistry): Json {
  const schema = lookup(registry, typeName);
  const r = Reader.create(bytes);
  try {
    return readObject(r, r.len, schema, registry);
  } catch (err) {
    throw WireError.at(err).withPrefix(`invalid protobuf ${shortName(typeName)}`);
  }
}

const indexes = new WeakMap<TypeSchema, Map<number, [string, FieldSchema]>>();

/** Field lookup by proto number; fields numbered 0 (apiVersion, kind) are not in the message. */
export function protoIndex(schema: TypeSchema): Map<number, [string, FieldSchema]> {
  let idx = indexes.get(schema);
  if (!idx) {
    idx = new Map();
    for (const [name, field] of Object.entries(schema.fields))
      if (field.proto > 0) idx.set(field.proto, [name, field]);
    indexes.set(schema, idx);
  }
  return idx;
}

/** The schema for a type name; throws when the registry lacks it. */
export function lookup(registry: SchemaRegistry, name: string): TypeSchema {
  const s = registry.get(name);
  if (!s) throw new Error(`no schema for type ${name}`);
  return s;
}

const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** A decoding or encoding failure with the JSON path of the field it happened in. */
export class WireError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string[] = [],
  ) {
    super(path.length ? `at ${path.join('.')}: ${reason}` : reason);
  }

  /** Adds `field` in front of the path (wrapping foreign errors, such as protobufjs' range errors). */
  static at(err: unknown, field?: string): WireError {
    const base =
      err instanceof WireError
        ? err
        : new WireError(err instanceof Error ? clearReason(err.message) : String(err));
    return field === undefined ? base : new WireError(base.reason, [field, ...base.path]);
  }

  withPrefix(prefix: string): Error {
    return new Error(`${prefix}: ${this.message}`);
  }
}

// protobufjs reports truncation as "index out of range: 12 + 10 > 15".
const clearReason = (msg: string): string =>
  /index out of range/.test(msg) ? `truncated data (${msg})` : msg;
