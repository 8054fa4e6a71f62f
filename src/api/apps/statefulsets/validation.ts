/**
 * @module api/apps/statefulsets/validation
 * apps/v1 StatefulSet validation (upstream ValidateStatefulSet*). Only some spec fields may change
 * after creation; the pod template is checked for labels and annotations (upstream does not run
 * the full PodSpec validation for StatefulSets).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSLabel, validateNonnegativeField } from '../../../machinery/validation/names.js';
import { validateAnnotations, validateLabels } from '../../../machinery/validation/object-meta.js';
import {
  deepEqual,
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../core/common/checks.js';
import { goErrors, goIntOrString } from '../../core/common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  validateCollisionCount,
  validateReplicaCounters,
  validateRequiredSelector,
  validateSelectorMatchesTemplate,
} from '../common/workload.js';
import type { StatefulSet, StatefulSetSpec, StatefulSetUpdateStrategy } from './types.js';

const spec = FieldPath.root('spec');

function validateStrategy(u: StatefulSetUpdateStrategy, f: FieldPath): FieldError[] {
  switch (u.type) {
    case undefined:
    case '':
      return [fieldErrors.required(f, '')];
    case 'OnDelete':
      return u.rollingUpdate
        ? [
            goErrors.invalid(
              f.child('rollingUpdate'),
              `apps.RollingUpdateStatefulSetStrategy{Partition:${u.rollingUpdate.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`,
              "only allowed for updateStrategy 'RollingUpdate'",
            ),
          ]
        : [];
    case 'RollingUpdate': {
      const ru = u.rollingUpdate;
      if (!ru) return [];
      const p = f.child('rollingUpdate');
      const errs = validateNonnegativeField(ru.partition ?? 0, p.child('partition'));
      if (ru.maxUnavailable != null) {
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
        if (intOrPercentValue(ru.maxUnavailable) === 0)
          errs.push(
            goErrors.invalid(p.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'cannot be 0'),
          );
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      }
      return errs;
    }
    default:
      return [
        goErrors.invalid(
          f,
          `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(u.type)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`,
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      ];
  }
}

function validateRetention(s: StatefulSetSpec): FieldError[] {
  const pol = s.persistentVolumeClaimRetentionPolicy;
  if (!pol) return [];
  const f = spec.child('persistentVolumeClaimRetentionPolicy');
  const errs: FieldError[] = [];
  for (const k of ['whenDeleted', 'whenScaled'] as const) {
    const v = pol[k] ?? '';
    if (v !== 'Retain' && v !== 'Delete')
      errs.push(fieldErrors.notSupported(f.child(k), v, ['Retain', 'Delete']));
  }
  return errs;
}

function validateSpec(sts: StatefulSet): FieldError[] {
  const s = sts.spec ?? {};
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy ?? '';
  if (!pmp) errs.push(fieldErrors.required(spec.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.push(
      fieldErrors.invalid(spec.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"),
    );
  errs.push(...validateStrategy(s.updateStrategy ?? {}, spec.child('updateStrategy')));
  errs.push(...validateRetention(s));
  errs.push(...validateNonnegativeField(s.replicas ?? 0, spec.child('replicas')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s.ordinals) errs.push(...validateNonnegativeField(s.ordinals.start ?? 0, spec.child('ordinals.start')));
  errs.push(...validateRequiredSelector(s.selector, 'statefulset', spec.child('selector')));
  const t = spec.child('template');
  if (!s.template) errs.push(fieldErrors.required(t, ''));
  else {
    errs.push(...validateSelectorMatchesTemplate(s.selector, s.template, t.child('metadata', 'labels')));
    errs.push(...validateLabels(s.template.metadata?.labels, t.child('labels')));
    errs.push(...validateAnnotations(s.template.metadata?.annotations, t.child('annotations')));
  }
  const rp = s.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(t.child('spec', 'restartPolicy'), rp, ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds != null)
    errs.push(
      fieldErrors.forbidden(
        t.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  return errs;
}

export function validateCreate(sts: StatefulSet): FieldError[] {
  return [...validateMeta(sts.metadata, true, nameIsDNSLabel), ...validateSpec(sts)];
}

/** Fields of the spec an update may change; anything else is forbidden. */
const MUTABLE = [
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'ordinals',
  'persistentVolumeClaimRetentionPolicy',
];

export function validateUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = [...validateMetaUpdate(sts.metadata, old.metadata), ...validateSpec(sts)];
  const strip = (s: StatefulSetSpec | undefined) =>
    Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !MUTABLE.includes(k)));
  if (!deepEqual(strip(sts.spec), strip(old.spec)))
    errs.push(
      fieldErrors.forbidden(
        spec,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  return errs;
}

export function validateStatusUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  return [
    ...validateReplicaCounters(
      (sts.status ?? {}) as Record<string, unknown>,
      [
        'replicas',
        'readyReplicas',
        'currentReplicas',
        'updatedReplicas',
        'availableReplicas',
        'observedGeneration',
        'collisionCount',
      ],
      ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'],
      'readyReplicas',
      'cannot be greater than status.readyReplicas',
    ),
    ...validateMetaUpdate(sts.metadata, old.metadata),
    ...validateCollisionCount(sts.status?.collisionCount, old.status?.collisionCount),
  ];
}
