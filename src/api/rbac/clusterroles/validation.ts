/**
 * @module api/rbac/clusterroles/validation
 * rbac/v1 ClusterRole validation: rules as for Roles (non-resource URLs allowed), and an
 * aggregation rule, when present, has at least one valid selector.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { validateLabelSelector } from '../../core/common/checks.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import { validatePolicyRule, validateRBACName } from '../common/rules.js';
import type { ClusterRole } from './types.js';

function validateBody(role: ClusterRole): FieldError[] {
  const errs = (role.rules ?? []).flatMap((r, i) =>
    validatePolicyRule(r, false, FieldPath.root('rules').index(i)),
  );
  if (role.aggregationRule) {
    const f = FieldPath.root('aggregationRule').child('clusterRoleSelectors');
    const sels = role.aggregationRule.clusterRoleSelectors ?? [];
    if (!sels.length)
      errs.push(
        fieldErrors.required(f, 'at least one clusterRoleSelector required if aggregationRule is non-nil'),
      );
    sels.forEach((s, i) => errs.push(...validateLabelSelector(s, f.index(i))));
  }
  return errs;
}

export function validateCreate(role: ClusterRole): FieldError[] {
  return [...validateMeta(role.metadata, false, validateRBACName), ...validateBody(role)];
}

export function validateUpdate(role: ClusterRole, old: ClusterRole): FieldError[] {
  return [...validateCreate(role), ...validateMetaUpdate(role.metadata, old.metadata)];
}
