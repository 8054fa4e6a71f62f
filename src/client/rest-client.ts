/**
 * @module client/rest-client
 * A small typed REST client for the Kubernetes API. By default it speaks HTTPS (HTTP/1.1 with
 * a keep-alive agent, the cluster CA and a bearer token; plain `http:` URLs work too); in the
 * API server's own process it can be given the in-process transport instead, with the same
 * paths, verbs, headers and JSON. Every failure is an `ApiError` carrying the server's Status.
 * The only way components reach the cluster.
 */
import type { KubeList, KubeObject } from '../machinery/meta.js';
import { ApiError } from './api-error.js';
import { httpsTransport } from './https-transport.js';
import type { Transport, TransportResponse } from './transport.js';
import { readWatchEventBatches, readWatchEvents, type WatchEvent } from './watch-stream.js';

/** Names a served resource: `{group: 'apps', version: 'v1', plural: 'deployments', namespaced: true}`. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

export interface ClientConfig {
  /** `https://127.0.0.1:6443` or `http://…`. */
  server: string;
  token?: string;
  /** PEM of the CA that signed the server certificate. */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTLSVerify?: boolean;
  /** Default namespace from the kubeconfig context; informational. */
  namespace?: string;
  /** Default `kubeling`. */
  userAgent?: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'continue'> {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  /** Ends the stream (the iterator returns) when aborted. */
  signal?: AbortSignal;
}

export interface WriteOptions {
  namespace?: string;
  /**
   * The caller only reads the returned object (or ignores it): in process it may then be the
   * server's own, shared with its cache, which saves a copy. Do not modify it.
   */
  readOnlyResult?: boolean;
  fieldManager?: string;
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export interface PatchOptions extends WriteOptions {
  subresource?: string;
  /** Apply only: take ownership of conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  namespace?: string;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface DeleteCollectionOptions extends DeleteOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

interface RequestSpec {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  /** See WriteOptions.readOnlyResult. */
  readOnlyResult?: boolean;
}

/** The URL path of a resource collection, object or subresource. */
export function resourcePath(
  ref: ResourceRef,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let p = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  if (ref.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${ref.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/**
 * Safe to share between components and to call concurrently. Objects returned are fresh
 * parses, never shared. Methods reject with `ApiError` (404 NotFound, 409 Conflict /
 * AlreadyExists, …) or, on connection failures, an `ApiError` with code 0.
 */
export class RestClient {
  private readonly transport: Transport;

  /** `transport` defaults to HTTPS to `config.server` (which it then ignores otherwise). */
  constructor(
    readonly config: ClientConfig,
    transport?: Transport,
  ) {
    this.transport = transport ?? httpsTransport(config);
  }

  /** Closes idle keep-alive sockets. Open watches end when their signal aborts. */
  close(): void {
    this.transport.close();
  }

  async get<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    namespace?: string,
  ): Promise<T> {
    return this.json<T>({ method: 'GET', path: resourcePath(ref, namespace, name) });
  }

  async list<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    opts: ListOptions = {},
  ): Promise<KubeList<T>> {
    const { namespace, ...q } = opts;
    return this.json<KubeList<T>>({ method: 'GET', path: resourcePath(ref, namespace), query: q });
  }

  /** POST; the namespace defaults to `obj.metadata.namespace`. */
  async create<T extends KubeObject>(ref: ResourceRef, obj: T, opts: WriteOptions = {}): Promise<T> {
    const ns = opts.namespace ?? obj.metadata.namespace;
    return this.json<T>({
      method: 'POST',
      path: resourcePath(ref, ns),
      body: obj,
      query: writeQuery(opts),
      readOnlyResult: opts.readOnlyResult,
    });
  }

  /** PUT of the whole object; 409 Conflict when `metadata.resourceVersion` is stale. */
  async update<T extends KubeObject>(ref: ResourceRef, obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.updateSubresource(ref, obj, undefined, opts);
  }

  async updateStatus<T extends KubeObject>(ref: ResourceRef, obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.updateSubresource(ref, obj, 'status', opts);
  }

  /** PUT to a subresource (`status`, `finalize`, `scale`…) or, with none, to the object. */
  async updateSubresource<T extends KubeObject>(
    ref: ResourceRef,
    obj: T,
    subresource: string | undefined,
    opts: WriteOptions = {},
  ): Promise<T> {
    const ns = opts.namespace ?? obj.metadata.namespace;
    const path = resourcePath(ref, ns, obj.metadata.name!, subresource);
    return this.json<T>({
      method: 'PUT',
      path,
      body: obj,
      query: writeQuery(opts),
      readOnlyResult: opts.readOnlyResult,
    });
  }

  /** PATCH with one of the four patch types; `apply` requires `fieldManager`. */
  async patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    patch: unknown,
    type: PatchType,
    opts: PatchOptions = {},
  ): Promise<T> {
    const query = { ...writeQuery(opts), force: type === 'apply' && opts.force ? true : undefined };
    const path = resourcePath(ref, opts.namespace, name, opts.subresource);
    return this.json<T>({
      method: 'PATCH',
      path,
      body: patch,
      contentType: PATCH_TYPES[type],
      query,
      readOnlyResult: opts.readOnlyResult,
    });
  }

  /**
   * DELETE. Returns the object (still present with a deletionTimestamp, or as last seen) or a
   * Success Status, as the server answers. 404 when it is already gone.
   */
  async delete(ref: ResourceRef, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const { namespace, ...body } = opts;
    return this.json({ method: 'DELETE', path: resourcePath(ref, namespace, name), body: deleteBody(body) });
  }

  async deleteCollection(ref: ResourceRef, opts: DeleteCollectionOptions = {}): Promise<KubeList> {
    const { namespace, labelSelector, fieldSelector, ...body } = opts;
    const path = resourcePath(ref, namespace);
    return this.json({
      method: 'DELETE',
      path,
      query: { labelSelector, fieldSelector },
      body: deleteBody(body),
    });
  }

  /**
   * Streams watch events until the server closes the stream or `signal` aborts (the iterator
   * then simply returns). An `ERROR` event (e.g. 410 Expired) is yielded, not thrown; a non-200
   * answer to the request itself throws ApiError.
   */
  async *watch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    opts: WatchOptions = {},
  ): AsyncGenerator<WatchEvent<T>> {
    for await (const batch of this.watchBatches<T>(ref, opts)) yield* batch;
  }

