/**
 * @module machinery/patch/json-value
 * Small operations on JSON-shaped values shared by the patch types: object test, deep equality, and
 * rendering a value as Go's `%v` does (upstream error messages embed decoded JSON that way).
 */

export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of two JSON values (object key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Renders a decoded JSON value as Go's `fmt` `%v`: `map[a:1 b:[x y]]`, `<nil>`. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number' && !Number.isInteger(v)) {
    // Go's %v for float64 is %g: exponent form only for very large or small magnitudes.
    const abs = Math.abs(v);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(v);
}

/** Removes every key that starts with `$` (patch directives), recursively. Mutates `v`. */
export function stripDirectiveKeys(v: unknown): void {
  if (Array.isArray(v)) {
    for (const e of v) stripDirectiveKeys(e);
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (k.startsWith('$')) delete v[k];
      else stripDirectiveKeys(v[k]);
    }
  }
}
