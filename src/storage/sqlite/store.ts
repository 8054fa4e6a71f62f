/**
 * @module storage/sqlite/store
 * The SQLite Store (the default backend), log-structured after kine. See schema.ts for the
 * layout and durability, read.ts / write.ts for the verbs, watch.ts for the event tail and
 * compactor.ts for history removal.
 *
 * Watch: every write, once committed, is pushed to the in-memory tail and wakes the watchers
 * through a notifier; nothing polls, so an idle store uses no CPU. There is no fallback tick
 * because only this process may write the file (the connection holds an exclusive lock).
 * Watchers pull at their own pace; one that falls behind the tail reads the log table, and one
 * that falls behind the compacted revision (history older than `retention`) ends with
 * StorageError Compacted, which the apiserver reports as "too old resource version".
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { StorageError, storageErrors } from '../errors.js';
import type { KeyValue, ListOptions, ListResult, Store, StoreEvent, WatchOptions } from '../interface.js';
import { ChangeNotifier } from '../notifier.js';
import { watchStream, type ReadAfterResult, type WatchSource } from '../watch-stream.js';
import { compactionBatches, LogCompactor } from './compactor.js';
import { resolveSqliteOptions, type ResolvedSqliteStoreOptions, type SqliteStoreOptions } from './options.js';
import { LogReader } from './read.js';
import { openDatabase, readCompactedRevision, readRevision, rowToEvent, rowToKv } from './schema.js';
import { EventTail } from './watch.js';
import { LogWriter, type WriteOp } from './write.js';

export type { SqliteStoreOptions } from './options.js';

/**
 * Opens (creating if needed) the database at `opts.path` and starts the automatic compactor.
 * Throws if the file cannot be opened, e.g. when another process holds it.
 */
export function openSqliteStore(opts: SqliteStoreOptions): Store {
  return new SqliteStore(resolveSqliteOptions(opts));
}

class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly reader: LogReader;
  private readonly writer: LogWriter;
  private readonly compactor: LogCompactor;
  private readonly tail: EventTail;
  private readonly notifier = new ChangeNotifier();
  private readonly timer: NodeJS.Timeout | undefined;
  private rev: number;
  private compacted: number;
  private closed = false;
  /** Compactions run one at a time; each waits for the previous. */
  private compacting: Promise<void> = Promise.resolve();
  private pending: { op: WriteOp; resolve: (kv: KeyValue) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly opts: ResolvedSqliteStoreOptions) {
    this.db = openDatabase(opts.path);
    this.reader = new LogReader(this.db);
    this.writer = new LogWriter(this.db, this.reader, opts.clock);
    this.compactor = new LogCompactor(this.db);
    this.tail = new EventTail(opts.tailSize);
    this.rev = readRevision(this.db);
    this.compacted = readCompactedRevision(this.db);
    if (opts.compactInterval > 0) {
      this.timer = setInterval(() => void this.autoCompact(), opts.compactInterval);
      this.timer.unref();
    }
  }

  async currentRevision(): Promise<number> {
    return this.rev;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen();
    const row = this.reader.current(key);
    return row && rowToKv(row);
  }

  async modRevisionOf(key: string): Promise<number | undefined> {
    this.checkOpen();
    return this.reader.currentRevision(key);
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    const at = opts.revision || this.rev;
    if (at < this.compacted) throw storageErrors.compacted(at, this.compacted, this.rev);
    if (at > this.rev) throw storageErrors.futureRevision(at, this.rev);
    const past = at < this.rev ? at : undefined;
    const page = this.reader.list(prefix, past, opts.startAfter, opts.limit ?? 0);
    return { ...page, revision: at };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    return this.reader.count(prefix);
  }

  async create(key: string, value: string): Promise<KeyValue> {
    return this.enqueue({ kind: 'create', key, value });
  }

  async update(key: string, value: string, expectedRevision: number): Promise<KeyValue> {
    return this.enqueue({ kind: 'update', key, value, expected: expectedRevision });
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.enqueue({ kind: 'delete', key, expected: expectedRevision });
  }

  /**
   * Group commit: writes issued in the same turn of the event loop share one transaction, so
   * concurrent clients do not pay one commit each. Every write is still acknowledged only after
   * its transaction committed, and a refused write (conflict, exists) does not affect the others.
   */
  private enqueue(op: WriteOp): Promise<KeyValue> {
    this.checkOpen();
    return new Promise((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (this.closed) {
      for (const p of batch) p.reject(storageErrors.unavailable('store is closed'));
      return;
    }
    let outcomes;
    try {
      outcomes = this.writer.batch(batch.map((p) => p.op));
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    outcomes.forEach((o, i) => {
      if (o.event) batch[i].resolve(this.committed(o.event));
      else batch[i].reject(o.error);
    });
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

  /** Compacts up to `revision`; a revision at or below the compacted one is a no-op. */
  compact(revision: number): Promise<void> {
    const run = this.compacting.then(() => this.compactTo(revision));
    this.compacting = run.catch(() => undefined);
    return run;
  }

  async compactedRevision(): Promise<number> {
    return this.compacted;
  }

  /** Stops the compactor, ends every watch, waits for a running compaction, closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.notifier.notify();
    await this.compacting;
    this.db.close();
  }

  private committed(event: StoreEvent): KeyValue {
    this.rev = event.revision;
    this.tail.push(event);
    this.notifier.notify();
    return { ...event.kv };
  }

  private readAfter(prefix: string, after: number, limit: number): ReadAfterResult {
    if (after >= this.rev) return { events: [], scannedTo: after };
    if (this.tail.covers(after)) return this.tail.read(prefix, after, limit);
    if (after < this.compacted) throw storageErrors.compacted(after, this.compacted, this.rev);
    const rows = this.reader.after(prefix, after, limit);
    const scannedTo = rows.length < limit ? this.rev : rows[rows.length - 1].id;
    return { events: rows.map(rowToEvent), scannedTo };
  }

  private async compactTo(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.rev) throw storageErrors.futureRevision(revision, this.rev);
    for (const [lo, hi] of compactionBatches(this.compacted, revision)) {
      if (this.closed) return;
      this.compactor.compactRange(lo, hi);
      this.compacted = hi;
      if (hi < revision) await yieldToLoop();
    }
  }

  private async autoCompact(): Promise<void> {
    if (this.closed) return;
    try {
      const target = this.compactor.targetBefore(this.opts.clock() - this.opts.retention);
      if (target > this.compacted) await this.compact(target);
    } catch (e) {
      if (this.closed && StorageError.is(e, 'Unavailable')) return;
      process.emitWarning(`sqlite store: automatic compaction failed: ${String(e)}`);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw storageErrors.unavailable('store is closed');
  }
}
