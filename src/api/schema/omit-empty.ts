/**
 * @module api/schema/omit-empty
 * Go's `omitempty`: optional maps and lists that are empty are not stored or shown
 * (`kubectl label cm a t-` leaves no `labels: {}` behind). Required fields and structs are
 * kept, as upstream keeps them (`resources: {}`, `containers: []`).
 */
import type { FieldType, SchemaRegistry } from './model.js';
import { jsonFields } from './unknown-fields.js';

type Registry = Pick<SchemaRegistry, 'get'>;
type Obj = Record<string, unknown>;

function walkValue(value: unknown, type: FieldType, registry: Registry, old: unknown): void {
  if (value === null || typeof value !== 'object' || value === old) return;
  if (type.kind === 'ref') walkObject(value as Obj, type.ref, registry, old);
  else if (type.kind === 'array' && Array.isArray(value)) {
    for (const v of value) walkValue(v, type.items, registry, undefined);
  } else if (type.kind === 'map' && !Array.isArray(value)) {
    const prev = isPlainObject(old) ? old : undefined;
    for (const k in value) walkValue((value as Obj)[k], type.values, registry, prev?.[k]);
  }
}

function isPlainObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Removes empty optional maps and lists from `obj` (in place), recursively, per the schema. A part
 * of `obj` that is the very object found at the same place in `old` (an update's stored version,
 * shared and read-only) was cleaned when it was stored, and is skipped.
 */
export function walkObject(obj: Obj, typeName: string, registry: Registry, old?: unknown): void {
  const t = registry.get(typeName);
  if (!t || Array.isArray(obj)) return;
  const fields = jsonFields(t, registry);
  const prev = isPlainObject(old) ? old : undefined;
  for (const name in obj) {
    const f = fields.get(name);
    if (!f) continue;
    const v = obj[name];
    if (!f.required && (f.type.kind === 'map' || f.type.kind === 'array')) {
      const empty = Array.isArray(v) ? v.length === 0 : isPlainObject(v) && isEmptyObject(v);
      if (empty || v === null) {
        delete obj[name];
        continue;
      }
    }
    walkValue(v, f.type, registry, prev?.[name]);
  }
}

function isEmptyObject(o: Obj): boolean {
  for (const _ in o) return false;
  return true;
}

export function omitEmpty(obj: object, typeName: string, registry: Registry, old?: object): void {
  walkObject(obj as Obj, typeName, registry, old);
}
