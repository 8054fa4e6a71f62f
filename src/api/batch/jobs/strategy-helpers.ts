/**
 * @module api/batch/jobs/strategy-helpers
 * What the apiserver does to a Job on create before defaults and validation (upstream job
 * strategy PrepareForCreate): status is cleared, generation starts at 1, and unless the user asked
 * for a manual selector, the template gets the job-name and controller-uid labels (new and legacy
 * spellings) and the selector picks `batch.kubernetes.io/controller-uid`.
 */
import {
  LABEL_CONTROLLER_UID,
  LABEL_JOB_NAME,
  LEGACY_LABEL_CONTROLLER_UID,
  LEGACY_LABEL_JOB_NAME,
  type Job,
} from './types.js';

/** Fills in the generated selector and labels. `uid` is the Job's new metadata.uid. */
export function prepareJobForCreate(job: Job, uid: string): void {
  job.metadata.uid ??= uid;
  job.status = {};
  job.metadata.generation = 1;
  job.spec ??= {};
  if (job.spec.manualSelector === true) return;
  const spec = job.spec;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  const name = job.metadata.name ?? '';
  const id = job.metadata.uid;
  // Labels the user already set are kept; validation rejects them if they conflict.
  for (const k of [LEGACY_LABEL_JOB_NAME, LABEL_JOB_NAME]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_LABEL_CONTROLLER_UID, LABEL_CONTROLLER_UID]) if (!(k in labels)) labels[k] = id;
  spec.selector ??= {};
  spec.selector.matchLabels ??= {};
  if (!(LABEL_CONTROLLER_UID in spec.selector.matchLabels))
    spec.selector.matchLabels[LABEL_CONTROLLER_UID] = id;
}

/** Whether the template's scheduling directives may still change (suspended and never started). */
export function allowMutableSchedulingDirectives(old: Job): boolean {
  return old.spec?.suspend === true && !old.status?.startTime;
}
