/**
 * Round trip of the gnostic encoding: decode our bytes with an independent protobufjs schema
 * (the part of gnostic's openapiv2/OpenAPIv2.proto we use, written out from its field numbers),
 * turn the message back into Swagger JSON and compare with the document we encoded.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import protobuf from 'protobufjs';
import { parse as parseYaml } from 'yaml';
import { resources as allResources } from '../../api/registry.js';
import { schemas } from '../../api/schema/index.js';
import { miniRegistry, miniResources } from './testing/mini-schemas.js';
import { buildOpenApiV2 } from './v2-document.js';
import { encodeOpenApiV2, yamlText } from './v2-protobuf.js';

const gnosticSubset = `
syntax = "proto3";
package openapi.v2;
message Any { string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; }
message Document {
  string swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9;
  repeated SecurityRequirement security = 12; SecurityDefinitions security_definitions = 13;
}
message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }
message NamedPathItem { string name = 1; PathItem value = 2; }
message PathItem {
  Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5; Operation patch = 8;
  repeated ParametersItem parameters = 9;
}
message Operation {
  repeated string tags = 1; string description = 3; string operation_id = 5; repeated string produces = 6;
  repeated string consumes = 7; repeated ParametersItem parameters = 8; Responses responses = 9;
  repeated string schemes = 10; repeated NamedAny vendor_extension = 13;
}
message ParametersItem { oneof oneof { Parameter parameter = 1; } }
message Parameter { oneof oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }
message BodyParameter { string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5; }
message NonBodyParameter { oneof oneof { QueryParameterSubSchema query = 3; PathParameterSubSchema path = 4; } }
message QueryParameterSubSchema {
  bool required = 1; string in = 2; string description = 3; string name = 4; string type = 6; bool unique_items = 20;
}
message PathParameterSubSchema {
  bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; bool unique_items = 19;
}
message Responses { repeated NamedResponseValue response_code = 1; }
message NamedResponseValue { string name = 1; ResponseValue value = 2; }
message ResponseValue { oneof oneof { Response response = 1; } }
message Response { string description = 1; SchemaItem schema = 2; }
message SchemaItem { oneof oneof { Schema schema = 1; } }
message Definitions { repeated NamedSchema additional_properties = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message ItemsItem { repeated Schema schema = 1; }
message TypeItem { repeated string value = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message Schema {
  string _ref = 1; string format = 2; string description = 4; Any default = 5; bool unique_items = 16;
  repeated string required = 19; repeated Any enum = 20; AdditionalPropertiesItem additional_properties = 21;
  TypeItem type = 22; ItemsItem items = 23; Properties properties = 25; repeated NamedAny vendor_extension = 31;
}
message SecurityRequirement { repeated NamedStringArray additional_properties = 1; }
message NamedStringArray { string name = 1; StringArray value = 2; }
message StringArray { repeated string value = 1; }
message SecurityDefinitions { repeated NamedSecDef additional_properties = 1; }
message NamedSecDef { string name = 1; SecDefItem value = 2; }
message SecDefItem { oneof oneof { ApiKeySecurity api_key_security = 2; } }
message ApiKeySecurity { string type = 1; string name = 2; string in = 3; string description = 4; }
`;

const Document = protobuf.parse(gnosticSubset, { keepCase: true }).root.lookupType('openapi.v2.Document');

type M = Record<string, any>;
const yamlOf = (a: M) => parseYaml(a.yaml as string) as unknown;

/** Puts `x-` vendor extensions back as keys. */
function withExtensions(out: M, ext: M[] | undefined): M {
  for (const e of ext ?? []) out[e.name] = yamlOf(e.value);
  return out;
}

function schemaJson(s: M): M {
  const out: M = {};
  if (s._ref) out.$ref = s._ref;
  if (s.format) out.format = s.format;
  if (s.description) out.description = s.description;
  if (s.default) out.default = yamlOf(s.default);
  if (s.unique_items) out.uniqueItems = true;
  if (s.required?.length) out.required = s.required;
  if (s.enum?.length) out.enum = s.enum.map(yamlOf);
  const ap = s.additional_properties;
  if (ap) out.additionalProperties = ap.schema ? schemaJson(ap.schema) : ap.boolean;
  if (s.type) out.type = s.type.value.length === 1 ? s.type.value[0] : s.type.value;
  if (s.items) out.items = schemaJson(s.items.schema[0]);
  if (s.properties)
    out.properties = Object.fromEntries(
      (s.properties.additional_properties ?? []).map((p: M) => [p.name, schemaJson(p.value)]),
    );
  return withExtensions(out, s.vendor_extension);
}

