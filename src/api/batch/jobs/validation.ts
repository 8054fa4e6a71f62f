/**
 * @module api/batch/jobs/validation
 * batch/v1 Job validation (upstream ValidateJob, ValidateJobUpdate, ValidateJobUpdateStatus).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  isDNS1123Label,
  nameIsDNSSubdomain,
  validateNonnegativeField,
} from '../../../machinery/validation/names.js';
import {
  deepEqual,
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
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import type { PodTemplateSpec } from '../../core/pods/types.js';
import { validateJobSpecCommon } from './job-spec-validation.js';
import { allowMutableSchedulingDirectives } from './strategy-helpers.js';
import {
  LABEL_CONTROLLER_UID,
  LABEL_JOB_NAME,
  LEGACY_LABEL_CONTROLLER_UID,
  LEGACY_LABEL_JOB_NAME,
  type Job,
  type JobSpec,
} from './types.js';

const spec = FieldPath.root('spec');
const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

function hasLabel(template: PodTemplateSpec | undefined, key: string, expected: string): FieldError[] {
  const f = spec.child('template', 'metadata', 'labels').key(key);
  const labels = template?.metadata?.labels;
  if (!labels || !(key in labels)) return [fieldErrors.required(f, `must be '${expected}'`)];
  return labels[key] === expected ? [] : [goErrors.invalid(f, goStringMap(labels), `must be '${expected}'`)];
}

/** When the selector was generated, the template must carry the generated labels. */
function validateGeneratedSelector(job: Job): FieldError[] {
  const s = job.spec ?? {};
  if (s.manualSelector === true || !s.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const errs: FieldError[] = [];
  if (!uid) errs.push(fieldErrors.required(FieldPath.root('metadata').child('uid'), ''));
  errs.push(...hasLabel(s.template, LEGACY_LABEL_CONTROLLER_UID, uid));
  errs.push(...hasLabel(s.template, LEGACY_LABEL_JOB_NAME, name));
  errs.push(...hasLabel(s.template, LABEL_CONTROLLER_UID, uid));
  errs.push(...hasLabel(s.template, LABEL_JOB_NAME, name));
  const expected = {
    [LABEL_CONTROLLER_UID]: uid,
    [LABEL_JOB_NAME]: name,
    [LEGACY_LABEL_CONTROLLER_UID]: uid,
    [LEGACY_LABEL_JOB_NAME]: name,
  };
  if (selectorMatches(s.selector, expected) === false)
    errs.push(
      goErrors.invalid(spec.child('selector'), goLabelSelector(s.selector), '`selector` not auto-generated'),
    );
  return errs;
}

function validateSpec(s: JobSpec): FieldError[] {
  const errs = validateJobSpecCommon(s, spec);
  if (!s.selector) errs.push(fieldErrors.required(spec.child('selector'), ''));
  else errs.push(...validateLabelSelector(s.selector, spec.child('selector')));
  const matches = selectorMatches(s.selector, s.template?.metadata?.labels);
  if (matches !== undefined) {
    if (s.selector && selectorIsEmpty(s.selector))
      errs.push(fieldErrors.required(spec.child('selector'), ''));
    if (!matches)
      errs.push(
        goErrors.invalid(
          spec.child('template', 'metadata', 'labels'),
          goStringMap(s.template?.metadata?.labels),
          SELECTOR_MISMATCH,
        ),
      );
  }
  return errs;
}

export function validateCreate(job: Job): FieldError[] {
  const s = job.spec ?? {};
  const errs = [
    ...validateMeta(job.metadata, true, nameIsDNSSubdomain),
    ...validateGeneratedSelector(job),
    ...validateSpec(s),
  ];
  if (s.completionMode === 'Indexed' && (s.completions ?? 0) > 0) {
    const host = `${job.metadata.name ?? ''}-${(s.completions ?? 0) - 1}`;
    if (isDNS1123Label(host).length)
      errs.push(
        fieldErrors.invalid(
          FieldPath.root('metadata').child('name'),
          job.metadata.name ?? '',
          `will not able to create pod with invalid DNS label: ${host}`,
        ),
      );
  }
  return errs;
}

/** A short Go-style rendering of a pod template (upstream prints the whole struct). */
function goTemplate(t: unknown): string {
  return `core.PodTemplateSpec{${JSON.stringify(t ?? {})}}`;
}

function templateForComparison(
  job: Job,
  old: Job,
): { next: PodTemplateSpec | undefined; prev: PodTemplateSpec | undefined } {
  const next = job.spec?.template;
  const prev = old.spec?.template;
  if (!allowMutableSchedulingDirectives(old) || !prev) return { next, prev };
  // Suspended jobs that never ran may change where their pods go: copy those fields over.
  const copy = structuredClone(prev);
  copy.metadata = {
    ...(copy.metadata ?? {}),
    labels: next?.metadata?.labels,
    annotations: next?.metadata?.annotations,
  };
  if (copy.spec) {
    copy.spec.nodeSelector = next?.spec?.nodeSelector;
    copy.spec.tolerations = next?.spec?.tolerations;
    copy.spec.schedulingGates = next?.spec?.schedulingGates;
    const nodeAffinity = next?.spec?.affinity?.nodeAffinity;
    const rest = { ...(copy.spec.affinity ?? {}) };
    delete rest.nodeAffinity;
    copy.spec.affinity =
      next?.spec?.affinity || Object.keys(rest).length
        ? { ...rest, ...(nodeAffinity ? { nodeAffinity } : {}) }
        : undefined;
  }
  return { next, prev: copy };
}

export function validateUpdate(job: Job, old: Job): FieldError[] {
  const s = job.spec ?? {};
  const o = old.spec ?? {};
  const errs = [...validateMetaUpdate(job.metadata, old.metadata), ...validateSpec(s)];
  if (s.completionMode === 'Indexed') {
    if (!deepEqual(s.completions, o.completions) && s.completions != null && s.completions !== s.parallelism)
      errs.push(
        fieldErrors.invalid(
          spec.child('completions'),
          s.completions,
          'can only be modified in tandem with spec.parallelism',
        ),
      );
  } else {
    errs.push(
      ...validateImmutableField(s.completions ?? null, o.completions ?? null, spec.child('completions')),
    );
  }
  errs.push(
    ...validateImmutableField(s.selector, o.selector, spec.child('selector'), (v) =>
      goLabelSelector(v as GoLabelSelectorLike),
    ),
  );
  const { next, prev } = templateForComparison(job, old);
  errs.push(...validateImmutableField(next, prev, spec.child('template'), goTemplate));
  errs.push(
    ...validateImmutableField(
      s.completionMode ?? null,
      o.completionMode ?? null,
      spec.child('completionMode'),
    ),
  );
  errs.push(
    ...validateImmutableField(s.podFailurePolicy, o.podFailurePolicy, spec.child('podFailurePolicy'), (v) =>
      JSON.stringify(v),
    ),
  );
  errs.push(
    ...validateImmutableField(
      s.backoffLimitPerIndex ?? null,
      o.backoffLimitPerIndex ?? null,
      spec.child('backoffLimitPerIndex'),
    ),
  );
  errs.push(...validateImmutableField(s.managedBy ?? null, o.managedBy ?? null, spec.child('managedBy')));
  errs.push(
    ...validateImmutableField(s.successPolicy, o.successPolicy, spec.child('successPolicy'), (v) =>
      JSON.stringify(v),
    ),
  );
  return errs;
}

export function validateStatusUpdate(job: Job, old: Job): FieldError[] {
  const errs = validateMetaUpdate(job.metadata, old.metadata);
  const st = job.status ?? {};
  const f = FieldPath.root('status');
  for (const k of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const)
    if (st[k] != null) errs.push(...validateNonnegativeField(st[k]!, f.child(k)));
  return errs;
}
