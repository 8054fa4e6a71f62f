/**
 * @module apiserver/watch-cache/share
 * Structural sharing between successive versions of one cached object: a status write changes a
 * few fields, yet a freshly parsed object repeats the whole spec and metadata. Reusing the previous
 * version's equal subtrees keeps a 5-minute event history from holding a full copy per version.
 * Safe only because cached objects are never mutated (see CachedObject).
 */

type Json = unknown;

function isContainer(v: Json): v is Record<string, Json> | Json[] {
  return typeof v === 'object' && v !== null;
}

/**
 * Returns `prev` when `next` is deeply equal to it (same keys in the same order); otherwise `next`,
 * with every child that equals the corresponding child of `prev` replaced by that child (in place:
 * `next` is fresh, though it may keep subtrees of cached versions: replacing a child there by an
 * equal one changes no value anyone sees, and frozen ones are left as they are).
 */
export function shareUnchanged(next: Json, prev: Json): Json {
  if (next === prev) return prev;
  if (!isContainer(next) || !isContainer(prev)) return next;
  // A frozen `next` is a subtree the writer kept from a cached version (tests freeze those): leave it.
  if (Object.isFrozen(next)) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = next.length === prev.length;
    for (let i = 0; i < next.length; i++) {
      if (i >= prev.length) break;
      const v = shareUnchanged(next[i], prev[i]);
      next[i] = v;
      if (v !== prev[i]) same = false;
    }
    return same ? prev : next;
  }
  if (Array.isArray(prev)) return next;
  const p = prev as Record<string, Json>;
  const nk = Object.keys(next);
  const pk = Object.keys(p);
  let same = nk.length === pk.length;
  for (let i = 0; i < nk.length; i++) {
    const k = nk[i];
    if (same && pk[i] !== k) same = false;
    if (!(k in p)) {
      same = false;
      continue;
    }
    const v = shareUnchanged(next[k], p[k]);
    next[k] = v;
    if (v !== p[k]) same = false;
  }
  return same ? prev : next;
}
