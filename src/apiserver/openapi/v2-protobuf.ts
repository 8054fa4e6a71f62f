/**
 * @module apiserver/openapi/v2-protobuf
 * Encodes the Swagger 2.0 document (see `v2-document`) as gnostic's `openapi.v2.Document`
 * protobuf message, which is what kubectl and client-go ask `/openapi/v2` for
 * (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`). Field numbers follow
 * gnostic-models' `openapiv2/OpenAPIv2.proto`. Free-form values (defaults, enum members, vendor
 * extensions) travel as `Any{yaml}`: the value's YAML text, which clients parse with a YAML 1.1
 * parser. Only the parts of Swagger 2.0 the generator produces are supported; anything else
 * throws, so a generator change cannot silently drop data.
 */
import protobuf from 'protobufjs';
import { stringify } from 'yaml';

const { Writer } = protobuf;
type Writer = protobuf.Writer;

/**
 * The content type of the protobuf answer. Clients ask with `@v1.0`, but Go's media-type parser
 * rejects `@`, so upstream answers with `.v1.0` and so do we.
 */
export const openApiV2ProtobufType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = Record<string, unknown>;

const LEN = 2;
const VARINT = 0;

function str(w: Writer, no: number, v: unknown): void {
  if (v === undefined || v === '') return;
  if (typeof v !== 'string')
    throw new Error(`openapi v2 protobuf: field ${no} wants a string, got ${typeof v}`);
  w.uint32((no << 3) | LEN).string(v);
}

function strs(w: Writer, no: number, v: unknown): void {
  for (const s of (v as string[] | undefined) ?? []) w.uint32((no << 3) | LEN).string(s);
}

function bool(w: Writer, no: number, v: unknown): void {
  if (v === true) w.uint32((no << 3) | VARINT).bool(true);
}

/** Writes a length-delimited sub-message; `body` fills it. Always written, even when empty. */
function msg(w: Writer, no: number, body: (w: Writer) => void): void {
  w.uint32((no << 3) | LEN).fork();
  body(w);
  w.ldelim();
}

/** The YAML text gnostic keeps in `Any.yaml`: YAML 1.1, so strings like `on` or `yes` stay quoted. */
export function yamlText(v: unknown): string {
  return stringify(v, { version: '1.1' });
}

/** `Any { yaml = 2 }` */
function any(w: Writer, no: number, v: unknown): void {
  msg(w, no, (a) => str(a, 2, yamlText(v)));
}

/** `repeated NamedAny vendor_extension = no` from the `x-` keys of `o`. */
function extensions(w: Writer, no: number, o: Json): void {
  for (const [k, v] of Object.entries(o)) {
    if (!k.startsWith('x-')) continue;
    msg(w, no, (n) => {
      str(n, 1, k);
      any(n, 2, v);
    });
  }
}

function unsupported(where: string, o: Json, known: string[]): void {
  for (const k of Object.keys(o)) {
    if (!k.startsWith('x-') && !known.includes(k))
      throw new Error(`openapi v2 protobuf: ${where} field ${JSON.stringify(k)} is not supported`);
  }
}

const schemaKeys = [
  '$ref',
  'format',
  'title',
  'description',
  'default',
  'uniqueItems',
  'required',
  'enum',
  'additionalProperties',
  'type',
  'items',
  'allOf',
  'properties',
  'readOnly',
  'example',
];

