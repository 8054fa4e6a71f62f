/**
 * @module api/batch/cronjobs/types
 * batch/v1 CronJob.
 */
import type { KubeObject, ObjectMeta } from '../../../machinery/meta.js';
import type { ObjectReference } from '../../core/serviceaccounts/types.js';
import type { JobSpec } from '../jobs/types.js';

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace' | string;
  suspend?: boolean;
  jobTemplate?: { metadata?: ObjectMeta; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJob extends KubeObject {
  spec?: CronJobSpec;
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}
