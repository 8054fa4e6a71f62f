/**
 * @module apiserver/openapi/root
 * The OpenAPI v3 discovery document served at `/openapi/v3`: one entry per group-version, each
 * pointing at that group-version's document with a content hash in the query string, so clients
 * (kubectl, client-go) may cache the documents for as long as the hash stays the same.
 */
import { createHash } from 'node:crypto';
import type { GroupVersion } from './document.js';

/** `api/v1` for the core group, `apis/<group>/<version>` otherwise (no leading slash). */
export function groupVersionPath(gv: GroupVersion): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

/** Upstream's document hash: SHA-512 of the served bytes, upper-case hex. */
export function openApiHash(body: string | Uint8Array): string {
  return createHash('sha512').update(body).digest('hex').toUpperCase();
}

/**
 * `{paths: {"api/v1": {serverRelativeURL: "/openapi/v3/api/v1?hash=H"}, ...}}`, entries in the
 * order given. `hashOf` receives the group-version path (`apis/apps/v1`) and returns its hash.
 */
export function buildOpenApiV3Root(
  groupVersions: GroupVersion[],
  hashOf: (gvPath: string) => string,
): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions) {
    const p = groupVersionPath(gv);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(p)}` };
  }
  return { paths };
}
