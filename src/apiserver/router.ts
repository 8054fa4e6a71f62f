/**
 * @module apiserver/router
 * Routes one request: health and version, discovery, OpenAPI, then resource paths to handlers.
 * Authentication happens here; authorization allows the authenticated admin everything until
 * RBAC is enforced.
 */
import { newUnauthorized, StatusError, newMethodNotSupported } from '../machinery/errors.js';
import type { Clock } from '../util/clock.js';
import { isPublicPath, type TokenAuthenticator } from './auth/authn.js';
import { Discovery, AGGREGATED_CONTENT_TYPE } from './discovery.js';
import { Exchange, type RawRequest, type RawResponse } from './http/exchange.js';
import { parseResourcePath } from './http/request-info.js';
import type { Endpoint } from './handlers/endpoint.js';
import { handleGet, handleList } from './handlers/read.js';
import { handleWatch } from './handlers/watch.js';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handlePatch,
  handleUpdate,
} from './handlers/write.js';
import { handleSubresource } from './handlers/subresources.js';
import type { NodeStreams } from './handlers/pod-logs.js';
import { requestContext } from './handlers/request-context.js';
import type { UserInfo } from './registry/context.js';
import type { SubresourceHandler } from './handlers/subresource-handler.js';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface OpenApiService {
  root(): string;
  document(path: string): { body: string; hash: string } | undefined;
  /** `/openapi/v2` for an Accept header (gnostic protobuf or JSON); `undefined`: answer 406. */
  v2?(accept: string): { body: Buffer | string; contentType: string; etag: string } | undefined;
}

/** Virtual resources answer POST without storage (access reviews). */
export type VirtualHandler = (ex: Exchange, user: UserInfo, namespace: string | undefined) => Promise<void>;

/** The documents of upstream's ServiceAccountIssuerDiscovery. */
export interface IssuerDiscovery {
  /** The OpenID provider configuration; `host` is the request's Host, for `jwks_uri`. */
  configuration(host: string): unknown;
  jwks(): unknown;
}

export interface RouterOptions {
  endpoints: Endpoint[];
  discovery: Discovery;
  authn: TokenAuthenticator;
  clock: Clock;
  version: VersionInfo;
  openapi?: OpenApiService;
  virtual?: Map<string, VirtualHandler>;
  /** Receives failures that are not API errors (they answer 500 InternalError). */
  onInternalError?(err: unknown, method: string, path: string): void;
  /** The node agents in this process, for `pods/log`. */
  nodeStreams?: NodeStreams;
  /**
   * Subresources served by a handler the server was built with, keyed `group/plural/subresource`
   * (`/serviceaccounts/token`, which needs the signing key).
   */
  subresources?: Map<string, SubresourceHandler>;
  /** ServiceAccountIssuerDiscovery: `/.well-known/openid-configuration` and `/openid/v1/jwks`. */
  issuerDiscovery?: IssuerDiscovery;
  /** The named checks behind `/livez`, `/readyz` and `/healthz`, evaluated per request. */
  checks(endpoint: 'livez' | 'readyz' | 'healthz'): { name: string; ok: boolean }[];
}

export class Router {
  private readonly endpoints = new Map<string, Endpoint>();

  constructor(private readonly opts: RouterOptions) {
    for (const ep of opts.endpoints)
      this.endpoints.set(`${ep.def.group}/${ep.def.version}/${ep.def.plural}`, ep);
  }

  endpoint(group: string, version: string, plural: string): Endpoint | undefined {
    return this.endpoints.get(`${group}/${version}/${plural}`);
  }

  async handle(req: RawRequest, res: RawResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://kubeling');
    const ex = new Exchange(req, res, url);
    try {
      await this.route(ex);
    } catch (err) {
      if (!StatusError.is(err)) this.opts.onInternalError?.(err, req.method ?? '', url.pathname);
      ex.error(err);
    }
  }

