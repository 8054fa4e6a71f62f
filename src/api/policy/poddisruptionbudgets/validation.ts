/**
 * @module api/policy/poddisruptionbudgets/validation
 * policy/v1 PodDisruptionBudget validation: one of minAvailable/maxUnavailable as a count or a
 * percentage up to 100%, a valid selector, a known unhealthy-pod eviction policy.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import {
  isNotMoreThan100Percent,
  validateLabelSelector,
  validatePositiveIntOrPercent,
} from '../../core/common/checks.js';
import { goErrors, goIntOrString, goLabelSelector } from '../../core/common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import type { PodDisruptionBudget } from './types.js';

const spec = FieldPath.root('spec');
const POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function goSpec(s: NonNullable<PodDisruptionBudget['spec']>): string {
  const ptr = (v: number | string | undefined) =>
    v == null ? '(*intstr.IntOrString)(nil)' : `&${goIntOrString(v)}`;
  const sel = s.selector ? `&${goLabelSelector(s.selector)}` : '(*v1.LabelSelector)(nil)';
  const pol = s.unhealthyPodEvictionPolicy
    ? `&"${s.unhealthyPodEvictionPolicy}"`
    : '(*policy.UnhealthyPodEvictionPolicyType)(nil)';
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(s.minAvailable)}, Selector:${sel}, MaxUnavailable:${ptr(s.maxUnavailable)}, UnhealthyPodEvictionPolicy:${pol}}`;
}

function validateSpec(pdb: PodDisruptionBudget): FieldError[] {
  const s = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (s.minAvailable != null && s.maxUnavailable != null)
    errs.push(goErrors.invalid(spec, goSpec(s), 'minAvailable and maxUnavailable cannot be both set'));
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    const v = s[k];
    if (v == null) continue;
    errs.push(
      ...validatePositiveIntOrPercent(v, spec.child(k)),
      ...isNotMoreThan100Percent(v, spec.child(k)),
    );
  }
  errs.push(...validateLabelSelector(s.selector, spec.child('selector')));
  if (s.unhealthyPodEvictionPolicy != null && !POLICIES.includes(s.unhealthyPodEvictionPolicy))
    errs.push(
      fieldErrors.notSupported(
        spec.child('unhealthyPodEvictionPolicy'),
        s.unhealthyPodEvictionPolicy,
        POLICIES,
      ),
    );
  return errs;
}

export function validateCreate(pdb: PodDisruptionBudget): FieldError[] {
  return [...validateMeta(pdb.metadata, true, nameIsDNSSubdomain), ...validateSpec(pdb)];
}

export function validateUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): FieldError[] {
  return [...validateMetaUpdate(pdb.metadata, old.metadata), ...validateSpec(pdb)];
}

export function validateStatusUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): FieldError[] {
  const errs = validateMetaUpdate(pdb.metadata, old.metadata);
  const st = pdb.status ?? {};
  const f = FieldPath.root('status');
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const)
    errs.push(...validateNonnegativeField(st[k] ?? 0, f.child(k)));
  return errs;
}