/** `Schema` */
function schema(w: Writer, s: Json): void {
  unsupported('schema', s, schemaKeys);
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 3, s.title);
  str(w, 4, s.description);
  if (s.default !== undefined) any(w, 5, s.default);
  bool(w, 16, s.uniqueItems);
  strs(w, 19, s.required);
  for (const e of (s.enum as unknown[] | undefined) ?? []) any(w, 20, e);
  const ap = s.additionalProperties;
  if (ap !== undefined) {
    msg(w, 21, (a) => {
      if (typeof ap === 'boolean') a.uint32((2 << 3) | VARINT).bool(ap);
      else msg(a, 1, (x) => schema(x, ap as Json));
    });
  }
  if (s.type !== undefined) msg(w, 22, (t) => strs(t, 1, Array.isArray(s.type) ? s.type : [s.type]));
  if (s.items !== undefined) {
    const items = Array.isArray(s.items) ? (s.items as Json[]) : [s.items as Json];
    msg(w, 23, (i) => items.forEach((it) => msg(i, 1, (x) => schema(x, it))));
  }
  for (const a of (s.allOf as Json[] | undefined) ?? []) msg(w, 24, (x) => schema(x, a));
  if (s.properties !== undefined) {
    msg(w, 25, (p) => {
      for (const [name, v] of Object.entries(s.properties as Record<string, Json>))
        named(p, 1, name, v, schema);
    });
  }
  bool(w, 27, s.readOnly);
  if (s.example !== undefined) any(w, 30, s.example);
  extensions(w, 31, s);
}

/** A `Named<T> { name = 1; value = 2 }` entry of a map-like message. */
function named(w: Writer, no: number, name: string, v: Json, body: (w: Writer, v: Json) => void): void {
  msg(w, no, (n) => {
    str(n, 1, name);
    msg(n, 2, (x) => body(x, v));
  });
}

/**
 * Field numbers of Query- and PathParameterSubSchema, which differ by one after `name` because
 * only the query form has `allow_empty_value`.
 */
const nonBodyFields = {
  query: { sub: 3, type: 6, format: 7, items: 8, default: 10, enum: 21, uniqueItems: 20, ext: 23 },
  path: { sub: 4, type: 5, format: 6, items: 7, default: 9, enum: 20, uniqueItems: 19, ext: 22 },
};

/** `ParametersItem { parameter = 1 }` holding a body or a query/path parameter. */
function parameter(w: Writer, p: Json): void {
  msg(w, 1, (param) => {
    if (p.in === 'body') {
      unsupported('body parameter', p, ['description', 'name', 'in', 'required', 'schema']);
      msg(param, 1, (b) => {
        str(b, 1, p.description);
        str(b, 2, p.name);
        str(b, 3, p.in);
        bool(b, 4, p.required);
        if (p.schema) msg(b, 5, (x) => schema(x, p.schema as Json));
        extensions(b, 6, p);
      });
      return;
    }
    const f = nonBodyFields[p.in as 'query' | 'path'];
    if (!f) throw new Error(`openapi v2 protobuf: parameters in ${String(p.in)} are not supported`);
    unsupported(`${String(p.in)} parameter`, p, [
      'required',
      'in',
      'description',
      'name',
      'type',
      'format',
      'default',
      'enum',
      'uniqueItems',
    ]);
    msg(param, 2, (nb) =>
      msg(nb, f.sub, (q) => {
        bool(q, 1, p.required);
        str(q, 2, p.in);
        str(q, 3, p.description);
        str(q, 4, p.name);
        str(q, f.type, p.type);
        str(q, f.format, p.format);
        if (p.default !== undefined) any(q, f.default, p.default);
        bool(q, f.uniqueItems, p.uniqueItems);
        for (const e of (p.enum as unknown[] | undefined) ?? []) any(q, f.enum, e);
        extensions(q, f.ext, p);
      }),
    );
  });
}

