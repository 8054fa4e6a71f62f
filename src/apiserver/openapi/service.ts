/**
 * @module apiserver/openapi/service
 * Serves the OpenAPI documents: the v3 document of each group-version and the single v2
 * document, each built once, on first use (never at construction, so server start stays fast),
 * then kept with its hash. The HTTP routes (`GET /openapi/v3`, `GET /openapi/v3/<gv path>`,
 * `GET /openapi/v2`, ETag handling) belong to the server; this class only answers with bodies.
 */
import type { SchemaRegistry } from '../../api/schema/model.js';
import { describeGroupVersion, type GroupVersion, type OpenApiResource } from './document.js';
import { buildOpenApiV3Root, groupVersionPath, openApiHash } from './root.js';
import { buildOpenApiV2 } from './v2-document.js';
import { encodeOpenApiV2, openApiV2ProtobufType } from './v2-protobuf.js';

export interface OpenApiV3ServiceOptions {
  /** Every served resource; their group-versions become the documents. */
  resources: OpenApiResource[];
  registry: SchemaRegistry;
}

interface Built {
  body: string;
  hash: string;
  missing: string[];
}

/** One encoding of the v2 document, as `/openapi/v2` answers it. */
export interface OpenApiV2Body {
  body: Buffer | string;
  contentType: string;
  /** Upper-case SHA-512 hex of the JSON text, for the ETag header (same for both encodings). */
  etag: string;
}

/** Media subtypes (of `application/`) `/openapi/v2` answers, and which encoding each means. */
const v2Subtypes: Record<string, 'json' | 'protobuf'> = {
  json: 'json',
  'com.github.proto-openapi.spec.v2@v1.0+protobuf': 'protobuf',
  'com.github.proto-openapi.spec.v2.v1.0+protobuf': 'protobuf',
};

/**
 * Chooses the v2 encoding for an Accept header as upstream does: media ranges by descending
 * `q` (ties keep their order), the first that matches `application/json` or gnostic's protobuf
 * type (with `@` or `.` before `v1.0`) wins; `*` matches JSON first. An empty header means
 * `*\/*`. `undefined` when nothing matches (upstream answers 406).
 */
export function negotiateV2(accept: string): 'json' | 'protobuf' | undefined {
  const clauses = (accept.trim() || '*/*')
    .split(',')
    .map((raw, i) => {
      const [range, ...params] = raw.split(';').map((x) => x.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { range, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((c) => c.range && !(c.q <= 0))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { range } of clauses) {
    const [type, subtype = ''] = range.split('/');
    if (type !== 'application' && type !== '*') continue;
    if (subtype === '*') return 'json';
    const found = v2Subtypes[subtype];
    if (found) return found;
  }
  return undefined;
}

export class OpenApiV3Service {
  private readonly groupVersions: GroupVersion[];
  private readonly byPath = new Map<string, GroupVersion>();
  private readonly built = new Map<string, Built>();
  private rootText?: string;
  private v2Built?: { json: OpenApiV2Body; protobuf?: OpenApiV2Body; missing: string[] };

  constructor(private readonly opts: OpenApiV3ServiceOptions) {
    // Core first, then groups by name: the order discovery uses too.
    const seen = new Map<string, GroupVersion>();
    for (const r of opts.resources) {
      const gv = { group: r.group, version: r.version };
      seen.set(groupVersionPath(gv), gv);
    }
    this.groupVersions = [...seen.values()].sort(
      (a, b) =>
        Number(a.group !== '') - Number(b.group !== '') ||
        groupVersionPath(a).localeCompare(groupVersionPath(b)),
    );
    for (const gv of this.groupVersions) this.byPath.set(groupVersionPath(gv), gv);
  }

  /** JSON text of `/openapi/v3`. Builds every document the first time (their hashes are needed). */
  root(): string {
    this.rootText ??= JSON.stringify(buildOpenApiV3Root(this.groupVersions, (p) => this.build(p)!.hash));
    return this.rootText;
  }

  /**
   * The document for a group-version path: `api/v1`, `apis/apps/v1` (a leading `/` or
   * `/openapi/v3/` is ignored; no query string). `undefined` when no served resource has that
   * group-version: the route should answer 404.
   */
  document(path: string): { body: string; hash: string } | undefined {
    const b = this.build(normalise(path));
    return b && { body: b.body, hash: b.hash };
  }

  /**
   * The v2 document for an Accept header (see `negotiateV2`): gnostic protobuf with upstream's
   * content type `application/com.github.proto-openapi.spec.v2.v1.0+protobuf`, or JSON. Both
   * encodings are built on first request and cached, and share one ETag (the JSON text's hash;
   * the answer varies by Accept). `undefined` when the Accept header allows neither: answer 406.
   */
  v2(accept: string): OpenApiV2Body | undefined {
    const encoding = negotiateV2(accept);
    if (!encoding) return undefined;
    const built = this.buildV2();
    if (encoding === 'json') return built.json;
    if (!built.protobuf) {
      const document = JSON.parse(built.json.body as string) as Record<string, unknown>;
      const body = Buffer.from(encodeOpenApiV2(document));
      built.protobuf = { body, contentType: openApiV2ProtobufType, etag: built.json.etag };
    }
    return built.protobuf;
  }

  /** Group-version paths served, in root order. */
  paths(): string[] {
    return [...this.byPath.keys()];
  }

  /** Schema names referenced but not described, per group-version path (for a startup log line). */
  missingSchemas(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.byPath.keys()) {
      const m = this.build(p)!.missing;
      if (m.length > 0) out[p] = m;
    }
    return out;
  }

  private buildV2(): NonNullable<OpenApiV3Service['v2Built']> {
    if (!this.v2Built) {
      const { document, missing } = buildOpenApiV2(this.opts.resources, this.opts.registry);
      const body = JSON.stringify(document);
      this.v2Built = { json: { body, contentType: 'application/json', etag: openApiHash(body) }, missing };
    }
    return this.v2Built;
  }

  private build(path: string): Built | undefined {
    const cached = this.built.get(path);
    if (cached) return cached;
    const gv = this.byPath.get(path);
    if (!gv) return undefined;
    const { document, missing } = describeGroupVersion(gv, this.opts.resources, this.opts.registry);
    const body = JSON.stringify(document);
    const b = { body, hash: openApiHash(body), missing };
    this.built.set(path, b);
    return b;
  }
}

function normalise(path: string): string {
  let p = path.split('?')[0];
  if (p.startsWith('/openapi/v3/')) p = p.slice('/openapi/v3/'.length);
  return p.replace(/^\/+/, '').replace(/\/+$/, '');
}
