/**
 * @module apiserver/openapi/v2-document
 * Builds the single Swagger 2.0 document served at `/openapi/v2` (kubectl's
 * `explain --output=plaintext-openapiv2` and older clients read it). It is derived from the
 * OpenAPI v3 documents of every served group-version, so both versions describe the same paths,
 * operations and types: v3 `requestBody`/`content` become v2 body parameters, `consumes` and
 * `produces`; `allOf`-wrapped references become plain `$ref`s into `#/definitions/`; parameter
 * schemas are flattened; Quantity and IntOrString become strings, as upstream's v2 document has them.
 */
import type { SchemaRegistry } from '../../api/schema/model.js';
import { refPrefix, type OpenApiSchema } from './components.js';
import { describeGroupVersion, type GroupVersion, type OpenApiResource } from './document.js';

export const definitionsPrefix = '#/definitions/';

/** The document plus the schema names nothing described (stubbed, as in the v3 documents). */
export interface BuiltV2Document {
  document: Record<string, unknown>;
  missing: string[];
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * The whole v2 document for `resources`. Paths and definitions are sorted by name; the same input
 * always gives the same JSON text.
 */
export function buildOpenApiV2(
  resources: OpenApiResource[],
  registry: Pick<SchemaRegistry, 'get' | 'forKind'>,
): BuiltV2Document {
  const seen = new Map<string, GroupVersion>();
  for (const r of resources) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
  const paths: Record<string, OpenApiSchema> = {};
  const definitions: Record<string, OpenApiSchema> = {};
  const missing = new Set<string>();
  for (const gv of seen.values()) {
    const built = describeGroupVersion(gv, resources, registry);
    const v3 = built.document as {
      paths: Record<string, OpenApiSchema>;
      components: { schemas: Record<string, OpenApiSchema> };
    };
    for (const [p, item] of Object.entries(v3.paths)) paths[p] = pathItemToV2(item);
    for (const [name, schema] of Object.entries(v3.components.schemas)) {
      definitions[name] ??= schemaToV2(schema);
    }
    for (const m of built.missing) missing.add(m);
  }
  return {
    document: {
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'unversioned' },
      paths: sortedRecord(paths),
      definitions: sortedRecord(definitions),
      security: [{ BearerToken: [] }],
      securityDefinitions: {
        BearerToken: {
          description: 'Bearer token authentication',
          in: 'header',
          name: 'authorization',
          type: 'apiKey',
        },
      },
    },
    missing: [...missing].sort(),
  };
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/**
 * One schema in v2 form. `{allOf: [{$ref}], ...rest}` becomes `{$ref, ...rest}`; `oneOf` of
 * primitive alternatives (Quantity, IntOrString) becomes `type: string`, keeping the format.
 */
export function schemaToV2(s: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  const allOf = s.allOf as OpenApiSchema[] | undefined;
  const single = allOf?.length === 1 && typeof allOf[0].$ref === 'string' ? allOf[0] : undefined;
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'allOf':
        if (single) out.$ref = convertRef(single.$ref as string);
        else out.allOf = allOf!.map(schemaToV2);
        break;
      case 'oneOf':
        if (s.type === undefined) out.type = 'string';
        break;
      case '$ref':
        out.$ref = convertRef(v as string);
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(v as Record<string, OpenApiSchema>).map(([n, p]) => [n, schemaToV2(p)]),
        );
        break;
      case 'items':
      case 'additionalProperties':
        out[k] = typeof v === 'object' && v !== null ? schemaToV2(v as OpenApiSchema) : v;
        break;
      default:
        out[k] = v;
    }
  }
  return sortedRecord(out);
}

function convertRef(ref: string): string {
  return ref.startsWith(refPrefix) ? definitionsPrefix + ref.slice(refPrefix.length) : ref;
}

/** A v3 query or path parameter with its `schema` flattened into the parameter, as v2 wants. */
function parameterToV2(p: OpenApiSchema): OpenApiSchema {
  const { schema, ...rest } = p as { schema?: OpenApiSchema } & OpenApiSchema;
  return sortedRecord({ ...rest, ...schema });
}

function pathItemToV2(item: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === 'parameters') out.parameters = (v as OpenApiSchema[]).map(parameterToV2);
    else if (httpMethods.includes(k)) out[k] = operationToV2(v as OpenApiSchema);
    else out[k] = v;
  }
  return out;
}

type MediaMap = Record<string, { schema?: OpenApiSchema }>;

/**
 * One operation in v2 form: the request body becomes the first parameter (`in: body`) and its
 * media types `consumes` (`*\/*` when there is no body); the media types of the responses become
 * `produces`, and each response keeps one schema.
 */
export function operationToV2(op: OpenApiSchema): OpenApiSchema {
  const parameters: OpenApiSchema[] = [];
  let consumes = ['*/*'];
  const body = op.requestBody as { content: MediaMap; required?: boolean } | undefined;
  if (body) {
    consumes = Object.keys(body.content);
    const schema = Object.values(body.content)[0]?.schema;
    const param: OpenApiSchema = { in: 'body', name: 'body' };
    if (body.required) param.required = true;
    if (schema) param.schema = schemaToV2(schema);
    parameters.push(param);
  }
  for (const p of (op.parameters as OpenApiSchema[] | undefined) ?? []) parameters.push(parameterToV2(p));
  const produces: string[] = [];
  const responses: Record<string, OpenApiSchema> = {};
  for (const [code, r] of Object.entries(op.responses as Record<string, OpenApiSchema>)) {
    const content = r.content as MediaMap | undefined;
    const v2: OpenApiSchema = { description: r.description };
    if (content) {
      for (const m of Object.keys(content)) if (!produces.includes(m)) produces.push(m);
      const schema = Object.values(content)[0]?.schema;
      if (schema) v2.schema = schemaToV2(schema);
    }
    responses[code] = v2;
  }
  const out: OpenApiSchema = { consumes, description: op.description, operationId: op.operationId };
  if (parameters.length > 0) out.parameters = parameters;
  if (produces.length > 0) out.produces = produces;
  out.responses = responses;
  out.schemes = ['https'];
  for (const [k, v] of Object.entries(op)) {
    if (k === 'tags' || k.startsWith('x-')) out[k] = v;
  }
  return out;
}

/** `$ref` targets of a v2 document that its `definitions` lack; empty when all resolve. */
export function danglingV2Refs(doc: unknown): string[] {
  const defs = (doc as { definitions?: Record<string, unknown> }).definitions ?? {};
  const bad = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          if (!v.startsWith(definitionsPrefix) || !(v.slice(definitionsPrefix.length) in defs)) bad.add(v);
        } else walk(v);
      }
    }
  };
  walk(doc);
  return [...bad].sort();
}
