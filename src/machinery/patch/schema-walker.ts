/**
 * @module machinery/patch/schema-walker
 * The patch metadata the patch machinery needs from a type tree (merge keys, patch strategies, list
 * and map types), declared here so that machinery does not depend on `api`. The api layer adapts its
 * schema registry to these interfaces (`api/schema/patch-schema.ts`). A missing schema or field means
 * "unknown": strategic merge treats it like JSON merge (maps merge, lists replace) and server-side
 * apply treats it as an untyped value (maps granular, lists atomic).
 */

/** A struct (or map) node in the type tree. */
export interface PatchSchema {
  /** The field called `name`, or undefined when the type has no such field (unknown). */
  field(name: string): PatchField | undefined;
}

export interface PatchField {
  kind: 'scalar' | 'object' | 'array' | 'map';
  /** x-kubernetes-patch-merge-key (strategic merge). */
  mergeKey?: string;
  /** x-kubernetes-patch-strategy: `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  patchStrategy?: string;
  /** x-kubernetes-list-type (server-side apply). */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys. */
  listMapKeys?: string[];
  /** x-kubernetes-map-type, or the struct type for objects: `atomic` replaces the value whole. */
  mapType?: 'atomic' | 'granular';
  /** Element type of an array. */
  items?: PatchField;
  /** Value type of a map. */
  values?: PatchField;
  /** Fields of an object. */
  object?: PatchSchema;
  /** Required in upstream's Go types (no `+optional`): then present even in a zero-value object. */
  required?: boolean;
  /** Documented default; server-side apply uses it for a list-map key an element leaves out. */
  default?: unknown;
}

/** How server-side apply treats a list. */
export type ListSemantics = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: string[] };

/** The patch strategies of a field, split on commas. */
export function patchStrategies(field: PatchField | undefined): string[] {
  if (!field?.patchStrategy) return [];
  return field.patchStrategy.split(',').map((s) => s.trim());
}

/** The schema of the values under a field that holds an object or a map; undefined when unknown. */
export function childSchema(field: PatchField | undefined): PatchSchema | undefined {
  if (!field) return undefined;
  if (field.kind === 'object') return field.object;
  if (field.kind === 'map') return mapSchema(field.values);
  return undefined;
}

/** A schema where every key has the same value type (Go `map[string]T`). */
export function mapSchema(values: PatchField | undefined): PatchSchema {
  return { field: () => values };
}

/** The schema of the elements of a list field, when they are objects. */
export function elementSchema(field: PatchField | undefined): PatchSchema | undefined {
  return field?.kind === 'array' ? childSchema(field.items) : undefined;
}

/**
 * List semantics for server-side apply, derived as upstream's OpenAPI conversion does: an explicit
 * list type wins; otherwise a `merge` strategy with a merge key is a map keyed on it, a `merge` strategy
 * without one is a set, and every other list is atomic.
 */
export function listSemantics(field: PatchField | undefined): ListSemantics {
  if (!field) return { type: 'atomic' };
  if (field.listType === 'map')
    return { type: 'map', keys: field.listMapKeys ?? (field.mergeKey ? [field.mergeKey] : []) };
  if (field.listType === 'set') return { type: 'set' };
  if (field.listType === 'atomic') return { type: 'atomic' };
  if (patchStrategies(field).includes('merge')) {
    return field.mergeKey ? { type: 'map', keys: [field.mergeKey] } : { type: 'set' };
  }
  return { type: 'atomic' };
}
