/**
 * @module api/batch/jobs/job-spec-validation
 * JobSpec rules shared by Jobs and CronJob job templates (upstream validateJobSpec): counts,
 * completion mode and per-index limits, pod failure and replacement policies, the pod template,
 * and a restart policy of OnFailure or Never.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isQualifiedName,
  validateNonnegativeField,
} from '../../../machinery/validation/names.js';
import { validateTemplate } from '../../core/common/pod-template.js';
import type { JobSpec } from './types.js';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES_LIMIT = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10000;
const MAX_POD_FAILURE_POLICY_RULES = 20;

function validateIndexed(spec: JobSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(fieldErrors.notSupported(f.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions == null)
        errs.push(fieldErrors.required(f.child('completions'), 'when completion mode is Indexed'));
      if (spec.parallelism != null && spec.parallelism > MAX_PARALLELISM_INDEXED)
        errs.push(
          fieldErrors.invalid(
            f.child('parallelism'),
            spec.parallelism,
            `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
          ),
        );
      if (
        spec.completions != null &&
        spec.maxFailedIndexes != null &&
        spec.maxFailedIndexes > spec.completions
      )
        errs.push(
          fieldErrors.invalid(
            f.child('maxFailedIndexes'),
            spec.maxFailedIndexes,
            'must be less than or equal to completions',
          ),
        );
      if (spec.maxFailedIndexes != null && spec.maxFailedIndexes > MAX_FAILED_INDEXES_LIMIT)
        errs.push(
          fieldErrors.invalid(
            f.child('maxFailedIndexes'),
            spec.maxFailedIndexes,
            `must be less than or equal to ${MAX_FAILED_INDEXES_LIMIT}`,
          ),
        );
      if (
        spec.completions != null &&
        spec.completions > COMPLETIONS_SOFT_LIMIT &&
        spec.backoffLimitPerIndex != null
      ) {
        if (spec.maxFailedIndexes == null)
          errs.push(
            fieldErrors.required(
              f.child('maxFailedIndexes'),
              `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
            ),
          );
        if (spec.parallelism != null && spec.parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS)
          errs.push(
            fieldErrors.invalid(
              f.child('parallelism'),
              spec.parallelism,
              `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`,
            ),
          );
      }
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null)
      errs.push(
        fieldErrors.invalid(
          f.child('backoffLimitPerIndex'),
          spec.backoffLimitPerIndex,
          'requires indexed completion mode',
        ),
      );
    if (spec.maxFailedIndexes != null)
      errs.push(
        fieldErrors.invalid(
          f.child('maxFailedIndexes'),
          spec.maxFailedIndexes,
          'requires indexed completion mode',
        ),
      );
  }
  return errs;
}

function validatePodFailurePolicy(spec: JobSpec, f: FieldPath): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rp = f.child('rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES)
    return [fieldErrors.tooMany(rp, rules.length, MAX_POD_FAILURE_POLICY_RULES)];
  const errs: FieldError[] = [];
  const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
  rules.forEach((rule, i) => {
    const p = rp.index(i);
    if (!actions.includes(rule.action))
      errs.push(fieldErrors.notSupported(p.child('action'), rule.action, actions));
    else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex == null)
      errs.push(
        fieldErrors.invalid(p.child('action'), rule.action, 'requires the backoffLimitPerIndex to be set'),
      );
    if (rule.onExitCodes && rule.onPodConditions?.length)
      errs.push(
        fieldErrors.invalidNoValue(p, 'specifying both OnExitCodes and OnPodConditions is not supported'),
      );
    else if (!rule.onExitCodes && !rule.onPodConditions?.length)
      errs.push(
        fieldErrors.invalidNoValue(p, 'specifying one of OnExitCodes and OnPodConditions is required'),
      );
    if (rule.onExitCodes) {
      const ep = p.child('onExitCodes');
      const op = rule.onExitCodes.operator;
      if (op !== 'In' && op !== 'NotIn')
        errs.push(fieldErrors.notSupported(ep.child('operator'), op, ['In', 'NotIn']));
      const values = rule.onExitCodes.values ?? [];
      if (values.length === 0)
        errs.push(fieldErrors.required(ep.child('values'), 'at least one value is required'));
      values.forEach((v, j) => {
        const vp = ep.child('values').index(j);
        if (op === 'In' && v === 0)
          errs.push(fieldErrors.invalid(vp, v, 'must not be 0 for the In operator'));
        if (j > 0 && values[j - 1] === v) errs.push(fieldErrors.duplicate(vp, v));
        else if (j > 0 && values[j - 1] > v) errs.push(fieldErrors.invalid(vp, v, 'must be ordered'));
      });
    }
    (rule.onPodConditions ?? []).forEach((c, j) => {
      const cp = p.child('onPodConditions').index(j);
      const st = c.status ?? '';
      if (!['False', 'True', 'Unknown'].includes(st))
        errs.push(fieldErrors.notSupported(cp.child('status'), st, ['False', 'True', 'Unknown']));
      errs.push(...invalidEach(cp.child('type'), c.type ?? '', isQualifiedName(c.type ?? '')));
    });
  });
  return errs;
}

function validatePodReplacementPolicy(spec: JobSpec, f: FieldPath): FieldError[] {
  const v = spec.podReplacementPolicy;
  if (v == null) return [];
  if (spec.podFailurePolicy) return v === 'Failed' ? [] : [fieldErrors.notSupported(f, v, ['Failed'])];
  return ['Failed', 'TerminatingOrFailed'].includes(v)
    ? []
    : [fieldErrors.notSupported(f, v, ['Failed', 'TerminatingOrFailed'])];
}

export function validateJobSpecCommon(spec: JobSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const nonNeg = [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
  ] as const;
  for (const k of nonNeg) if (spec[k] != null) errs.push(...validateNonnegativeField(spec[k]!, f.child(k)));
  if (spec.maxFailedIndexes != null) {
    errs.push(...validateNonnegativeField(spec.maxFailedIndexes, f.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex == null)
      errs.push(fieldErrors.required(f.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy != null && spec.managedBy.length > 63)
    errs.push(fieldErrors.tooLong(f.child('managedBy'), spec.managedBy, 63));
  errs.push(...validateIndexed(spec, f));
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, f.child('podFailurePolicy')));
  errs.push(...validatePodReplacementPolicy(spec, f.child('podReplacementPolicy')));
  errs.push(...validateTemplate(spec.template, f.child('template')));
  const rp = spec.template?.spec?.restartPolicy ?? '';
  const rpPath = f.child('template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '')
    errs.push(fieldErrors.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never')
    errs.push(fieldErrors.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && rp !== 'Never')
    errs.push(
      fieldErrors.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'),
    );
  return errs;
}
