/**
 * @module apiserver/auth/authn
 * Bearer-token authentication. Health and version endpoints are public, as upstream's
 * system:public-info-viewer role makes them.
 */
import { timingSafeEqual } from 'node:crypto';
import type { UserInfo } from '../registry/context.js';

export interface TokenEntry {
  token: string;
  user: UserInfo;
}

export const PUBLIC_PATHS = new Set(['/readyz', '/livez', '/healthz', '/version']);

export function isPublicPath(path: string): boolean {
  return (
    PUBLIC_PATHS.has(path) ||
    path.startsWith('/readyz/') ||
    path.startsWith('/livez/') ||
    path.startsWith('/healthz/')
  );
}

export class TokenAuthenticator {
  private readonly tokens: { buf: Buffer; user: UserInfo }[];
  constructor(entries: TokenEntry[]) {
    this.tokens = entries.map((e) => ({ buf: Buffer.from(e.token), user: e.user }));
  }

  add(entry: TokenEntry): void {
    this.tokens.push({ buf: Buffer.from(entry.token), user: entry.user });
  }

  /** The user for an Authorization header, or undefined. */
  authenticate(authorization: string | undefined): UserInfo | undefined {
    if (!authorization) return undefined;
    const m = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (!m) return undefined;
    const given = Buffer.from(m[1].trim());
    for (const t of this.tokens) {
      if (t.buf.length === given.length && timingSafeEqual(t.buf, given)) return t.user;
    }
    return undefined;
  }
}
