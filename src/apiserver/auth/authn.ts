/**
 * @module apiserver/auth/authn
 * Bearer-token authentication: the static tokens (the admin's) first, then the authenticators added
 * after (service-account JWTs), as upstream's union authenticator. Health and version endpoints
 * are public, as upstream's system:public-info-viewer role makes them.
 */
import { timingSafeEqual } from 'node:crypto';
import type { UserInfo } from '../registry/context.js';

export interface TokenEntry {
  token: string;
  user: UserInfo;
}

/** One more way to know a bearer token: its user, or undefined when it is not one of its own. */
export type BearerAuthenticator = (token: string) => Promise<UserInfo | undefined>;

export const PUBLIC_PATHS = new Set(['/readyz', '/livez', '/healthz', '/version']);

export function isPublicPath(path: string): boolean {
  return (
    PUBLIC_PATHS.has(path) ||
    path.startsWith('/readyz/') ||
    path.startsWith('/livez/') ||
    path.startsWith('/healthz/')
  );
}

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return m ? m[1].trim() : undefined;
}

export class TokenAuthenticator {
  private readonly tokens: { buf: Buffer; user: UserInfo }[];
  private readonly others: BearerAuthenticator[] = [];
  constructor(entries: TokenEntry[]) {
    this.tokens = entries.map((e) => ({ buf: Buffer.from(e.token), user: e.user }));
  }

  add(entry: TokenEntry): void {
    this.tokens.push({ buf: Buffer.from(entry.token), user: entry.user });
  }

  /** Asks `a` about tokens that are none of the static ones, after those added before it. */
  use(a: BearerAuthenticator): void {
    this.others.push(a);
  }

  /** The user of a static token, or undefined (no lookups: usable where nothing may wait). */
  authenticateStatic(authorization: string | undefined): UserInfo | undefined {
    const token = bearerToken(authorization);
    if (token === undefined) return undefined;
    const given = Buffer.from(token);
    for (const t of this.tokens) {
      if (t.buf.length === given.length && timingSafeEqual(t.buf, given)) return t.user;
    }
    return undefined;
  }

  /** The user for an Authorization header, or undefined. */
  async authenticate(authorization: string | undefined): Promise<UserInfo | undefined> {
    const user = this.authenticateStatic(authorization);
    if (user) return user;
    const token = bearerToken(authorization);
    if (token === undefined) return undefined;
    for (const a of this.others) {
      const u = await a(token);
      if (u) return u;
    }
    return undefined;
  }
}
