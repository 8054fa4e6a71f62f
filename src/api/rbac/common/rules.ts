/**
 * @module api/rbac/common/rules
 * Validation and defaults shared by the RBAC kinds (upstream pkg/apis/rbac/validation and
 * rbac/v1 defaults): policy rules, subjects, role references.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  validatePathSegmentName,
  validateServiceAccountName,
} from '../../../machinery/validation/names.js';
import { goErrors, goStringSlice } from '../../core/common/go-value.js';
import { RBAC_GROUP, type PolicyRule, type RoleRef, type Subject } from './types.js';

export const validateRBACName = validatePathSegmentName;

export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length)
    errs.push(fieldErrors.required(f.child('verbs'), 'verbs must contain at least one value'));
  if (rule.nonResourceURLs?.length) {
    const urls = goStringSlice(rule.nonResourceURLs);
    if (namespaced)
      errs.push(
        goErrors.invalid(
          f.child('nonResourceURLs'),
          urls,
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length)
      errs.push(
        goErrors.invalid(
          f.child('nonResourceURLs'),
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    return errs;
  }
  if (!rule.apiGroups?.length)
    errs.push(
      fieldErrors.required(f.child('apiGroups'), 'resource rules must supply at least one api group'),
    );
  if (!rule.resources?.length)
    errs.push(fieldErrors.required(f.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateSubject(s: Subject, namespaced: boolean, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(fieldErrors.required(f.child('name'), ''));
  const group = s.apiGroup ?? '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name)
        errs.push(...invalidEach(f.child('name'), s.name, validateServiceAccountName(s.name, false)));
      if (group) errs.push(fieldErrors.notSupported(f.child('apiGroup'), group, ['']));
      if (!namespaced && !s.namespace) errs.push(fieldErrors.required(f.child('namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (group !== RBAC_GROUP) errs.push(fieldErrors.notSupported(f.child('apiGroup'), group, [RBAC_GROUP]));
      break;
    default:
      errs.push(fieldErrors.notSupported(f.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateRoleRef(ref: RoleRef | undefined, kinds: string[]): FieldError[] {
  const f = FieldPath.root('roleRef');
  const r = ref ?? ({} as Partial<RoleRef>);
  const errs: FieldError[] = [];
  if (r.apiGroup !== RBAC_GROUP)
    errs.push(fieldErrors.notSupported(f.child('apiGroup'), r.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(r.kind ?? ''))
    errs.push(fieldErrors.notSupported(f.child('kind'), r.kind ?? '', kinds));
  if (!r.name) errs.push(fieldErrors.required(f.child('name'), ''));
  else errs.push(...invalidEach(f.child('name'), r.name, validateRBACName(r.name, false)));
  return errs;
}

/** `roleRef` never changes once a binding exists. */
export function validateRoleRefUnchanged(next: RoleRef | undefined, old: RoleRef | undefined): FieldError[] {
  const n = next ?? ({} as Partial<RoleRef>);
  const o = old ?? ({} as Partial<RoleRef>);
  if (n.apiGroup === o.apiGroup && n.kind === o.kind && n.name === o.name) return [];
  const q = (s: string | undefined) => JSON.stringify(s ?? '');
  return [
    goErrors.invalid(
      FieldPath.root('roleRef'),
      `rbac.RoleRef{APIGroup:${q(n.apiGroup)}, Kind:${q(n.kind)}, Name:${q(n.name)}}`,
      'cannot change roleRef',
    ),
  ];
}

/** rbac/v1 defaults for bindings: roleRef.apiGroup, and the apiGroup of User/Group subjects. */
export function setBindingDefaults(b: { roleRef?: RoleRef; subjects?: Subject[] }): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? [])
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
}