  /** Like `watch`, yielding the events that arrived together as one array (fewer async steps). */
  async *watchBatches<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    opts: WatchOptions = {},
  ): AsyncGenerator<WatchEvent<T>[]> {
    const { namespace, signal, ...q } = opts;
    const res = await this.send({
      method: 'GET',
      path: resourcePath(ref, namespace),
      query: { ...q, watch: true },
      signal,
    });
    if (res.status !== 200) throw ApiError.fromResponse(res.status, await res.text());
    try {
      if (res.batches) yield* readWatchEventBatches<T>(res.batches);
      else for await (const ev of readWatchEvents<T>(res.body)) yield [ev];
    } catch (err) {
      if (signal?.aborted) return;
      throw connectionError(err);
    } finally {
      res.destroy();
    }
  }

  /** GET of any path (discovery); `accept` selects e.g. aggregated discovery. */
  async getPath<T = unknown>(path: string, accept?: string): Promise<T> {
    return this.json<T>({ method: 'GET', path, accept });
  }

  private async json<T>(spec: RequestSpec): Promise<T> {
    const res = await this.send(spec);
    const code = res.status;
    if (res.value && code >= 200 && code <= 299) {
      const v = await res.value(!spec.readOnlyResult).catch((err) => {
        throw connectionError(err);
      });
      if (v !== undefined) return v as T;
    }
    const text = await res.text().catch((err) => {
      throw connectionError(err);
    });
    if (code < 200 || code > 299) throw ApiError.fromResponse(code, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async send(spec: RequestSpec): Promise<TransportResponse> {
    const headers: Record<string, string> = {
      Accept: spec.accept ?? 'application/json',
      'User-Agent': this.config.userAgent ?? 'kubeling',
    };
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    let body: string | undefined;
    let bodyValue: unknown;
    if (spec.body !== undefined) {
      if (this.transport.takesValues) bodyValue = spec.body;
      else body = JSON.stringify(spec.body);
      headers['Content-Type'] = spec.contentType ?? 'application/json';
    }
    const path = spec.path + queryString(spec.query);
    try {
      return await this.transport.request({
        method: spec.method,
        path,
        headers,
        body,
        bodyValue,
        signal: spec.signal,
      });
    } catch (err) {
      throw connectionError(err);
    }
  }
}

function writeQuery(o: WriteOptions): Record<string, string | undefined> {
  return { fieldManager: o.fieldManager, dryRun: o.dryRun ? 'All' : undefined };
}

function deleteBody(o: Omit<DeleteOptions, 'namespace'>): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (o.propagationPolicy) body.propagationPolicy = o.propagationPolicy;
  if (o.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = o.gracePeriodSeconds;
  if (o.preconditions) body.preconditions = o.preconditions;
  if (o.dryRun) body.dryRun = ['All'];
  return body;
}

function queryString(q: RequestSpec['query']): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Wraps a socket-level failure as an ApiError with code 0 so callers handle one error type. */
function connectionError(err: unknown): ApiError {
  if (ApiError.is(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 0,
    reason: '',
    message,
  });
}
