/**
 * @module apiserver/watch-cache/cache
 * An in-memory mirror of the store, fed by one storage watch over `/registry/`. Lists and
 * watches are served from here, so reads never touch SQLite. Each resource keeps its current
 * objects and a window of recent events (at least `retentionMs`, default 5 minutes) so that
 * watches can resume from a resourceVersion; older ones get 410 Expired.
 *
 *   start: list all at R ─► apply ─► watch(after R) ─► apply events … (until the signal aborts)
 */
import type { KubeObject } from '../../machinery/meta.js';
import { newResourceExpired } from '../../machinery/errors.js';
import type { Store, StoreEvent, KeyValue } from '../../storage/interface.js';
import type { Clock } from '../../util/clock.js';
import { realClock } from '../../util/clock.js';
import { deepFreeze, freezeShared } from '../../util/json-clone.js';
import { shareUnchanged } from './share.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One cached object. `obj` is shared and must never be mutated: copy before changing. */
export class CachedObject {
  private text?: string;
  constructor(
    readonly key: string,
    readonly rev: number,
    readonly obj: KubeObject,
    /**
     * The stored JSON this object was written as (without resourceVersion), while its event is
     * being delivered: watchers encode from it instead of stringifying the object again.
     */
    private stored?: string,
  ) {
    if (freezeShared) deepFreeze(obj);
  }

  /** The object's JSON (kept: lists ask again and again). */
  json(): string {
    return (this.text ??= this.eventJson());
  }

  /** The object's JSON, not kept (one watch event), from the stored text when it is at hand. */
  eventJson(): string {
    if (this.text !== undefined) return this.text;
    const spliced = this.stored !== undefined ? withResourceVersion(this.stored, this.obj) : undefined;
    return spliced ?? JSON.stringify(this.obj);
  }

  /** Drops the stored text once the event is delivered (history keeps objects, not text). */
  releaseStored(): void {
    this.stored = undefined;
  }
}