  private async route(ex: Exchange): Promise<void> {
    const path = ex.url.pathname.replace(/\/+$/, '') || '/';
    if (isPublicPath(path)) return this.publicPath(ex, path);
    const user = await this.opts.authn.authenticate(ex.header('authorization'));
    if (!user) throw newUnauthorized();
    const issuer = this.opts.issuerDiscovery;
    if (issuer && (path === '/.well-known/openid-configuration' || path === '/openid/v1/jwks')) {
      if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD') throw notFoundPath();
      // As upstream: cacheable for an hour; the key set has its own media type.
      ex.res.setHeader('Cache-Control', 'public, max-age=3600');
      if (path === '/openid/v1/jwks') return ex.json(200, issuer.jwks(), 'application/jwk-set+json');
      return ex.json(200, issuer.configuration(ex.header('host') ?? ex.header(':authority') ?? 'localhost'));
    }
    const accept = ex.header('accept');
    const d = this.opts.discovery;
    switch (path) {
      case '/api':
        if (Discovery.wantsAggregated(accept))
          return ex.json(200, d.coreAggregated(), AGGREGATED_CONTENT_TYPE);
        return ex.json(200, d.coreVersions());
      case '/apis':
        if (Discovery.wantsAggregated(accept))
          return ex.json(200, d.groupsAggregated(), AGGREGATED_CONTENT_TYPE);
        return ex.json(200, d.groupList());
      case '/api/v1': {
        return ex.json(200, d.resourceList('v1')!);
      }
    }
    if (path === '/openapi/v3' && this.opts.openapi) return ex.json(200, this.opts.openapi.root());
    if (path.startsWith('/openapi/v3/') && this.opts.openapi) {
      const doc = this.opts.openapi.document(path.slice('/openapi/v3/'.length));
      if (!doc) throw notFoundPath();
      ex.res.setHeader('Etag', `"${doc.hash}"`);
      if (ex.url.searchParams.get('hash') === doc.hash)
        ex.res.setHeader('Cache-Control', 'public, immutable');
      return ex.json(200, doc.body);
    }
    if (path === '/openapi/v2' && this.opts.openapi?.v2) {
      const v2 = this.opts.openapi.v2(accept ?? '');
      ex.res.setHeader('Vary', 'Accept');
      if (!v2) {
        ex.res.writeHead(406); // Accept allows no encoding; upstream answers without a body
        return void ex.res.end();
      }
      const etag = `"${v2.etag}"`;
      if (ex.header('if-none-match') === etag) {
        ex.res.writeHead(304, { Etag: etag });
        return void ex.res.end();
      }
      const body = typeof v2.body === 'string' ? Buffer.from(v2.body) : v2.body;
      ex.res.writeHead(200, { 'Content-Type': v2.contentType, 'Content-Length': body.length, Etag: etag });
      return void ex.res.end(body);
    }
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = d.group(parts[1]);
      if (!g) throw notFoundPath();
      return ex.json(200, g);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const rl = d.resourceList(`${parts[1]}/${parts[2]}`);
      if (!rl) throw notFoundPath();
      return ex.json(200, rl);
    }
    const info = parseResourcePath(ex.req.method ?? 'GET', path, isTrue(ex.query.get('watch')));
    if (!info) throw notFoundPath();
    const virtual = this.opts.virtual?.get(`${info.group}/${info.version}/${info.resource}`);
    if (virtual) {
      if (info.verb !== 'create')
        throw newMethodNotSupported({ group: info.group, resource: info.resource }, info.verb);
      return virtual(ex, user, info.namespace);
    }
    const ep = this.endpoint(info.group, info.version, info.resource);
    if (!ep) throw notFoundPath();
    const ns = ep.def.namespaced ? info.namespace : undefined;
    if (!ep.def.namespaced && info.namespace && info.resource !== 'namespaces') throw notFoundPath();
    const now = this.opts.clock.now();
    if (info.subresource) {
      if (!info.name) throw notFoundPath();
      const verb = info.verb === 'connect' ? 'connect' : info.verb;
      const served = this.opts.subresources?.get(`${ep.def.group}/${ep.def.plural}/${info.subresource}`);
      if (served) return served(ep, ex, requestContext(ex, user, now, info.subresource), ns, info.name, verb);
      return handleSubresource(
        ep,
        ex,
        requestContext(ex, user, now, info.subresource),
        ns,
        info.name,
        info.subresource,
        verb,
        this.opts.nodeStreams,
      );
    }
    const gr = { group: ep.def.group, resource: ep.def.plural };
    if (!ep.def.verbs.includes(info.verb)) throw newMethodNotSupported(gr, info.verb);
    switch (info.verb) {
      case 'get':
        return handleGet(ep, ex, ns, info.name!);
      case 'list':
        return handleList(ep, ex, ns);
      case 'watch':
        if (info.name) ex.query.set('fieldSelector', `metadata.name=${info.name}`);
        return handleWatch(ep, ex, ns);
      case 'create':
        if (info.name) throw newMethodNotSupported(gr, 'create');
        return handleCreate(ep, ex, requestContext(ex, user, now), ns);
      case 'update':
        return handleUpdate(ep, ex, requestContext(ex, user, now), ns, info.name!);
      case 'patch':
        return handlePatch(ep, ex, requestContext(ex, user, now), ns, info.name!);
      case 'delete':
        return handleDelete(ep, ex, requestContext(ex, user, now), ns, info.name!);
      case 'deletecollection':
        return handleDeleteCollection(ep, ex, requestContext(ex, user, now), ns);
      default:
        throw newMethodNotSupported(gr, info.verb);
    }
  }

  private publicPath(ex: Exchange, path: string): void {
    if (path === '/version') return ex.json(200, this.opts.version);
    const endpoint = path.slice(1).split('/')[0] as 'livez' | 'readyz' | 'healthz';
    const only = path.split('/')[2];
    const checks = this.opts.checks(endpoint).filter((c) => !only || c.name === only);
    if (only && checks.length === 0) throw notFoundPath();
    const failed = checks.some((c) => !c.ok);
    if (!failed && !ex.query.has('verbose')) return ex.text(200, 'ok');
    // The same layout as upstream's healthz handler: one line per check, then the verdict.
    const lines = checks.map((c) => (c.ok ? `[+]${c.name} ok` : `[-]${c.name} failed: reason withheld`));
    lines.push(`${endpoint} check ${failed ? 'failed' : 'passed'}`);
    return ex.text(failed ? 500 : 200, lines.join('\n') + '\n');
  }
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

/** Upstream's answer for a path nothing serves: 404 NotFound with no details. */
function notFoundPath(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource');
}
