/**
 * @module api/batch/jobs/printer
 * The job table: NAME STATUS COMPLETIONS DURATION AGE (+ CONTAINERS IMAGES SELECTOR wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../../../machinery/duration.js';
import { formatLabelSelector, type LabelSelector } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, workloadWideColumns } from '../../apps/common/workload-columns.js';

/** The fields of a Job this printer reads. */
export interface JobView extends KubeObject {
  spec?: {
    completions?: number;
    parallelism?: number;
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
  status?: {
    succeeded?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status?: string }[];
  };
}

/** True when the first condition of `type` has status True (upstream looks no further). */
function hasCondition(job: JobView, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that precedence. */
export function jobStatus(job: JobView): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** `succeeded/completions`; without completions `succeeded/1`, or `succeeded/1 of parallelism`. */
export function jobCompletions(job: JobView): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null)
    return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Empty before the job starts; time so far while it runs; start-to-completion once done. */
export function jobDuration(job: JobView, now: Date): string {
  const start = parseTimestamp(job.status?.startTime);
  if (!start) return '';
  const end = parseTimestamp(job.status?.completionTime) ?? now;
  return humanDuration(end.getTime() - start.getTime());
}

export const printer: TablePrinter<JobView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the job.', priority: 0 },
    { name: 'Status', type: 'string', description: 'Overall state of the job.', priority: 0 },
    {
      name: 'Completions',
      type: 'string',
      description: 'Succeeded pods out of the completions wanted.',
      priority: 0,
    },
    {
      name: 'Duration',
      type: 'string',
      description: 'How long the job ran, or has been running.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the job was created.', priority: 0 },
    ...workloadWideColumns(),
  ],
  row(job, now) {
    return {
      cells: [
        job.metadata.name ?? '',
        jobStatus(job),
        jobCompletions(job),
        jobDuration(job, now),
        translateTimestampSince(job.metadata.creationTimestamp, now),
        ...containerImageCells(job.spec?.template),
        formatLabelSelector(job.spec?.selector),
      ],
    };
  },
};
