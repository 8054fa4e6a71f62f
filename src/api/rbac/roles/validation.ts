/**
 * @module api/rbac/roles/validation
 * rbac/v1 Role validation: path-segment name, and each rule names verbs and resources (namespaced
 * rules cannot use non-resource URLs).
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import { validatePolicyRule, validateRBACName } from '../common/rules.js';
import type { Role } from './types.js';

function validateRules(role: Role): FieldError[] {
  return (role.rules ?? []).flatMap((r, i) => validatePolicyRule(r, true, FieldPath.root('rules').index(i)));
}

export function validateCreate(role: Role): FieldError[] {
  return [...validateMeta(role.metadata, true, validateRBACName), ...validateRules(role)];
}

export function validateUpdate(role: Role, old: Role): FieldError[] {
  return [...validateCreate(role), ...validateMetaUpdate(role.metadata, old.metadata)];
}
