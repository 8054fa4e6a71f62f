/**
 * @module api/batch/cronjobs/defaults
 * batch/v1 CronJob defaults (upstream SetDefaults_CronJob): Allow concurrency, not suspended, keep
 * 3 successful and 1 failed Job, and the PodSpec defaults in the job template. The JobSpec
 * defaults are not applied to the template (upstream does not either; Jobs get them on create).
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { CronJob } from './types.js';

export function setDefaults(cj: CronJob): void {
  cj.spec ??= {};
  const spec = cj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  setTemplateDefaults(spec.jobTemplate?.spec?.template);
}
