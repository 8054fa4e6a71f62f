/**
 * @module client/informer
 * List + watch of one resource into a local store, with change handlers.
 *
 *   list ──► replace store (emit add/update/delete) ──► watch from the list's resourceVersion
 *     ▲                                                   │ events update store, bookmarks move rv
 *     │ 410 Expired, or a watch/list error (after backoff) │ stream ended normally: watch again from rv
 *     └────────────────────────────────────────────────────┘
 *
 * Handlers run synchronously in event order; they must not throw (errors are logged and
 * dropped) and should only enqueue work.
 */
import type { KubeObject } from '../machinery/meta.js';
import { realClock, type Clock } from '../util/clock.js';
import { isExpired } from './api-error.js';
import { backoffDelay, sleep, type BackoffPolicy } from './backoff.js';
import { ObjectStore, objectKey, type Lister } from './lister.js';
import type { ResourceRef, RestClient } from './rest-client.js';

export interface InformerHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  /** Called with the last known state of the object. */
  delete?(obj: T): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  clock?: Clock;
  /** Retry delays after failed lists or broken watches; defaults 200 ms … 30 s, 20 % jitter. */
  backoff?: BackoffPolicy;
  /** Server-side watch timeout; default 300 s (then the watch is re-opened from the last rv). */
  watchTimeoutSeconds?: number;
  /** Called with errors from list/watch (they are retried) and from handlers. */
  onError?(err: unknown): void;
}

export class Informer<T extends KubeObject = KubeObject> {
  readonly store = new ObjectStore<T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private readonly clock: Clock;
  private synced = false;
  private resolveSynced!: () => void;
  private readonly syncedPromise = new Promise<void>((r) => (this.resolveSynced = r));
  /** Last resourceVersion seen (list, event or bookmark). */
  resourceVersion = '';
  /** How many full lists ran; tests use it to see re-lists. */
  listCount = 0;

  constructor(
    private readonly client: RestClient,
    readonly ref: ResourceRef,
    private readonly opts: InformerOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
  }

  get lister(): Lister<T> {
    return this.store;
  }

  /**
   * Registers handlers; objects already in the store are replayed to `add`. Returns a function
   * that removes them again (a component done with a shared informer).
   */
  on(h: InformerHandlers<T>): () => void {
    this.handlers.push(h);
    if (h.add) for (const o of this.store.list()) this.safe(() => h.add!(o));
    return () => {
      const i = this.handlers.indexOf(h);
      if (i >= 0) this.handlers.splice(i, 1);
    };
  }

  /** Resolves once the first list is in the store (never rejects; pending forever if never listed). */
  hasSynced(): Promise<void> {
    return this.syncedPromise;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** Runs until `signal` aborts. Never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
        }
        const outcome = await this.watchOnce(signal);
        failures = 0;
        if (outcome === 'expired') needList = true;
      } catch (err) {
        if (signal.aborted) break;
        if (isExpired(err)) {
          needList = true;
          continue;
        }
        this.opts.onError?.(err);
        needList = true;
        await sleep(
          this.clock,
          backoffDelay(failures++, { baseMs: 200, maxMs: 30_000, jitter: 0.2, ...this.opts.backoff }),
          signal,
        );
      }
    }
  }

  private async relist(): Promise<void> {
    const list = await this.client.list<T>(this.ref, {
      namespace: this.opts.namespace,
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
    });
    this.listCount++;
    const seen = new Set<string>();
    for (const item of list.items) {
      seen.add(objectKey(item));
      this.apply('ADDED', item);
    }
    for (const key of this.store.keys()) {
      if (!seen.has(key)) {
        const old = this.store.delete(key)!;
        this.emit((h) => h.delete?.(old));
      }
    }
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    if (!this.synced) {
      this.synced = true;
      this.resolveSynced();
    }
  }

  /** Follows one watch stream; returns 'expired' when the server says the rv is too old. */
  private async watchOnce(signal: AbortSignal): Promise<'ended' | 'expired'> {
    const batches = this.client.watchBatches<T>(this.ref, {
      namespace: this.opts.namespace,
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: this.opts.watchTimeoutSeconds ?? 300,
      signal,
    });
    for await (const batch of batches) {
      for (const ev of batch) {
        if (ev.type === 'ERROR') {
          const status = ev.object as unknown as { code?: number; message?: string };
          if (status.code === 410) return 'expired';
          throw new Error(`watch error: ${status.message ?? JSON.stringify(status)}`);
        }
        const rv = ev.object?.metadata?.resourceVersion;
        if (ev.type !== 'BOOKMARK') this.apply(ev.type, ev.object);
        if (rv) this.resourceVersion = rv;
      }
    }
    return 'ended';
  }

  private apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void {
    if (type === 'DELETED') {
      const old = this.store.delete(objectKey(obj));
      this.emit((h) => h.delete?.(obj ?? old));
      return;
    }
    const old = this.store.set(obj);
    if (!old) this.emit((h) => h.add?.(obj));
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
      this.emit((h) => h.update?.(old, obj));
  }

  private emit(fn: (h: InformerHandlers<T>) => void): void {
    for (const h of this.handlers) this.safe(() => fn(h));
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
