/**
 * @module api/apps/deployments/validation
 * apps/v1 Deployment validation (upstream ValidateDeployment*, plus the apps/v1 rule from the
 * strategy that the selector never changes).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../core/common/checks.js';
import { goErrors, goIntOrString } from '../../core/common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  validateCollisionCount,
  validateControllerTemplate,
  validateReplicaCounters,
  validateRequiredSelector,
  validateSelectorUnchanged,
} from '../common/workload.js';
import type { Deployment, DeploymentStrategy } from './types.js';

const spec = FieldPath.root('spec');

function goStrategy(s: DeploymentStrategy): string {
  // Go prints the pointer's address; any stable stand-in will do for a non-nil one.
  const ru = `(*apps.RollingUpdateDeployment)(${s.rollingUpdate ? '0xc000010000' : 'nil'})`;
  return `apps.DeploymentStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:${ru}}`;
}

function validateStrategy(s: DeploymentStrategy, f: FieldPath): FieldError[] {
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate
        ? [
            fieldErrors.forbidden(
              f.child('rollingUpdate'),
              "may not be specified when strategy `type` is 'Recreate'",
            ),
          ]
        : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru)
        return [fieldErrors.required(f.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = f.child('rollingUpdate');
      const mu = ru.maxUnavailable ?? 0;
      const ms = ru.maxSurge ?? 0;
      const errs = [
        ...validatePositiveIntOrPercent(mu, p.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ms, p.child('maxSurge')),
      ];
      if (intOrPercentValue(mu) === 0 && intOrPercentValue(ms) === 0)
        errs.push(
          goErrors.invalid(p.child('maxUnavailable'), goIntOrString(mu), 'may not be 0 when `maxSurge` is 0'),
        );
      errs.push(...isNotMoreThan100Percent(mu, p.child('maxUnavailable')));
      return errs;
    }
    default:
      return [goErrors.notSupported(f, goStrategy(s), ['Recreate', 'RollingUpdate'])];
  }
}

function validateSpec(d: Deployment): FieldError[] {
  const s = d.spec ?? {};
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateRequiredSelector(s.selector, 'deployment', spec.child('selector')));
  errs.push(...validateControllerTemplate(s.template, s.selector, 'ReplicaSet', spec.child('template')));
  errs.push(...validateStrategy(s.strategy ?? {}, spec.child('strategy')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s.revisionHistoryLimit != null)
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  if (s.progressDeadlineSeconds != null) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0))
      errs.push(
        fieldErrors.invalid(
          spec.child('progressDeadlineSeconds'),
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
  }
  return errs;
}

export function validateCreate(d: Deployment): FieldError[] {
  return [...validateMeta(d.metadata, true, nameIsDNSSubdomain), ...validateSpec(d)];
}

export function validateUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateMetaUpdate(d.metadata, old.metadata),
    ...validateSpec(d),
    ...validateSelectorUnchanged(d.spec?.selector, old.spec?.selector, spec.child('selector')),
  ];
}

export function validateStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const st = (d.status ?? {}) as Record<string, unknown>;
  return [
    ...validateMetaUpdate(d.metadata, old.metadata),
    ...validateReplicaCounters(
      st,
      [
        'observedGeneration',
        'replicas',
        'updatedReplicas',
        'readyReplicas',
        'availableReplicas',
        'unavailableReplicas',
        'collisionCount',
      ],
      ['updatedReplicas', 'readyReplicas', 'availableReplicas'],
      'readyReplicas',
      'cannot be greater than readyReplicas',
    ),
    ...validateCollisionCount(d.status?.collisionCount, old.status?.collisionCount),
  ];
}
