/**
 * @module storage/memory/store
 * An in-memory Store for unit tests of other components. It keeps the current map plus every
 * event since the compacted revision; a read at an older revision undoes the newer events.
 * Nothing survives `close()`. It passes the same conformance suite as the SQLite backend.
 */
import { storageErrors } from '../errors.js';
import type { KeyValue, ListOptions, ListResult, Store, StoreEvent, WatchOptions } from '../interface.js';
import { ChangeNotifier } from '../notifier.js';
import { watchStream, type ReadAfterResult, type WatchSource } from '../watch-stream.js';

/** Opens an empty in-memory store. */
export function openMemoryStore(): Store {
  return new MemoryStore();
}

class MemoryStore implements Store {
  private rev = 0;
  private compacted = 0;
  private closed = false;
  private readonly current = new Map<string, KeyValue>();
  /** Every event with revision > `compacted`, one per revision, in order. */
  private events: StoreEvent[] = [];
  private readonly notifier = new ChangeNotifier();

  async currentRevision(): Promise<number> {
    return this.rev;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen();
    const kv = this.current.get(key);
    return kv && { ...kv };
  }

  async modRevisionOf(key: string): Promise<number | undefined> {
    this.checkOpen();
    return this.current.get(key)?.modRevision;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    const at = opts.revision || this.rev;
    if (at < this.compacted) throw storageErrors.compacted(at, this.compacted, this.rev);
    if (at > this.rev) throw storageErrors.futureRevision(at, this.rev);
    const state = this.stateAt(at);
    const keys = [...state.keys()]
      .filter((k) => k.startsWith(prefix) && (opts.startAfter === undefined || k > opts.startAfter))
      .sort();
    const limit = opts.limit || keys.length;
    const items = keys.slice(0, limit).map((k) => ({ ...state.get(k)! }));
    return { items, revision: at, more: keys.length > limit };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    let n = 0;
    for (const k of this.current.keys()) if (k.startsWith(prefix)) n++;
    return n;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.checkOpen();
    if (this.current.has(key)) throw storageErrors.exists(key);
    const rev = this.rev + 1;
    const kv = { key, value, createRevision: rev, modRevision: rev };
    this.commit(key, kv, { type: 'put', kv, revision: rev });
    return { ...kv };
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    this.checkOpen();
    const prev = this.current.get(key);
    if (!prev) throw storageErrors.notFound(key);
    if (prev.modRevision !== expectedRevision) throw storageErrors.conflict(key, { ...prev });
    const rev = this.rev + 1;
    const kv = { key, value, createRevision: prev.createRevision, modRevision: rev };
    this.commit(key, kv, { type: 'put', kv, prev, revision: rev });
    return { ...kv };
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    this.checkOpen();
    const prev = this.current.get(key);
    if (!prev) throw storageErrors.notFound(key);
    if (expectedRevision !== undefined && prev.modRevision !== expectedRevision) {
      throw storageErrors.conflict(key, { ...prev });
    }
    const rev = this.rev + 1;
    const kv = { ...prev, modRevision: rev };
    this.commit(key, undefined, { type: 'delete', kv, prev, revision: rev });
    return { ...kv };
  }

  watch(prefix: string, opts: WatchOptions): AsyncIterable<StoreEvent[]> {
    const source: WatchSource = {
      notifier: this.notifier,
      isClosed: () => this.closed,
      checkStart: (after) => {
        if (after < this.compacted) throw storageErrors.compacted(after, this.compacted, this.rev);
      },
      readAfter: (p, after, limit) => this.readAfter(p, after, limit),
    };
    return watchStream(source, prefix, opts.afterRevision, opts.signal);
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.rev) throw storageErrors.futureRevision(revision, this.rev);
    if (revision <= this.compacted) return;
    this.events = this.events.filter((e) => e.revision > revision);
    this.compacted = revision;
  }

  async compactedRevision(): Promise<number> {
    return this.compacted;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notifier.notify();
  }

  private commit(key: string, kv: KeyValue | undefined, event: StoreEvent): void {
    if (kv) this.current.set(key, kv);
    else this.current.delete(key);
    this.rev = event.revision;
    this.events.push(event);
    this.notifier.notify();
  }

  /** The key map as of `rev`, rebuilt by undoing the events after it. */
  private stateAt(rev: number): Map<string, KeyValue> {
    const state = new Map(this.current);
    for (let i = this.events.length - 1; i >= 0 && this.events[i].revision > rev; i--) {
      const e = this.events[i];
      if (e.prev) state.set(e.kv.key, e.prev);
      else state.delete(e.kv.key);
    }
    return state;
  }

  private readAfter(prefix: string, after: number, limit: number): ReadAfterResult {
    if (after >= this.rev) return { events: [], scannedTo: after };
    if (after < this.compacted) throw storageErrors.compacted(after, this.compacted, this.rev);
    const events: StoreEvent[] = [];
    let scannedTo = after;
    // Events are contiguous: the one with revision r sits at index r - (compacted + 1).
    for (let i = after - this.compacted; i < this.events.length && events.length < limit; i++) {
      const e = this.events[i];
      if (e.kv.key.startsWith(prefix)) events.push(e);
      scannedTo = e.revision;
    }
    return { events, scannedTo };
  }

  private checkOpen(): void {
    if (this.closed) throw storageErrors.unavailable('store is closed');
  }
}
