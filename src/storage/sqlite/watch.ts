/**
 * @module storage/sqlite/watch
 * The in-memory tail of recent events. Every committed write is pushed here right after its
 * transaction, so watchers that keep up are served from memory; a watcher that has fallen
 * behind the tail reads the log table instead (see `SqliteStore.readAfter`), and one that has
 * fallen behind the compacted revision ends with StorageError Compacted.
 */
import type { StoreEvent } from '../interface.js';
import type { ReadAfterResult } from '../watch-stream.js';

export class EventTail {
  /** Contiguous revisions: buf[i].revision === buf[0].revision + i. */
  private buf: StoreEvent[] = [];

  constructor(private readonly size: number) {}

  push(event: StoreEvent): void {
    if (this.size === 0) return;
    const last = this.buf[this.buf.length - 1];
    // Only this process writes, so revisions arrive in order; restart the tail if they ever don't.
    if (last && event.revision !== last.revision + 1) this.buf = [];
    this.buf.push(event);
    // Trim in chunks so pushes stay O(1) amortized.
    if (this.buf.length >= this.size * 2) this.buf = this.buf.slice(this.buf.length - this.size);
  }

  /** True when every event after `revision` (up to the newest pushed) is held here. */
  covers(revision: number): boolean {
    return this.buf.length > 0 && revision + 1 >= this.buf[0].revision;
  }

  /**
   * Events under `prefix` after `revision`, at most `limit`. Call only when `covers(revision)`.
   * `scannedTo` is the last revision examined, so an empty result has scanned everything held.
   */
  read(prefix: string, revision: number, limit: number): ReadAfterResult {
    const events: StoreEvent[] = [];
    let scannedTo = revision;
    for (let i = Math.max(0, revision + 1 - this.buf[0].revision); i < this.buf.length; i++) {
      const e = this.buf[i];
      if (e.kv.key.startsWith(prefix)) {
        if (events.length === limit) break;
        events.push(e);
      }
      scannedTo = e.revision;
    }
    return { events, scannedTo };
  }
}
