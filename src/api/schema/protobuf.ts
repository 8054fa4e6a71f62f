/**
 * @module api/schema/protobuf
 * Kubernetes protobuf bodies (`application/vnd.kubernetes.protobuf`), decoded to and encoded
 * from the JSON form of an object, driven by the schema registry.
 *
 * A body is the 4-byte magic `k8s\0` followed by a runtime.Unknown message:
 * typeMeta=1 {apiVersion=1, kind=2}, raw=2 (the object's own message), contentEncoding=3,
 * contentType=4. The kind named in typeMeta picks the schema for `raw`.
 */
import protobuf from 'protobufjs/minimal.js';
import type { SchemaRegistry, TypeSchema } from './model.js';
import { decodeMessage, WireError } from './protobuf-read.js';
import { encodeMessage } from './protobuf-write.js';

export { decodeMessage } from './protobuf-read.js';
export { encodeMessage } from './protobuf-write.js';

const { Reader, Writer } = protobuf;

/** The content type of Kubernetes protobuf bodies. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** The four bytes every Kubernetes protobuf body starts with: "k8s\0". */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** A decoded body: the type named by the envelope and the object in its JSON form. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  /** The JSON form, with apiVersion and kind set (first, as the apiserver writes them). */
  object: Record<string, unknown>;
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

/** True when the bytes start with the Kubernetes protobuf magic. */
export function hasProtobufMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PROTOBUF_MAGIC.every((b, i) => bytes[i] === b);
}

/** Splits "apps/v1" into group and version ("v1" is the core group ""). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function readEnvelope(bytes: Uint8Array): Envelope {
  if (!hasProtobufMagic(bytes)) throw new Error('invalid protobuf body: missing the k8s\\0 prefix');
  const r = Reader.create(bytes.subarray(4));
  const env: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '' };
  try {
    while (r.pos < r.len) {
      const t = r.uint32();
      const [no, wt] = [t >>> 3, t & 7];
      if (no === 1 && wt === 2) {
        const end = r.uint32() + r.pos;
        if (end > r.len) throw new Error('typeMeta runs past the end of the data');
        while (r.pos < end) {
          const it = r.uint32();
          if (it === 0x0a) env.apiVersion = r.string();
          else if (it === 0x12) env.kind = r.string();
          else r.skipType(it & 7);
        }
      } else if (no === 2 && wt === 2) env.raw = r.bytes();
      else if (no === 3 && wt === 2) env.contentEncoding = r.string();
      else r.skipType(wt);
    }
  } catch (err) {
    throw WireError.at(err).withPrefix('invalid protobuf envelope');
  }
  return env;
}

function schemaFor(registry: SchemaRegistry, apiVersion: string, kind: string): TypeSchema {
  if (!kind || !apiVersion)
    throw new Error('invalid protobuf body: the envelope names no apiVersion and kind');
  const { group, version } = splitApiVersion(apiVersion);
  const schema = registry.forKind(group, version, kind);
  if (!schema) throw new Error(`protobuf is not supported for ${kind} in ${apiVersion}`);
  return schema;
}

/**
 * Decodes a Kubernetes protobuf body into the JSON form of the object it carries.
 * Throws an Error with a readable message on a missing prefix, malformed bytes, an encoded
 * (compressed) payload, or a kind the registry does not know.
 */
export function decode(bytes: Uint8Array, registry: SchemaRegistry): DecodedObject {
  const env = readEnvelope(bytes);
  if (env.contentEncoding) throw new Error(`unsupported protobuf content encoding ${env.contentEncoding}`);
  const schema = schemaFor(registry, env.apiVersion, env.kind);
  const fields = decodeMessage(env.raw, schema.name, registry);
  const object = { apiVersion: env.apiVersion, kind: env.kind, ...fields };
  return { apiVersion: env.apiVersion, kind: env.kind, object };
}

/**
 * Encodes the JSON form of an object (with apiVersion and kind) as a Kubernetes protobuf body.
 * Throws an Error when apiVersion/kind are missing or unknown, or a value does not fit its field.
 */
export function encode(object: Record<string, unknown>, registry: SchemaRegistry): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new Error('cannot encode an object without apiVersion and kind');
  }
  const raw = encodeMessage(object, schemaFor(registry, apiVersion, kind).name, registry);
  const w = Writer.create();
  w.uint32(0x0a).fork().uint32(0x0a).string(apiVersion).uint32(0x12).string(kind).ldelim();
  w.uint32(0x12).bytes(raw);
  w.uint32(0x1a).string('');
  w.uint32(0x22).string('');
  const body = w.finish();
  const out = new Uint8Array(4 + body.length);
  out.set(PROTOBUF_MAGIC, 0);
  out.set(body, 4);
  return out;
}
