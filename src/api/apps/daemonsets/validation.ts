/**
 * @module api/apps/daemonsets/validation
 * apps/v1 DaemonSet validation (upstream ValidateDaemonSet*; the selector is immutable in apps/v1).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  selectorIsEmpty,
  validateLabelSelector,
  validatePositiveIntOrPercent,
} from '../../core/common/checks.js';
import { goErrors, goIntOrString, goLabelSelector } from '../../core/common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import { validateTemplate } from '../../core/common/pod-template.js';
import {
  validateCollisionCount,
  validateRestartAlways,
  validateSelectorMatchesTemplate,
  validateSelectorUnchanged,
} from '../common/workload.js';
import type { DaemonSet, DaemonSetUpdateStrategy } from './types.js';

const spec = FieldPath.root('spec');

function validateUpdateStrategy(s: DaemonSetUpdateStrategy, f: FieldPath): FieldError[] {
  if (s.type === 'OnDelete') return [];
  if (s.type !== 'RollingUpdate') {
    const ru = `(*apps.RollingUpdateDaemonSet)(${s.rollingUpdate ? '0xc000010000' : 'nil'})`;
    return [
      goErrors.notSupported(
        f,
        `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:${ru}}`,
        ['RollingUpdate', 'OnDelete'],
      ),
    ];
  }
  if (!s.rollingUpdate) return [fieldErrors.required(f.child('rollingUpdate'), '')];
  const p = f.child('rollingUpdate');
  const mu = s.rollingUpdate.maxUnavailable ?? 0;
  const ms = s.rollingUpdate.maxSurge ?? 0;
  const errs = [
    ...validatePositiveIntOrPercent(mu, p.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ms, p.child('maxSurge')),
    ...isNotMoreThan100Percent(mu, p.child('maxUnavailable')),
    ...isNotMoreThan100Percent(ms, p.child('maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(mu) !== 0;
  const hasSurge = intOrPercentValue(ms) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push(
      goErrors.invalid(
        p.child('maxSurge'),
        goIntOrString(ms),
        'may not be set when maxUnavailable is non-zero',
      ),
    );
  if (!hasUnavailable && !hasSurge)
    errs.push(fieldErrors.required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateSpec(ds: DaemonSet): FieldError[] {
  const s = ds.spec ?? {};
  const errs = validateLabelSelector(s.selector, spec.child('selector'));
  errs.push(
    ...validateSelectorMatchesTemplate(s.selector, s.template, spec.child('template', 'metadata', 'labels')),
  );
  if (s.selector && selectorIsEmpty(s.selector))
    errs.push(
      goErrors.invalid(
        spec.child('selector'),
        goLabelSelector(s.selector),
        'empty selector is invalid for daemonset',
      ),
    );
  errs.push(...validateTemplate(s.template, spec.child('template')));
  errs.push(...validateRestartAlways(s.template, 'DaemonSet', spec.child('template')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(s.updateStrategy ?? {}, spec.child('updateStrategy')));
  if (s.revisionHistoryLimit != null)
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  return errs;
}

export function validateCreate(ds: DaemonSet): FieldError[] {
  return [...validateMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateSpec(ds)];
}

export function validateUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  return [
    ...validateMetaUpdate(ds.metadata, old.metadata),
    ...validateSpec(ds),
    ...validateSelectorUnchanged(ds.spec?.selector, old.spec?.selector, spec.child('selector')),
  ];
}

export function validateStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const st = (ds.status ?? {}) as Record<string, unknown>;
  const f = FieldPath.root('status');
  const errs = validateMetaUpdate(ds.metadata, old.metadata);
  for (const k of [
    'currentNumberScheduled',
    'numberMisscheduled',
    'desiredNumberScheduled',
    'numberReady',
    'observedGeneration',
    'updatedNumberScheduled',
    'numberAvailable',
    'numberUnavailable',
    'collisionCount',
  ])
    if (typeof st[k] === 'number') errs.push(...validateNonnegativeField(st[k] as number, f.child(k)));
  errs.push(...validateCollisionCount(ds.status?.collisionCount, old.status?.collisionCount));
  return errs;
}
