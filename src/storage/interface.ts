/**
 * @module storage/interface
 * A revisioned key-value store, shaped after etcd's v3 API as kine narrows it. One global
 * revision counter grows by one on every write; it becomes every object's resourceVersion.
 * Keys look like `/registry/pods/default/nginx`. Values are the objects' JSON text.
 *
 * Implementations: `sqlite/` (default) and `etcd/`. Every implementation must pass
 * `store.conformance.ts`.
 */

export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the write that created the key (its current incarnation). */
  createRevision: number;
  /** Revision of the latest write to the key. This is the object's resourceVersion. */
  modRevision: number;
}

export interface ListOptions {
  /** Read the state as of this revision (0 or absent = current). Below the compacted revision: Compacted. */
  revision?: number;
  /** At most this many items (0 or absent = all). */
  limit?: number;
  /** Start strictly after this key (for continue tokens). */
  startAfter?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** True when `limit` cut the list short. */
  more: boolean;
}

export type StoreEventType = 'put' | 'delete';

export interface StoreEvent {
  type: StoreEventType;
  /** For `delete`, `kv.value` is the last value and `kv.modRevision` the deletion's revision. */
  kv: KeyValue;
  /** The value before this write; absent on create. */
  prev?: KeyValue;
  /** The revision of this event (equals kv.modRevision). */
  revision: number;
}

export interface WatchOptions {
  /** Deliver every event with revision > afterRevision, then live ones, in revision order. */
  afterRevision: number;
  /** Stops the watch; the iterator then ends. */
  signal: AbortSignal;
}

/**
 * Every method may be called concurrently. Writes are durable when their promise resolves:
 * a crash or kill -9 after that loses nothing.
 */
export interface Store {
  /** The revision of the latest write (0 for an empty store). */
  currentRevision(): Promise<number>;

  /** The current value of a key, or undefined when it does not exist. */
  get(key: string): Promise<KeyValue | undefined>;

  /**
   * The revision of the latest write to a live key (its resourceVersion), or undefined: a
   * consistent read like `get` without the value, for callers that may hold that version already.
   */
  modRevisionOf(key: string): Promise<number | undefined>;

  /** Keys starting with `prefix`, in key order. Throws StorageError Compacted for a revision too old. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;

  /** Number of keys under `prefix` right now. */
  count(prefix: string): Promise<number>;

  /** Creates a key. Returns the new KeyValue. Throws StorageError KeyExists if it exists. */
  create(key: string, value: string): Promise<KeyValue>;

  /**
   * Replaces a key's value if its modRevision still equals `expectedRevision`.
   * Throws KeyNotFound if missing, Conflict (with the current KeyValue) if the revision moved.
   */
  update(key: string, value: string, expectedRevision: number): Promise<KeyValue>;

  /**
   * Deletes a key, if `expectedRevision` is given only when its modRevision equals it.
   * Returns the deleted KeyValue with modRevision = the deletion's revision.
   * Throws KeyNotFound if missing, Conflict if the revision moved.
   */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;

  /**
   * Streams changes under `prefix`, strictly in revision order, starting after
   * `opts.afterRevision`. Throws (or ends with) StorageError Compacted if that revision is no
   * longer in history.
   */
  watch(prefix: string, opts: WatchOptions): AsyncIterable<StoreEvent[]>;

  /** Drops history up to and including `revision`; later reads below it get Compacted. */
  compact(revision: number): Promise<void>;

  /** The highest compacted revision (0 if none). */
  compactedRevision(): Promise<number>;

  close(): Promise<void>;
}
