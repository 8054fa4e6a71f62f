/**
 * @module apiserver/server
 * Assembles the API server: watch cache over the store, one generic store and endpoint per
 * resource, discovery, the router, and the TLS listener.
 */
import type { ResourceDefinition, TablePrinter } from '../api/types.js';
import type { Store } from '../storage/interface.js';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { newBadRequest, newInternalError, newUnauthorized } from '../machinery/errors.js';
import { handleStreamUpgrade, refuse } from './handlers/pod-exec.js';
import { nodeStreamUnavailable } from './handlers/subresources.js';
import type { Logger } from '../util/logger.js';
import { realClock, type Clock } from '../util/clock.js';
import { TokenAuthenticator, type TokenEntry } from './auth/authn.js';
import {
  API_AUDIENCES,
  DEFAULT_ISSUER,
  ServiceAccountTokenAuthenticator,
  TokenSigner,
} from './auth/service-account-token.js';
import { tokenRequestHandler } from './handlers/token-request.js';
import { authenticationReviews } from './authn-reviews.js';
import type { SubresourceHandler } from './handlers/subresource-handler.js';
import { Discovery } from './discovery.js';
import { Endpoint } from './handlers/endpoint.js';
import type { ObjectCodec } from './handlers/codec.js';
import { listenTls, type Listener, type UpgradeHandler } from './http/listen.js';
import { GenericStore } from './registry/generic-store.js';
import type { FieldManager } from './registry/context.js';
import type { ResourceHooks } from './registry/hooks.js';
import type { NodeStreams } from './handlers/pod-logs.js';
import {
  Router,
  type IssuerDiscovery,
  type OpenApiService,
  type VersionInfo,
  type VirtualHandler,
} from './router.js';
import { DEFAULT_PRINTER } from './table.js';
import { WatchCache } from './watch-cache/cache.js';

export interface ApiServerOptions {
  store: Store;
  resources: ResourceDefinition<any>[];
  printers: Record<string, TablePrinter<any>>;
  hooks: Record<string, ResourceHooks>;
  codec: ObjectCodec;
  fieldManager?: FieldManager;
  tokens: TokenEntry[];
  /**
   * PEM of the RSA key that signs service-account tokens: with it the server serves
   * `serviceaccounts/NAME/token`, accepts the tokens it issued and publishes the key
   * (`/openid/v1/jwks`).
   */
  serviceAccountKey?: string;
  version: VersionInfo;
  clock?: Clock;
  openapi?: (defs: ResourceDefinition[]) => OpenApiService;
  virtual?: Map<string, VirtualHandler>;
  /** The node agents in this process, for `pods/log`. */
  nodeStreams?: NodeStreams;
  log?: Logger;
}

export class ApiServer {
  readonly cache: WatchCache;
  readonly stores = new Map<string, GenericStore>();
  readonly router: Router;
  readonly authn: TokenAuthenticator;
  private listener?: Listener;
  private ready = false;
  private readonly clock: Clock;

  constructor(private readonly opts: ApiServerOptions) {
    this.clock = opts.clock ?? realClock;
    const log = opts.log?.child({ component: 'apiserver' });
    this.cache = new WatchCache({
      store: opts.store,
      clock: this.clock,
      onError: (err) =>
        log?.error({ err }, 'storage watch failed; the watch cache no longer follows the store'),
    });
    const endpoints: Endpoint[] = [];
    for (const def of opts.resources) {
      const key = `${def.group}/${def.plural}`;
      const store = new GenericStore(
        def,
        {
          store: opts.store,
          omitEmpty: opts.codec.omitEmpty,
          cache: this.cache,
          fieldManager: opts.fieldManager,
          storeFor: (g, p) => this.stores.get(`${g}/${p}`),
          clock: this.clock,
        },
        opts.hooks[key] ?? {},
      );
      this.stores.set(key, store);
      const printer = def.printer ?? opts.printers[key] ?? DEFAULT_PRINTER;
      endpoints.push(new Endpoint(def, store, printer, this.clock, this.cache, opts.codec));
    }
    this.authn = new TokenAuthenticator(opts.tokens);
    const subresources = new Map<string, SubresourceHandler>();
    let issuerDiscovery: IssuerDiscovery | undefined;
    if (opts.serviceAccountKey) {
      const signer = new TokenSigner(opts.serviceAccountKey);
      subresources.set(
        '/serviceaccounts/token',
        tokenRequestHandler({ signer, issuer: DEFAULT_ISSUER, audiences: API_AUDIENCES }),
      );
      const saTokens = new ServiceAccountTokenAuthenticator(
        signer.publicKey,
        (plural, ns, name) => this.store('', plural).tryGet(ns, name),
        { issuer: DEFAULT_ISSUER, audiences: API_AUDIENCES, now: () => this.clock.now() },
      );
      this.authn.use(async (token) => {
        const r = await saTokens.authenticate(token);
        if (r.kind === 'invalid') log?.debug({ reason: r.reason }, 'service account token refused');
        return r.kind === 'user' ? r.user : undefined;
      });
      issuerDiscovery = {
        configuration: (host) => ({
          issuer: DEFAULT_ISSUER,
          jwks_uri: `https://${host}/openid/v1/jwks`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: [signer.alg],
        }),
        jwks: () => signer.jwks(),
      };
    }
    // Who-am-I is answered by every server: it only echoes what authentication found.
    const virtual = new Map([...(opts.virtual ?? []), ...authenticationReviews(opts.codec.protobuf)]);
    this.router = new Router({
      subresources,
      issuerDiscovery,
      endpoints,
      discovery: new Discovery(opts.resources.concat(virtualDefs(virtual))),
      authn: this.authn,
      clock: this.clock,
      version: opts.version,
      openapi: opts.openapi?.(opts.resources),
      virtual,
      nodeStreams: opts.nodeStreams,
      checks: (endpoint) => {
        const checks = [
          { name: 'ping', ok: true },
          { name: 'storage-watch', ok: this.cache.following },
        ];
        if (endpoint !== 'livez') checks.push({ name: 'bootstrap', ok: this.ready });
        return checks;
      },
      onInternalError: (err, method, path) => log?.error({ err, method, path }, 'internal error'),
    });
  }