function parameterJson(item: M): M {
  const p = item.parameter;
  if (p.body_parameter) {
    const b = p.body_parameter;
    const out: M = { in: b.in, name: b.name };
    if (b.required) out.required = true;
    if (b.schema) out.schema = schemaJson(b.schema);
    return out;
  }
  const q = p.non_body_parameter.query ?? p.non_body_parameter.path;
  const out: M = { description: q.description, in: q.in, name: q.name };
  if (q.required) out.required = true;
  out.type = q.type;
  if (q.unique_items) out.uniqueItems = true;
  return out;
}

function operationJson(o: M): M {
  const out: M = { consumes: o.consumes, description: o.description, operationId: o.operation_id };
  if (o.parameters?.length) out.parameters = o.parameters.map(parameterJson);
  if (o.produces?.length) out.produces = o.produces;
  out.responses = Object.fromEntries(
    o.responses.response_code.map((r: M) => {
      const resp = r.value.response;
      const v: M = { description: resp.description };
      if (resp.schema) v.schema = schemaJson(resp.schema.schema);
      return [r.name, v];
    }),
  );
  out.schemes = o.schemes;
  out.tags = o.tags;
  return withExtensions(out, o.vendor_extension);
}

/** The decoded message as Swagger JSON (only the constructs the generator writes). */
function documentJson(bytes: Uint8Array): M {
  const d = Document.toObject(Document.decode(bytes), { arrays: true, defaults: false }) as M;
  const paths: M = {};
  for (const { name, value } of d.paths.path) {
    const item: M = {};
    for (const m of ['delete', 'get', 'patch', 'post', 'put'])
      if (value[m]) item[m] = operationJson(value[m]);
    if (value.parameters?.length) item.parameters = value.parameters.map(parameterJson);
    paths[name] = item;
  }
  return {
    swagger: d.swagger,
    info: d.info,
    paths,
    definitions: Object.fromEntries(
      d.definitions.additional_properties.map((n: M) => [n.name, schemaJson(n.value)]),
    ),
    security: d.security.map((r: M) =>
      Object.fromEntries(r.additional_properties.map((n: M) => [n.name, n.value.value ?? []])),
    ),
    securityDefinitions: Object.fromEntries(
      d.security_definitions.additional_properties.map((n: M) => [n.name, n.value.api_key_security]),
    ),
  };
}

/** JSON with keys sorted at every level, so key order does not matter in comparisons. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as M)[k])]),
    );
  return v;
}

describe('encodeOpenApiV2', () => {
  it('round-trips the mini document through an independent gnostic decoder', () => {
    const { document } = buildOpenApiV2(miniResources, miniRegistry());
    const decoded = documentJson(encodeOpenApiV2(document));
    assert.deepEqual(canonical(decoded), canonical(document));
  });

  it('round-trips the full document of every served resource', () => {
    const { document } = buildOpenApiV2(allResources, schemas);
    const bytes = encodeOpenApiV2(document);
    assert.ok(bytes.length > 100_000);
    assert.deepEqual(canonical(documentJson(bytes)), canonical(document));
  });

  it('writes swagger (1) first and keeps paths and definitions in document order', () => {
    const { document } = buildOpenApiV2(miniResources, miniRegistry());
    const bytes = encodeOpenApiV2(document);
    // Field 1, wire type 2, length 3, "2.0".
    assert.deepEqual([...bytes.subarray(0, 5)], [0x0a, 3, 0x32, 0x2e, 0x30]);
    const d = Document.toObject(Document.decode(bytes), { arrays: true }) as M;
    assert.deepEqual(
      d.paths.path.map((p: M) => p.name),
      Object.keys(document.paths as M),
    );
    assert.deepEqual(
      d.definitions.additional_properties.map((p: M) => p.name),
      Object.keys(document.definitions as M),
    );
  });

  it('writes GVK extensions as YAML that keeps the empty core group a string', () => {
    const text = yamlText([{ group: '', kind: 'Pod', version: 'v1' }]);
    assert.equal(text, '- group: ""\n  kind: Pod\n  version: v1\n');
    assert.equal(yamlText('on'), '"on"\n');
    assert.equal(yamlText({}), '{}\n');
  });

  it('refuses constructs it cannot encode', () => {
    assert.throws(() => encodeOpenApiV2({ swagger: '2.0', host: 'x' }), /document field "host"/);
    assert.throws(
      () => encodeOpenApiV2({ swagger: '2.0', definitions: { A: { type: 'string', maximum: 3 } } }),
      /schema field "maximum"/,
    );
    assert.throws(
      () =>
        encodeOpenApiV2({
          swagger: '2.0',
          paths: { '/x': { get: { responses: {}, parameters: [{ in: 'header', name: 'h' }] } } },
        }),
      /parameters in header/,
    );
  });
});