/** How stored objects begin: top-level type meta, then metadata. */
const STORED_HEAD = /^\{"apiVersion":"[^"\\]*","kind":"[^"\\]*","metadata":\{/;

/**
 * `stored` (an object's JSON without resourceVersion) with the object's resourceVersion put first
 * in its metadata; undefined when the text does not begin as stored objects do.
 */
export function withResourceVersion(stored: string, obj: KubeObject): string | undefined {
  const rv = obj.metadata?.resourceVersion;
  const m = rv === undefined ? null : STORED_HEAD.exec(stored);
  if (!m) return undefined;
  const head = m[0];
  const rest = stored.slice(head.length);
  return `${head}"resourceVersion":${JSON.stringify(rv)}${rest.startsWith('}') ? '' : ','}${rest}`;
}

export interface CacheEvent {
  type: WatchEventType;
  rev: number;
  object: CachedObject;
  /** The object before the change (MODIFIED and DELETED). */
  prev?: CachedObject;
  /** Wall time the event was applied, for history retention. */
  at: number;
}

export interface CacheWatcher {
  /** Called synchronously for each event of its resource, in revision order. */
  onEvent(e: CacheEvent): void;
  /** Called when the cache stops (shutdown). */
  onClose(): void;
}

function parseObject(kv: KeyValue, rev = kv.modRevision): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(rev);
  return obj;
}

function parse(kv: KeyValue, rev = kv.modRevision): CachedObject {
  return new CachedObject(kv.key, rev, parseObject(kv, rev));
}

/** Hands one event to a watcher; a watcher that throws is closed, the cache and the others go on. */
function deliver(w: CacheWatcher, e: CacheEvent): void {
  try {
    w.onEvent(e);
  } catch {
    w.onClose();
  }
}

/** The cache of one resource (one key prefix such as `/registry/pods/`). */
export class ResourceCache {
  readonly items = new Map<string, CachedObject>();
  private sorted?: CachedObject[];
  private history: CacheEvent[] = [];
  private historyHead = 0;
  /** Watches may start at revisions >= this. */
  oldestResumable = 0;
  /** Watchers woken by every event. */
  private readonly watchers = new Set<CacheWatcher>();
  /** Watchers woken only by objects (or their previous versions) with one index value. */
  private readonly indexed = new Map<string, Set<CacheWatcher>>();
  private indexOf?: (obj: KubeObject) => string | undefined;

  constructor(readonly prefix: string) {}

  /** Sets the index that `addWatcher(w, value)` refers to (see ResourceDefinition.watchIndex). */
  setWatchIndex(of: (obj: KubeObject) => string | undefined): void {
    this.indexOf = of;
  }

  get hasWatchIndex(): boolean {
    return this.indexOf !== undefined;
  }

  /** Adds a watcher of every event, or with `indexValue` only of events whose object has it. */
  addWatcher(w: CacheWatcher, indexValue?: string): void {
    if (indexValue === undefined || !this.indexOf) {
      this.watchers.add(w);
      return;
    }
    let set = this.indexed.get(indexValue);
    if (!set) this.indexed.set(indexValue, (set = new Set()));
    set.add(w);
  }

  removeWatcher(w: CacheWatcher): void {
    if (this.watchers.delete(w)) return;
    for (const [v, set] of this.indexed) {
      if (set.delete(w)) {
        if (set.size === 0) this.indexed.delete(v);
        return;
      }
    }
  }

  /** Every watcher, for shutdown. */
  allWatchers(): CacheWatcher[] {
    const out = [...this.watchers];
    for (const set of this.indexed.values()) out.push(...set);
    return out;
  }

  /** Objects in key order. The array is shared: do not modify. */
  list(): CachedObject[] {
    return (this.sorted ??= [...this.items.values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    ));
  }

  /** Events after `rev`, oldest first, or throws 410 Expired when `rev` is no longer in history. */
  eventsAfter(rev: number): CacheEvent[] {
    if (rev < this.oldestResumable) {
      throw newResourceExpired(`too old resource version: ${rev} (${this.oldestResumable})`);
    }
    // History is in revision order: find the first event after `rev` by binary search.
    let lo = this.historyHead;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rev <= rev) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  apply(e: CacheEvent): void {
    if (e.type === 'DELETED') this.items.delete(e.object.key);
    else this.items.set(e.object.key, e.object);
    if (e.type !== 'MODIFIED' || this.sorted === undefined) this.sorted = undefined;
    else {
      // Same key set: replace in place to keep the sorted view valid (found by key: O(log n)).
      const i = findKey(this.sorted, e.object.key);
      if (i >= 0 && this.sorted[i] === e.prev) this.sorted[i] = e.object;
      else this.sorted = undefined;
    }
    this.history.push(e);
    for (const w of this.watchers) deliver(w, e);
    if (this.indexed.size === 0 || !this.indexOf) return;
    // A watcher of the old value sees the object leave; one of the new value sees it arrive.
    const now = this.indexOf(e.object.obj);
    const before = e.prev ? this.indexOf(e.prev.obj) : undefined;
    if (now !== undefined) this.indexed.get(now)?.forEach((w) => deliver(w, e));
    if (before !== undefined && before !== now) this.indexed.get(before)?.forEach((w) => deliver(w, e));
  }

  prune(beforeMs: number): void {
    let h = this.historyHead;
    while (h < this.history.length && this.history[h].at < beforeMs) {
      this.oldestResumable = this.history[h].rev;
      h++;
    }
    this.historyHead = h;
    if (h > 1024 && h * 2 > this.history.length) {
      this.history = this.history.slice(h);
      this.historyHead = 0;
    }
  }
}

export interface WatchCacheOptions {
  store: Store;
  clock?: Clock;
  /** How long events stay available to resuming watches. Default 5 minutes. */
  retentionMs?: number;
  /** Told when the storage watch fails (the cache then stops following). */
  onError?(err: unknown): void;
}

export class WatchCache {
  private readonly resources = new Map<string, ResourceCache>();
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private abort = new AbortController();
  /** The revision of the last applied event (the list resourceVersion). */
  revision = 0;
  private waiters: { rev: number; resolve: () => void }[] = [];
  private pruneTimer?: NodeJS.Timeout;
  private stopped = false;
  private failure?: unknown;
  private readonly onError?: (err: unknown) => void;
  /** Objects this process is writing, by key: see `expectWrite`. */
  private readonly hints = new Map<string, { value: string; obj: KubeObject }>();

  constructor(opts: WatchCacheOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? realClock;
    this.retentionMs = opts.retentionMs ?? 5 * 60_000;
    this.onError = opts.onError;
  }

  /** Registers a resource prefix. Call before `start`. Prefixes must not nest. */
  register(prefix: string): ResourceCache {
    let rc = this.resources.get(prefix);
    if (!rc) {
      rc = new ResourceCache(prefix);
      this.resources.set(prefix, rc);
    }
    return rc;
  }

  resource(prefix: string): ResourceCache {
    const rc = this.resources.get(prefix);
    if (!rc) throw new Error(`watch cache: unregistered prefix ${prefix}`);
    return rc;
  }

  private route(key: string): ResourceCache | undefined {
    // Keys are /registry/<group or "core">/<resource>/[<namespace>/]<name>.
    const parts = key.split('/');
    return this.resources.get(`/${parts[1]}/${parts[2]}/${parts[3]}/`);
  }

  /** Loads everything and follows the store. Resolves once the initial state is loaded. */
  async start(): Promise<void> {
    const list = await this.store.list('/registry/');
    for (const kv of list.items) {
      const rc = this.route(kv.key);
      if (!rc) continue;
      rc.items.set(kv.key, parse(kv));
    }
    this.revision = list.revision;
    for (const rc of this.resources.values()) rc.oldestResumable = list.revision;
    this.follow(list.revision);
    this.pruneTimer = setInterval(() => this.prune(), 30_000);
    this.pruneTimer.unref();
  }

  /**
   * Tells the cache that this process is writing `value` (the JSON of `obj`) to `key`, so the
   * event that follows can take `obj` instead of parsing `value` again. `obj` becomes the
   * cache's: the writer must not change it afterwards (its top level and metadata are its own).
   * Returns a function that withdraws the hint when the write fails.
   */
  expectWrite(key: string, value: string, obj: KubeObject): () => void {
    const hint = { value, obj };
    this.hints.set(key, hint);
    return () => {
      if (this.hints.get(key) === hint) this.hints.delete(key);
    };
  }

  /** The cached form of a put event: the writer's hinted object when it matches, else parsed. */
  private decodePut(kv: KeyValue): KubeObject {
    const hint = this.hints.get(kv.key);
    if (hint === undefined) return parseObject(kv);
    this.hints.delete(kv.key);
    if (hint.value !== kv.value) return parseObject(kv);
    hint.obj.metadata.resourceVersion = String(kv.modRevision);
    return hint.obj;
  }

  private async follow(after: number): Promise<void> {
    try {
      for await (const batch of this.store.watch('/registry/', {
        afterRevision: after,
        signal: this.abort.signal,
      })) {
        for (const ev of batch) this.applyStoreEvent(ev);
        this.notifyWaiters();
      }
    } catch (err) {
      if (!this.stopped) {
        this.failure = err;
        this.onError?.(err);
      }
    }
  }

  private applyStoreEvent(ev: StoreEvent): void {
    this.revision = ev.revision;
    const rc = this.route(ev.kv.key);
    if (!rc) return;
    const prev = rc.items.get(ev.kv.key);
    const at = this.clock.nowMs();
    if (ev.type === 'delete') {
      const base = prev ?? (ev.prev ? parse(ev.prev) : parse(ev.kv));
      // Cached objects are never mutated, so the deleted version shares all but its metadata.
      const obj: KubeObject = {
        ...base.obj,
        metadata: { ...base.obj.metadata, resourceVersion: String(ev.revision) },
      };
      rc.apply({
        type: 'DELETED',
        rev: ev.revision,
        object: new CachedObject(ev.kv.key, ev.revision, obj),
        prev,
        at,
      });
    } else {
      let obj = this.decodePut(ev.kv);
      if (prev) obj = shareUnchanged(obj, prev.obj) as KubeObject;
      const object = new CachedObject(ev.kv.key, ev.revision, obj, ev.kv.value);
      rc.apply({ type: prev ? 'MODIFIED' : 'ADDED', rev: ev.revision, object, prev, at });
      object.releaseStored();
    }
  }

  private notifyWaiters(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.rev <= this.revision);
    this.waiters = this.waiters.filter((w) => w.rev > this.revision);
    for (const w of ready) w.resolve();
  }

  /** Resolves when the cache has applied revision `rev` (or later). */
  waitFor(rev: number, timeoutMs = 10_000): Promise<void> {
    if (rev <= this.revision) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`watch cache did not reach revision ${rev} in time`)),
        timeoutMs,
      );
      this.waiters.push({
        rev,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      });
    });
  }

  /** False once the storage watch has failed: the cache no longer follows the store. */
  get following(): boolean {
    return this.failure === undefined && !this.stopped;
  }

  /** Waits until every write acknowledged so far is visible (a consistent read). */
  async sync(): Promise<number> {
    const rev = await this.store.currentRevision();
    await this.waitFor(rev);
    return this.revision;
  }

  private prune(): void {
    const before = this.clock.nowMs() - this.retentionMs;
    for (const rc of this.resources.values()) rc.prune(before);
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    for (const rc of this.resources.values()) for (const w of rc.allWatchers()) w.onClose();
  }
}

/** The index of `key` in objects sorted by key, or -1. */
function findKey(sorted: CachedObject[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = sorted[mid].key;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
