/**
 * @module machinery/patch
 * Every patch type kubectl sends, with upstream semantics: strategic merge, JSON merge (RFC 7386),
 * JSON patch (RFC 6902) and server-side apply, plus managedFields tracking for ordinary writes.
 * Failures are PatchErrors; `toStatusError` turns one into the Status upstream would answer.
 */
export { PatchError, toStatusError, type PatchErrorKind } from './errors.js';
export type { PatchField, PatchSchema } from './schema-walker.js';
export { applyStrategicMergePatch } from './strategic-merge.js';
export { applyMergePatch } from './merge-patch.js';
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
export { serverSideApply, type ApplyOptions, type ApplyResult } from './ssa/apply.js';
export { updateManagedFieldsForUpdate, type UpdateOptions } from './ssa/managed-fields.js';
export { FieldSet } from './ssa/fieldset.js';
export type { Path, PathElement } from './ssa/path.js';
