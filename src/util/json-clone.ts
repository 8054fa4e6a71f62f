/**
 * @module util/json-clone
 * Copies and freezes of JSON-shaped values (plain objects, arrays, strings, numbers, booleans,
 * null). A hand-written walk is several times faster than structuredClone for these, and every
 * API object is JSON-shaped.
 */

/** A deep copy of a JSON-shaped value. Keys whose value is undefined are kept, as structuredClone does. */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneJson(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = cloneJson((v as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * The value JSON.parse(JSON.stringify(v)) would give, for JSON-shaped values, without the text:
 * undefined object members are left out and undefined array items become null.
 */
export function copyAsJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] === undefined ? null : copyAsJson(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = copyAsJson(x);
  }
  return out as T;
}

/**
 * Objects shared between components in one process (watch-cache entries, in-process watch
 * events) are read-only by contract. With KUBELING_FREEZE_SHARED=1 (the test runner sets it)
 * they are deep-frozen, so a component that writes into one fails loudly in tests instead of
 * corrupting what the others see.
 */
export const freezeShared = process.env.KUBELING_FREEZE_SHARED === '1';

/** Deep-freezes a JSON-shaped value in place and returns it. */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  return v;
}
