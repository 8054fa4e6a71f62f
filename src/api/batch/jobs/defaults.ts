/**
 * @module api/batch/jobs/defaults
 * batch/v1 Job defaults (upstream SetDefaults_Job): completions and parallelism 1 when both are
 * unset (else parallelism 1), backoffLimit 6 (MaxInt32 with a per-index limit), NonIndexed
 * completion, not suspended, no manual selector, a pod replacement policy matching the failure
 * policy, the Job's labels from its template when it has none, and the PodSpec defaults.
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { Job, JobSpec } from './types.js';

const MAX_INT32 = 2147483647;

/** Defaults of the JobSpec proper (upstream applies them to Jobs only, not to CronJob templates). */
export function setJobSpecDefaults(spec: JobSpec): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? MAX_INT32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? [])
    for (const cond of rule.onPodConditions ?? []) if (!cond.status) cond.status = 'True';
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
}

export function setDefaults(job: Job): void {
  job.spec ??= {};
  setJobSpecDefaults(job.spec);
  const labels = job.spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...labels };
  setTemplateDefaults(job.spec.template);
}
