/**
 * @module storage/sqlite/options
 * What a caller passes to `openSqliteStore`, and its resolution into fully defaulted settings.
 */

export interface SqliteStoreOptions {
  /** Database file. Its directory is created if missing. */
  path: string;
  /** Milliseconds since the epoch; stamps every row for retention. Default `Date.now`. */
  clock?: () => number;
  /** How often the automatic compactor runs, in ms. Default 60 000. 0 disables it. */
  compactInterval?: number;
  /** Watch history kept at least this long, in ms. Default 300 000 (5 minutes). */
  retention?: number;
  /** Recent events kept in memory so live watchers need not read the database. Default 1024. */
  tailSize?: number;
}

export interface ResolvedSqliteStoreOptions {
  readonly path: string;
  readonly clock: () => number;
  readonly compactInterval: number;
  readonly retention: number;
  readonly tailSize: number;
}

export const DEFAULT_COMPACT_INTERVAL_MS = 60_000;
export const DEFAULT_RETENTION_MS = 5 * 60_000;
export const DEFAULT_TAIL_SIZE = 1024;

/** Applies defaults and checks ranges; throws an Error naming the bad option. */
export function resolveSqliteOptions(opts: SqliteStoreOptions): ResolvedSqliteStoreOptions {
  if (!opts.path) throw new Error('sqlite store: path is required');
  const resolved = {
    path: opts.path,
    clock: opts.clock ?? Date.now,
    compactInterval: opts.compactInterval ?? DEFAULT_COMPACT_INTERVAL_MS,
    retention: opts.retention ?? DEFAULT_RETENTION_MS,
    tailSize: opts.tailSize ?? DEFAULT_TAIL_SIZE,
  };
  for (const name of ['compactInterval', 'retention', 'tailSize'] as const) {
    const v = resolved[name];
    if (!Number.isFinite(v) || v < 0)
      throw new Error(`sqlite store: ${name} must be a number >= 0, got ${v}`);
  }
  return Object.freeze(resolved);
}
