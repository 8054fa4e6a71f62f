/**
 * @module storage/registry
 * Storage drivers by datastore URL scheme, as `--datastore` names them:
 *   `sqlite:/path/to/state.db` (also `sqlite:relative/path.db` and `sqlite:///abs/path.db`)
 *   `memory:`   a throwaway in-memory store (tests, demos)
 *   `etcd://host:port[,host:port…]`   recognised, not supported yet
 */
import type { Store } from './interface.js';
import { openMemoryStore } from './memory/store.js';
import { openSqliteStore } from './sqlite/store.js';

/** Settings shared by drivers; each driver uses what applies to it. Defaults are the driver's. */
export interface OpenStoreOptions {
  /** Milliseconds since the epoch. Default `Date.now`. */
  clock?: () => number;
  /** Automatic compaction period in ms (sqlite). Default 60 000. */
  compactInterval?: number;
  /** Watch history kept at least this long in ms (sqlite). Default 300 000. */
  retention?: number;
}

type Driver = (rest: string, opts: OpenStoreOptions) => Store;

const drivers: Record<string, Driver> = {
  sqlite: (rest, opts) => {
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (!path) throw new Error('datastore sqlite: needs a file path, e.g. sqlite:/var/lib/kubeling/state.db');
    return openSqliteStore({ path, ...opts });
  },
  memory: () => openMemoryStore(),
  etcd: (rest) => {
    throw new Error(`datastore etcd:${rest}: etcd is not supported yet; use sqlite:PATH`);
  },
};

/** The schemes `openStore` understands. */
export const storeSchemes = Object.keys(drivers);

/**
 * Opens the store a datastore string names. Throws an Error naming the datastore when the
 * scheme is unknown or unsupported, or when the driver cannot open it.
 */
export function openStore(datastore: string, opts: OpenStoreOptions = {}): Store {
  const colon = datastore.indexOf(':');
  const scheme = colon > 0 ? datastore.slice(0, colon) : '';
  const driver = Object.hasOwn(drivers, scheme) ? drivers[scheme] : undefined;
  if (!driver) {
    throw new Error(
      `datastore ${JSON.stringify(datastore)}: unknown scheme; expected one of ${storeSchemes.map((s) => `${s}:`).join(', ')}`,
    );
  }
  return driver(datastore.slice(colon + 1), opts);
}
