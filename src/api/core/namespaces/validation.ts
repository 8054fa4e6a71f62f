/**
 * @module api/core/namespaces/validation
 * core/v1 Namespace validation (upstream ValidateNamespace*): the name is a DNS-1123 label and the
 * spec finalizers are qualified names or `kubernetes`.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { validateNamespaceName } from '../../../machinery/validation/names.js';
import { validateFinalizerName } from '../../../machinery/validation/object-meta.js';
import { validateKubeFinalizerName, validateMeta, validateMetaUpdate } from '../common/meta.js';
import type { Namespace } from './types.js';

function validateSpecFinalizers(ns: Namespace, indexed: boolean): FieldError[] {
  const base = FieldPath.root('spec').child('finalizers');
  // Upstream reports create-time finalizer errors at `spec.finalizers` without an index.
  return (ns.spec?.finalizers ?? []).flatMap((f, i) => {
    const p = indexed ? base.index(i) : base;
    return [...validateFinalizerName(f, p), ...validateKubeFinalizerName(f, p)];
  });
}

export function validateCreate(ns: Namespace): FieldError[] {
  return [...validateMeta(ns.metadata, false, validateNamespaceName), ...validateSpecFinalizers(ns, false)];
}

export function validateUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateMetaUpdate(ns.metadata, old.metadata);
}

/** Status may only say Active while the namespace lives, and Terminating once it is being deleted. */
export function validateStatusUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateMetaUpdate(ns.metadata, old.metadata);
  const phase = ns.status?.phase ?? '';
  const p = FieldPath.root('status').child('Phase');
  if (!ns.metadata.deletionTimestamp) {
    if (phase !== 'Active')
      errs.push(fieldErrors.invalid(p, phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(fieldErrors.invalid(p, phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** The `/finalize` subresource: metadata rules plus each finalizer name. */
export function validateFinalizeUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return [...validateMetaUpdate(ns.metadata, old.metadata), ...validateSpecFinalizers(ns, true)];
}
