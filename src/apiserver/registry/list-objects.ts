/**
 * @module apiserver/registry/list-objects
 * LIST for the generic store: served from the watch cache (after a consistent sync unless
 * resourceVersion=0), paged with continue tokens; pages of an older revision and exact-revision
 * reads come from storage.
 */
import type { KubeObject } from '../../machinery/meta.js';
import { StorageError } from '../../storage/errors.js';
import type { CachedObject } from '../watch-cache/cache.js';
import type { GenericStore } from './generic-store.js';
import { interpretStorageError } from './interpret-errors.js';
import { listPrefix } from './keys.js';
import { continueExpired, decodeContinue, encodeContinue, makePredicate, type ListQuery } from './list.js';

export interface ListResult {
  items: KubeObject[];
  /** Cached entries, when served from the cache (lets the encoder reuse JSON text). */
  cached?: CachedObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

export async function listObjects(
  st: GenericStore,
  namespace: string | undefined,
  q: ListQuery,
): Promise<ListResult> {
  const pred = makePredicate(q, st.def.fieldSelectors ?? {});
  const prefix = listPrefix(st.prefix, st.def.namespaced ? namespace : undefined);
  let rev: number;
  let start = '';
  if (q.continueToken) {
    const tok = decodeContinue(q.continueToken);
    start = tok.start;
    if (tok.rv !== st.storeDeps.cache.revision) return listFromStorage(st, prefix, pred, q, tok.rv, start);
    rev = tok.rv;
  } else if (q.resourceVersion === '0' || (q.resourceVersion && q.resourceVersionMatch !== 'Exact')) {
    if (q.resourceVersion !== '0') await st.storeDeps.cache.waitFor(Number(q.resourceVersion) || 0);
    rev = st.storeDeps.cache.revision;
  } else if (q.resourceVersion && q.resourceVersionMatch === 'Exact') {
    return listFromStorage(st, prefix, pred, q, Number(q.resourceVersion), '');
  } else {
    rev = await st.storeDeps.cache.sync();
  }
  const all = st.cache.list();
  const out: CachedObject[] = [];
  const limit = q.limit && q.limit > 0 ? q.limit : Infinity;
  let i = 0;
  if (start) {
    // binary search to the first key after `start`
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].key <= start) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
  }
  let more = false;
  let remaining = 0;
  for (; i < all.length; i++) {
    const c = all[i];
    if (!c.key.startsWith(prefix) || !pred(st.view(c.obj))) continue;
    if (out.length >= limit) {
      more = true;
      remaining++;
      continue;
    }
    out.push(c);
  }
  const res: ListResult = st.def.storage
    ? { items: out.map((c) => st.view(c.obj)), resourceVersion: String(rev) }
    : { items: out.map((c) => c.obj), cached: out, resourceVersion: String(rev) };
  if (more) {
    res.continueToken = encodeContinue({ rv: rev, start: out[out.length - 1].key });
    if (q.label.empty && q.field.empty) res.remainingItemCount = remaining;
  }
  return res;
}

async function listFromStorage(
  st: GenericStore,
  prefix: string,
  pred: (o: KubeObject) => boolean,
  q: ListQuery,
  rev: number,
  start: string,
): Promise<ListResult> {
  const limit = q.limit && q.limit > 0 ? q.limit : 0;
  const items: KubeObject[] = [];
  let cursor = start;
  let lastKey = '';
  let more = false;
  try {
    for (;;) {
      const page = await st.storeDeps.store.list(prefix, {
        revision: rev,
        limit: 500,
        startAfter: cursor || undefined,
      });
      for (const kv of page.items) {
        const o = st.decodeKv(kv);
        if (!pred(o)) continue;
        if (limit && items.length >= limit) {
          more = true;
          break;
        }
        items.push(o);
        lastKey = kv.key;
      }
      if (more || !page.more || page.items.length === 0) break;
      cursor = page.items[page.items.length - 1].key;
    }
  } catch (err) {
    if (StorageError.is(err, 'Compacted'))
      throw q.continueToken ? continueExpired() : interpretStorageError(err, st.gr, '');
    throw interpretStorageError(err, st.gr, '');
  }
  const res: ListResult = { items, resourceVersion: String(rev) };
  if (more) res.continueToken = encodeContinue({ rv: rev, start: lastKey });
  return res;
}
