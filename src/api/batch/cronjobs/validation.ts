/**
 * @module api/batch/cronjobs/validation
 * batch/v1 CronJob validation (upstream ValidateCronJobCreate / ValidateCronJobUpdate): a
 * parsable schedule without TZ (use `timeZone`), a known time zone, a valid job template whose
 * selector is left to be generated, and a name short enough for the Jobs it will create.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import { validateLabels, validateAnnotations } from '../../../machinery/validation/object-meta.js';
import { goErrors, goLabelSelector } from '../../core/common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import { validateJobSpecCommon } from '../jobs/job-spec-validation.js';
import { cronScheduleError, isKnownTimeZone } from './cron-schedule.js';
import type { CronJob, CronJobSpec } from './types.js';

const spec = FieldPath.root('spec');
const VALID_TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(
  schedule: string,
  allowTZ: boolean,
  timeZone: string | undefined,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const err = cronScheduleError(schedule);
  if (err) errs.push(fieldErrors.invalid(f, schedule, err));
  if (allowTZ && schedule.includes('TZ') && timeZone != null)
    errs.push(
      fieldErrors.invalid(f, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'),
    );
  else if (!allowTZ && schedule.includes('TZ'))
    errs.push(
      fieldErrors.invalid(f, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'),
    );
  return errs;
}

function validateTimeZone(tz: string | undefined, f: FieldPath): FieldError[] {
  if (tz == null) return [];
  if (tz === '') return [fieldErrors.invalid(f, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/'))
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TZ_PART.test(part))
      return [fieldErrors.invalid(f, tz, `unknown time zone ${tz}`)];
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local')
    errs.push(
      fieldErrors.invalid(
        f,
        tz,
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ),
    );
  else if (!isKnownTimeZone(tz)) errs.push(fieldErrors.invalid(f, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateSpec(s: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(fieldErrors.required(spec.child('schedule'), ''));
  else
    errs.push(
      ...validateSchedule(
        s.schedule,
        old?.schedule?.includes('TZ') ?? false,
        s.timeZone,
        spec.child('schedule'),
      ),
    );
  if (s.startingDeadlineSeconds != null)
    errs.push(...validateNonnegativeField(s.startingDeadlineSeconds, spec.child('startingDeadlineSeconds')));
  if (!old || (old.timeZone ?? null) !== (s.timeZone ?? null))
    errs.push(...validateTimeZone(s.timeZone, spec.child('timeZone')));
  const cp = s.concurrencyPolicy ?? '';
  if (!cp) errs.push(fieldErrors.required(spec.child('concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp))
    errs.push(fieldErrors.notSupported(spec.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jt = spec.child('jobTemplate');
  const jobSpec = s.jobTemplate?.spec ?? {};
  errs.push(...validateLabels(s.jobTemplate?.metadata?.labels, jt.child('metadata', 'labels')));
  errs.push(
    ...validateAnnotations(s.jobTemplate?.metadata?.annotations, jt.child('metadata', 'annotations')),
  );
  errs.push(...validateJobSpecCommon(jobSpec, jt.child('spec')));
  if (jobSpec.selector)
    errs.push(
      goErrors.invalid(
        jt.child('spec', 'selector'),
        goLabelSelector(jobSpec.selector),
        '`selector` will be auto-generated',
      ),
    );
  if (jobSpec.manualSelector === true)
    errs.push(fieldErrors.notSupported(jt.child('spec', 'manualSelector'), true, ['nil', 'false']));
  for (const k of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const)
    if (s[k] != null) errs.push(...validateNonnegativeField(s[k]!, spec.child(k)));
  return errs;
}

/** Jobs are named `<cronjob>-<11 chars>` and must stay within 63 characters. */
const MAX_NAME = 52;

export function validateCreate(cj: CronJob): FieldError[] {
  const errs = [
    ...validateMeta(cj.metadata, true, nameIsDNSSubdomain),
    ...validateSpec(cj.spec ?? {}, undefined),
  ];
  const name = cj.metadata.name ?? '';
  if (name.length > MAX_NAME)
    errs.push(
      fieldErrors.invalid(
        FieldPath.root('metadata').child('name'),
        name,
        `must be no more than ${MAX_NAME} characters`,
      ),
    );
  return errs;
}

export function validateUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return [...validateMetaUpdate(cj.metadata, old.metadata), ...validateSpec(cj.spec ?? {}, old.spec ?? {})];
}

export function validateStatusUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return validateMetaUpdate(cj.metadata, old.metadata);
}
