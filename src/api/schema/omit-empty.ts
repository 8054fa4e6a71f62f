/**
 * @module api/schema/omit-empty
 * Go's `omitempty`: optional maps and lists that are empty are not stored or shown
 * (`kubectl label cm a t-` leaves no `labels: {}` behind). Required fields and structs are
 * kept, as upstream keeps them (`resources: {}`, `containers: []`).
 */
import type { FieldType, SchemaRegistry } from './model.js';
import { jsonFields } from './unknown-fields.js';

type Registry = Pick<SchemaRegistry, 'get'>;

function walkValue(value: unknown, type: FieldType, registry: Registry): void {
  if (value === null || typeof value !== 'object') return;
  if (type.kind === 'ref') walkObject(value as Record<string, unknown>, type.ref, registry);
  else if (type.kind === 'array' && Array.isArray(value))
    for (const v of value) walkValue(v, type.items, registry);
  else if (type.kind === 'map' && !Array.isArray(value)) {
    for (const v of Object.values(value as Record<string, unknown>)) walkValue(v, type.values, registry);
  }
}

/** Removes empty optional maps and lists from `obj` (in place), recursively, per the schema. */
export function walkObject(obj: Record<string, unknown>, typeName: string, registry: Registry): void {
  const t = registry.get(typeName);
  if (!t || Array.isArray(obj)) return;
  const fields = jsonFields(t, registry);
  for (const [name, v] of Object.entries(obj)) {
    const f = fields.get(name);
    if (!f) continue;
    if (!f.required && (f.type.kind === 'map' || f.type.kind === 'array')) {
      const empty = Array.isArray(v)
        ? v.length === 0
        : v !== null && typeof v === 'object' && Object.keys(v).length === 0;
      if (empty || v === null) {
        delete obj[name];
        continue;
      }
    }
    walkValue(v, f.type, registry);
  }
}

export function omitEmpty(obj: object, typeName: string, registry: Registry): void {
  walkObject(obj as Record<string, unknown>, typeName, registry);
}
