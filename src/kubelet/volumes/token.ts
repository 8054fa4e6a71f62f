/**
 * @module kubelet/volumes/token
 * Service account tokens for `serviceAccountToken` projections, after upstream's kubelet token
 * manager: a TokenRequest per (namespace, account, audiences, lifetime, bound pod), cached and
 * requested again once 80% of its lifetime has passed (or 24 h), as upstream's requiresRefresh.
 * The request goes through an injected `RequestToken` (the kubelet's client by default); when the
 * API answers 404 without naming the account (no TokenRequest endpoint on this server), the file
 * gets an empty token and a warning is logged once per pod instead of failing the pod.
 */
import { ApiError } from '../../client/api-error.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

export interface TokenRequestSpec {
  /** Empty: the API server's own audiences. */
  audiences: string[];
  expirationSeconds: number;
  boundObjectRef: { kind: 'Pod'; apiVersion: 'v1'; name: string; uid: string };
}

export interface IssuedToken {
  token: string;
  /** RFC 3339. */
  expirationTimestamp: string;
}

/** `POST /api/v1/namespaces/{ns}/serviceaccounts/{sa}/token`; rejects with the API error. */
export type RequestToken = (
  namespace: string,
  serviceAccount: string,
  spec: TokenRequestSpec,
) => Promise<IssuedToken>;

/** The RequestToken of a RestClient (TokenRequest of authentication.k8s.io/v1). */
export function apiRequestToken(client: RestClient): RequestToken {
  return async (namespace, sa, spec) => {
    // The client has no POST-to-subresource verb: a ref whose plural carries the subresource
    // path gives the same URL.
    const ref = {
      group: '',
      version: 'v1',
      plural: `serviceaccounts/${encodeURIComponent(sa)}/token`,
      namespaced: true,
    };
    const res = await client.create<{
      metadata: Record<string, unknown>;
      status?: { token?: string; expirationTimestamp?: string };
    }>(ref, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec } as never, {
      namespace,
    });
    return { token: res.status?.token ?? '', expirationTimestamp: res.status?.expirationTimestamp ?? '' };
  };
}

/** Upstream's defaults: the API defaults expirationSeconds to 1 h; the token lives at most 24 h before a refresh. */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MAX_TTL_MS = 24 * 3600 * 1000;

interface Cached {
  /** The bound pod's UID, so that its tokens go with it. */
  podUID: string;
  token: string;
  issuedMs: number;
  expiresMs: number;
}

/** True when the 404 is the endpoint's absence rather than a missing ServiceAccount. */
function endpointMissing(err: unknown): boolean {
  if (!ApiError.is(err) || err.code !== 404) return false;
  const details = err.status.details as { kind?: string; name?: string } | undefined;
  return !details?.name && !/serviceaccounts? "/.test(err.message);
}

export class TokenManager {
  private readonly cache = new Map<string, Cached>();
  private readonly warned = new Set<string>();

  constructor(private readonly opts: { requestToken: RequestToken; clock: Clock; log: Logger }) {}

  /**
   * A valid token for the projection. Rejects as upstream words it
   * (`failed to fetch token: <API error>`), except for a missing endpoint (empty token).
   */
  async get(namespace: string, sa: string, spec: TokenRequestSpec): Promise<string> {
    const key = JSON.stringify([
      namespace,
      sa,
      spec.audiences,
      spec.expirationSeconds,
      spec.boundObjectRef.uid,
    ]);
    const now = this.opts.clock.nowMs();
    const cached = this.cache.get(key);
    if (cached && !this.requiresRefresh(cached, now)) return cached.token;
    let issued: IssuedToken;
    try {
      issued = await this.opts.requestToken(namespace, sa, spec);
    } catch (err) {
      if (endpointMissing(err)) {
        const uid = spec.boundObjectRef.uid;
        if (!this.warned.has(uid)) {
          this.warned.add(uid);
          this.opts.log.warn(
            { namespace, serviceAccount: sa, pod: spec.boundObjectRef.name },
            'the API server has no TokenRequest endpoint: writing an empty service account token',
          );
        }
        return '';
      }
      // A token still valid is better than none while the API server is unreachable.
      if (cached && now < cached.expiresMs) return cached.token;
      throw new Error(`failed to fetch token: ${(err as Error).message}`);
    }
    const expiresMs = Date.parse(issued.expirationTimestamp);
    this.cache.set(key, {
      podUID: spec.boundObjectRef.uid,
      token: issued.token,
      issuedMs: now,
      expiresMs: Number.isNaN(expiresMs) ? now + spec.expirationSeconds * 1000 : expiresMs,
    });
    return issued.token;
  }

  private requiresRefresh(c: Cached, now: number): boolean {
    const ttl = c.expiresMs - c.issuedMs;
    return now >= c.issuedMs + MAX_TTL_MS || now >= c.issuedMs + ttl * 0.8;
  }

  /** Drops the pod's tokens (it left the node). */
  forgetPod(uid: string): void {
    this.warned.delete(uid);
    for (const [k, c] of this.cache) if (c.podUID === uid) this.cache.delete(k);
  }
}
