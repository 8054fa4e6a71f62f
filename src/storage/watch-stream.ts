/**
 * @module storage/watch-stream
 * The watch loop shared by the backends: read what is new after the last revision seen, yield
 * it, then sleep on the store's notifier until the next commit. There is no polling, so an idle
 * watch costs nothing.
 *
 * The loop pulls: events are read only when the consumer asks for the next batch. A slow
 * consumer therefore buffers nothing and never blocks writers; it simply falls behind. The only
 * way it can fail is by falling behind the compacted revision, and then the backend's
 * `readAfter` throws StorageError Compacted, which ends the iteration with that error.
 *
 * Event objects may be shared between watchers: consumers must treat them as read-only.
 */
import type { StoreEvent } from './interface.js';
import type { ChangeNotifier } from './notifier.js';

export interface ReadAfterResult {
  /** Matching events with revision > the requested one, in revision order. */
  events: StoreEvent[];
  /** Every revision up to and including this one has been examined. */
  scannedTo: number;
}

export interface WatchSource {
  notifier: ChangeNotifier;
  /** True once the store is closed: the stream then ends. */
  isClosed(): boolean;
  /** Checked once before the first read: throws Compacted if `afterRevision` is gone. */
  checkStart(afterRevision: number): void;
  /** Reads events under `prefix` after `revision`, at most `limit` of them. May throw Compacted. */
  readAfter(prefix: string, revision: number, limit: number): ReadAfterResult;
}

/** Largest batch handed to the consumer at once. */
export const WATCH_BATCH = 1000;

/** Streams events under `prefix` after `afterRevision` until `signal` aborts or the store closes. */
export async function* watchStream(
  source: WatchSource,
  prefix: string,
  afterRevision: number,
  signal: AbortSignal,
): AsyncGenerator<StoreEvent[]> {
  if (signal.aborted || source.isClosed()) return;
  source.checkStart(afterRevision);
  let seen = afterRevision;
  for (;;) {
    if (signal.aborted || source.isClosed()) return;
    const { events, scannedTo } = source.readAfter(prefix, seen, WATCH_BATCH);
    seen = Math.max(seen, scannedTo);
    if (events.length > 0) {
      yield events;
      continue;
    }
    // No await between the read above and this registration, so no commit can be missed.
    await source.notifier.wait(signal);
  }
}
