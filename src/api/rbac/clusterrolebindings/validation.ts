/**
 * @module api/rbac/clusterrolebindings/validation
 * rbac/v1 ClusterRoleBinding validation: the roleRef is a ClusterRole and never changes;
 * ServiceAccount subjects must name their namespace.
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  validateRBACName,
  validateRoleRef,
  validateRoleRefUnchanged,
  validateSubject,
} from '../common/rules.js';
import type { ClusterRoleBinding } from './types.js';

export function validateCreate(crb: ClusterRoleBinding): FieldError[] {
  return [
    ...validateMeta(crb.metadata, false, validateRBACName),
    ...validateRoleRef(crb.roleRef, ['ClusterRole']),
    ...(crb.subjects ?? []).flatMap((s, i) => validateSubject(s, false, FieldPath.root('subjects').index(i))),
  ];
}

export function validateUpdate(crb: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  return [
    ...validateCreate(crb),
    ...validateMetaUpdate(crb.metadata, old.metadata),
    ...validateRoleRefUnchanged(crb.roleRef, old.roleRef),
  ];
}
