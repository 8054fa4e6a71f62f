/**
 * @module api/apps/common/workload
 * Validation pieces shared by the apps/v1 workloads (upstream pkg/apis/apps/validation): the
 * selector rules, the template-for-controller rules, and the status counters.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { validateNonnegativeField } from '../../../machinery/validation/names.js';
import {
  selectorIsEmpty,
  selectorMatches,
  validateImmutableField,
  validateLabelSelector,
} from '../../core/common/checks.js';
import {
  goErrors,
  goLabelSelector,
  goStringMap,
  type GoLabelSelectorLike,
} from '../../core/common/go-value.js';
import { validateTemplate, type PodTemplateSpec } from '../../core/common/pod-template.js';

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** A required, non-empty, well-formed selector (`kind` names the workload in the message). */
export function validateRequiredSelector(
  sel: GoLabelSelectorLike | undefined,
  kind: string,
  f: FieldPath,
): FieldError[] {
  if (!sel) return [fieldErrors.required(f, '')];
  const errs = validateLabelSelector(sel, f);
  if (selectorIsEmpty(sel))
    errs.push(goErrors.invalid(f, goLabelSelector(sel), `empty selector is invalid for ${kind}`));
  return errs;
}

/** On update `spec.selector` may not change (apps/v1 has no selector mutation); [] when equal. */
export function validateSelectorUnchanged(
  sel: GoLabelSelectorLike | undefined,
  old: GoLabelSelectorLike | undefined,
  f: FieldPath,
): FieldError[] {
  return validateImmutableField(sel, old, f, (v) => goLabelSelector(v as GoLabelSelectorLike));
}

/** The selector must select the template's labels (checked only when the selector is usable). */
export function validateSelectorMatchesTemplate(
  sel: GoLabelSelectorLike | undefined,
  template: PodTemplateSpec | undefined,
  f: FieldPath,
): FieldError[] {
  // A missing selector selects nothing (so it never matches); an empty one selects everything.
  if (sel && selectorIsEmpty(sel)) return [];
  const labels = template?.metadata?.labels;
  return selectorMatches(sel, labels) === false
    ? [goErrors.invalid(f, goStringMap(labels), SELECTOR_MISMATCH)]
    : [];
}

/**
 * Upstream ValidatePodTemplateSpecForReplicaSet (also used for Deployments and DaemonSets): the
 * selector match, the pod template, `restartPolicy: Always`, and no `activeDeadlineSeconds`.
 */
export function validateControllerTemplate(
  template: PodTemplateSpec | undefined,
  sel: GoLabelSelectorLike | undefined,
  kind: string,
  f: FieldPath,
  checkMatch = true,
): FieldError[] {
  if (!template) return [fieldErrors.required(f, '')];
  const errs = checkMatch
    ? validateSelectorMatchesTemplate(sel, template, f.child('metadata', 'labels'))
    : [];
  errs.push(...validateTemplate(template, f));
  errs.push(...validateRestartAlways(template, kind, f));
  return errs;
}

export function validateRestartAlways(
  template: PodTemplateSpec | undefined,
  kind: string,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const rp = template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(f.child('spec', 'restartPolicy'), rp, ['Always']));
  if (template?.spec?.activeDeadlineSeconds != null)
    errs.push(
      fieldErrors.forbidden(
        f.child('spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    );
  return errs;
}

/** Status counters: all non-negative, and none above `replicas` (plus available ≤ ready). */
export function validateReplicaCounters(
  status: Record<string, unknown>,
  nonNegative: string[],
  boundedByReplicas: string[],
  readyField: string | undefined,
  readyMsg: string,
): FieldError[] {
  const f = FieldPath.root('status');
  const n = (k: string) => (typeof status[k] === 'number' ? (status[k] as number) : 0);
  const errs: FieldError[] = [];
  for (const k of nonNegative)
    if (status[k] != null) errs.push(...validateNonnegativeField(n(k), f.child(k)));
  for (const k of boundedByReplicas)
    if (n(k) > n('replicas'))
      errs.push(fieldErrors.invalid(f.child(k), n(k), 'cannot be greater than status.replicas'));
  if (readyField && n('availableReplicas') > n(readyField))
    errs.push(fieldErrors.invalid(f.child('availableReplicas'), n('availableReplicas'), readyMsg));
  return errs;
}

/** `status.collisionCount` may not go down. */
export function validateCollisionCount(next: number | undefined, old: number | undefined): FieldError[] {
  const decremented = (next == null && old != null) || (next != null && old != null && next < old);
  return decremented
    ? [
        fieldErrors.invalid(
          FieldPath.root('status').child('collisionCount'),
          next ?? 0,
          'cannot be decremented',
        ),
      ]
    : [];
}
