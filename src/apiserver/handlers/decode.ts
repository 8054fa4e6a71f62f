/**
 * @module apiserver/handlers/decode
 * Request bodies to objects: JSON, YAML and Kubernetes protobuf. Bad bodies are 400s; unknown
 * content types 415.
 */
import { parse as parseYaml } from 'yaml';
import { newBadRequest, newUnsupportedMediaType, StatusError } from '../../machinery/errors.js';
import { ValueBody, type Body } from '../http/exchange.js';

const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
import type { KubeObject } from '../../machinery/meta.js';

export type ProtobufDecoder = (body: Uint8Array) => {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
};

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function parseJson(body: Body, what = 'request body'): unknown {
  if (body instanceof ValueBody) return body.value;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw newBadRequest(`error decoding ${what}: ${(e as Error).message}`);
  }
}

export function parseYamlOrJson(body: Body): unknown {
  if (body instanceof ValueBody) return body.value;
  try {
    return parseYaml(body.toString('utf8'), { uniqueKeys: false });
  } catch (e) {
    throw newBadRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}

/** Decodes a create/update body. */
export function decodeObject(
  body: Body,
  contentType: string | undefined,
  protobuf?: ProtobufDecoder,
): KubeObject {
  const mt = mediaType(contentType);
  let obj: unknown;
  if (body instanceof ValueBody) obj = body.value;
  else if (body.length === 0) throw newBadRequest('the request body is empty');
  else if (mt === 'application/vnd.kubernetes.protobuf') {
    if (!protobuf) throw newUnsupportedMediaType(OBJECT_MEDIA_TYPES.filter((m) => !m.includes('protobuf')));
    try {
      obj = protobuf(body).object;
    } catch (e) {
      if (StatusError.is(e)) throw e;
      throw newBadRequest(`error decoding protobuf body: ${(e as Error).message}`);
    }
  } else if (mt === '' || mt === 'application/json' || mt === '*/*') {
    obj = parseJson(body);
  } else if (mt === 'application/yaml' || mt === 'application/x-yaml' || mt === 'text/yaml') {
    obj = parseYamlOrJson(body);
  } else {
    throw newUnsupportedMediaType(OBJECT_MEDIA_TYPES);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw newBadRequest('the request body must be a JSON object');
  }
  const o = obj as KubeObject;
  if (
    o.metadata !== undefined &&
    (typeof o.metadata !== 'object' || o.metadata === null || Array.isArray(o.metadata))
  ) {
    throw newBadRequest('metadata must be an object');
  }
  o.metadata ??= {};
  return o;
}
