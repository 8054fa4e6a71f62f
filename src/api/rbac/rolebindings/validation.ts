/**
 * @module api/rbac/rolebindings/validation
 * rbac/v1 RoleBinding validation: the roleRef points at a Role or ClusterRole and never changes;
 * subjects are ServiceAccounts, Users or Groups.
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  validateRBACName,
  validateRoleRef,
  validateRoleRefUnchanged,
  validateSubject,
} from '../common/rules.js';
import type { RoleBinding } from './types.js';

export function validateCreate(rb: RoleBinding): FieldError[] {
  return [
    ...validateMeta(rb.metadata, true, validateRBACName),
    ...validateRoleRef(rb.roleRef, ['Role', 'ClusterRole']),
    ...(rb.subjects ?? []).flatMap((s, i) => validateSubject(s, true, FieldPath.root('subjects').index(i))),
  ];
}

export function validateUpdate(rb: RoleBinding, old: RoleBinding): FieldError[] {
  return [
    ...validateCreate(rb),
    ...validateMetaUpdate(rb.metadata, old.metadata),
    ...validateRoleRefUnchanged(rb.roleRef, old.roleRef),
  ];
}