  store(group: string, plural: string): GenericStore {
    const s = this.stores.get(`${group}/${plural}`);
    if (!s) throw new Error(`no store for ${group}/${plural}`);
    return s;
  }

  /** Loads the watch cache. Call before serving. */
  async start(): Promise<void> {
    await this.cache.start();
  }

  async listen(opts: {
    port: number;
    host?: string;
    cert: string;
    key: string;
    onUpgrade?: UpgradeHandler;
  }): Promise<number> {
    this.listener = await listenTls({
      ...opts,
      onRequest: (req, res) => void this.router.handle(req, res),
      onUpgrade: opts.onUpgrade ?? ((req, socket, head) => this.upgrade(req, socket, head)),
    });
    return this.listener.port;
  }

  /**
   * Upgrade requests: `pods/NAME/exec` and `pods/NAME/attach` over WebSocket are served
   * (handlers/pod-exec); port-forward, which the node agent does not serve yet, and anything else
   * are answered with a Status, so kubectl prints why instead of "unexpected EOF".
   */
  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'https://kubeling');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)$/.exec(url.pathname);
    void this.authn.authenticate(req.headers.authorization).then(
      (user) => {
        if (!user) return refuse(socket, newUnauthorized());
        this.upgradeAuthenticated(url, m, req, socket, head);
      },
      (err: unknown) => refuse(socket, newInternalError(err)),
    );
  }

  private upgradeAuthenticated(
    url: URL,
    m: RegExpExecArray | null,
    req: IncomingMessage,
    socket: Socket,
    head: Buffer,
  ): void {
    if (!m) return refuse(socket, newBadRequest(`${url.pathname} does not accept connection upgrades`));
    const [namespace, name] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    if (m[3] === 'portforward') return refuse(socket, nodeStreamUnavailable(m[3], name));
    handleStreamUpgrade(
      m[3] as 'exec' | 'attach',
      req,
      socket,
      head,
      { namespace, name, query: url.searchParams },
      { pods: this.store('', 'pods'), nodes: this.opts.nodeStreams },
    ).catch((err: unknown) => refuse(socket, newInternalError(err)));
  }

  markReady(): void {
    this.ready = true;
  }

  async stop(): Promise<void> {
    this.ready = false;
    this.cache.stop();
    await this.listener?.close();
  }
}

/** Access and self-subject reviews are served for discovery but never stored. */
function virtualDefs(virtual: Map<string, VirtualHandler> | undefined): ResourceDefinition[] {
  const out: ResourceDefinition[] = [];
  for (const key of virtual?.keys() ?? []) {
    const [group, version, plural] = key.split('/');
    const kind = VIRTUAL_KINDS[plural] ?? plural;
    out.push({
      group,
      version,
      kind,
      listKind: `${kind}List`,
      plural,
      singular: plural.replace(/s$/, ''),
      namespaced: plural.startsWith('local'),
      shortNames: [],
      categories: [],
      verbs: ['create'],
      subresources: [],
      // authorization.k8s.io → io.k8s.api.authorization.v1.Kind, authentication.k8s.io likewise.
      schemaName: `io.k8s.api.${group.split('.')[0]}.${version}.${kind}`,
      virtual: true,
    });
  }
  return out;
}

const VIRTUAL_KINDS: Record<string, string> = {
  selfsubjectaccessreviews: 'SelfSubjectAccessReview',
  subjectaccessreviews: 'SubjectAccessReview',
  localsubjectaccessreviews: 'LocalSubjectAccessReview',
  selfsubjectrulesreviews: 'SelfSubjectRulesReview',
  selfsubjectreviews: 'SelfSubjectReview',
};
