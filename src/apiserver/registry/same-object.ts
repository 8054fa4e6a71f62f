/**
 * @module apiserver/registry/same-object
 * The no-op check of an update: upstream answers a write that changes nothing but
 * resourceVersion and managedFields without storing it.
 */
import type { KubeObject } from '../../machinery/meta.js';

/**
 * True when a write would change nothing but resourceVersion and managedFields (a no-op update,
 * which upstream answers without writing). Compared as JSON text would compare: key order counts,
 * undefined members do not.
 */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const ka = definedKeys(a as Record<string, unknown>, false);
  const kb = definedKeys(b as Record<string, unknown>, false);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i] || !sameAsJson((a as any)[k], (b as any)[k], k === 'metadata')) return false;
  }
  return true;
}

/** JSON-text equality without the text; `meta` skips metadata's resourceVersion and managedFields. */
function sameAsJson(a: unknown, b: unknown, meta: boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // JSON writes undefined array items as null.
      if (!sameAsJson(a[i] ?? null, b[i] ?? null, false)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = definedKeys(a as Record<string, unknown>, meta);
  const kb = definedKeys(b as Record<string, unknown>, meta);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameAsJson((a as any)[ka[i]], (b as any)[kb[i]], false)) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>, meta: boolean): string[] {
  return Object.keys(o).filter(
    (k) => o[k] !== undefined && !(meta && (k === 'resourceVersion' || k === 'managedFields')),
  );
}
