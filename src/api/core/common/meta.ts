/**
 * @module api/core/common/meta
 * Object-meta validation as pkg/apis/core/validation wraps it: the generic rules
 * (machinery/validation/object-meta) plus the legacy check that a finalizer without a `/` is one
 * of the standard names. Every built-in kind validates its metadata through these two functions.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import type { NameValidator } from '../../../machinery/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/object-meta.js';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Rejects finalizer names that are neither standard nor domain-qualified. */
export function validateKubeFinalizerName(name: string, f: FieldPath): FieldError[] {
  if (name.includes('/') || STANDARD_FINALIZERS.has(name)) return [];
  return [
    fieldErrors.invalid(f, name, 'name is neither a standard finalizer name nor is it fully qualified'),
  ];
}

function kubeFinalizers(meta: ObjectMeta | undefined): FieldError[] {
  const p = FieldPath.root('metadata').child('finalizers');
  return (meta?.finalizers ?? []).flatMap((fin, i) => validateKubeFinalizerName(fin, p.index(i)));
}

export function validateMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  names: NameValidator,
): FieldError[] {
  return [...validateObjectMeta(meta, namespaced, names), ...kubeFinalizers(meta)];
}

export function validateMetaUpdate(next: ObjectMeta, old: ObjectMeta): FieldError[] {
  return [...validateObjectMetaUpdate(next, old), ...kubeFinalizers(next)];
}
