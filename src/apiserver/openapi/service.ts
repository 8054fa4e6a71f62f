/**
 * @module apiserver/openapi/service
 * Serves the OpenAPI v3 documents: builds each group-version's document once, on first use, and
 * keeps its JSON text and hash. The HTTP routes (`GET /openapi/v3`, `GET /openapi/v3/<gv path>`,
 * ETag handling) belong to the server; this class only answers with text.
 */
import type { SchemaRegistry } from '../../api/schema/model.js';
import { describeGroupVersion, type GroupVersion, type OpenApiResource } from './document.js';
import { buildOpenApiV3Root, groupVersionPath, openApiHash } from './root.js';

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

export class OpenApiV3Service {
  private readonly groupVersions: GroupVersion[];
  private readonly byPath = new Map<string, GroupVersion>();
  private readonly built = new Map<string, Built>();
  private rootText?: string;

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