/** `Operation` */
function operation(w: Writer, op: Json): void {
  unsupported('operation', op, [
    'tags',
    'summary',
    'description',
    'operationId',
    'produces',
    'consumes',
    'parameters',
    'responses',
    'schemes',
    'deprecated',
  ]);
  strs(w, 1, op.tags);
  str(w, 2, op.summary);
  str(w, 3, op.description);
  str(w, 5, op.operationId);
  strs(w, 6, op.produces);
  strs(w, 7, op.consumes);
  for (const p of (op.parameters as Json[] | undefined) ?? []) msg(w, 8, (x) => parameter(x, p));
  msg(w, 9, (rs) => {
    for (const [code, r] of Object.entries((op.responses as Record<string, Json>) ?? {})) {
      // NamedResponseValue { name, value: ResponseValue { response = 1: Response } }
      named(rs, 1, code, r, (rv, resp) =>
        msg(rv, 1, (x) => {
          unsupported('response', resp, ['description', 'schema']);
          str(x, 1, resp.description);
          if (resp.schema) msg(x, 2, (si) => msg(si, 1, (s) => schema(s, resp.schema as Json)));
          extensions(x, 5, resp);
        }),
      );
    }
  });
  strs(w, 10, op.schemes);
  bool(w, 11, op.deprecated);
  extensions(w, 13, op);
}

const pathItemFields: Record<string, number> = {
  get: 2,
  put: 3,
  post: 4,
  delete: 5,
  options: 6,
  head: 7,
  patch: 8,
};

/** `PathItem` */
function pathItem(w: Writer, item: Json): void {
  unsupported('path item', item, [...Object.keys(pathItemFields), 'parameters']);
  for (const [method, no] of Object.entries(pathItemFields)) {
    if (item[method]) msg(w, no, (x) => operation(x, item[method] as Json));
  }
  for (const p of (item.parameters as Json[] | undefined) ?? []) msg(w, 9, (x) => parameter(x, p));
  extensions(w, 10, item);
}

/** `SecurityDefinitionsItem`: only API-key schemes (`api_key_security = 2`). */
function securityDefinition(w: Writer, d: Json): void {
  if (d.type !== 'apiKey')
    throw new Error(`openapi v2 protobuf: security type ${String(d.type)} is not supported`);
  msg(w, 2, (k) => {
    str(k, 1, d.type);
    str(k, 2, d.name);
    str(k, 3, d.in);
    str(k, 4, d.description);
    extensions(k, 5, d);
  });
}

/** The whole `openapi.v2.Document`. Throws on a construct this encoder does not know. */
export function encodeOpenApiV2(doc: Json): Uint8Array {
  unsupported('document', doc, [
    'swagger',
    'info',
    'paths',
    'definitions',
    'security',
    'securityDefinitions',
  ]);
  const w = Writer.create();
  str(w, 1, doc.swagger);
  const info = doc.info as Json | undefined;
  if (info) {
    msg(w, 2, (i) => {
      str(i, 1, info.title);
      str(i, 2, info.version);
      str(i, 3, info.description);
      extensions(i, 7, info);
    });
  }
  const paths = doc.paths as Record<string, Json> | undefined;
  if (paths) {
    msg(w, 8, (p) => {
      extensions(p, 1, paths);
      for (const [name, item] of Object.entries(paths)) {
        if (!name.startsWith('x-')) named(p, 2, name, item, pathItem);
      }
    });
  }
  const definitions = doc.definitions as Record<string, Json> | undefined;
  if (definitions) {
    msg(w, 9, (d) => {
      for (const [name, s] of Object.entries(definitions)) named(d, 1, name, s, schema);
    });
  }
  for (const req of (doc.security as Record<string, string[]>[] | undefined) ?? []) {
    // SecurityRequirement { repeated NamedStringArray additional_properties = 1 }
    msg(w, 12, (r) => {
      for (const [name, scopes] of Object.entries(req)) {
        msg(r, 1, (n) => {
          str(n, 1, name);
          msg(n, 2, (a) => strs(a, 1, scopes));
        });
      }
    });
  }
  const defs = doc.securityDefinitions as Record<string, Json> | undefined;
  if (defs) {
    msg(w, 13, (sd) => {
      for (const [name, d] of Object.entries(defs)) named(sd, 1, name, d, securityDefinition);
    });
  }
  extensions(w, 16, doc);
  return w.finish();
}
