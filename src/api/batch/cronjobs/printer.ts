/**
 * @module api/batch/cronjobs/printer
 * The cron job table: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE
 * (+ CONTAINERS IMAGES SELECTOR wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import { formatLabelSelector, type LabelSelector } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, workloadWideColumns } from '../../apps/common/workload-columns.js';

/** The fields of a CronJob this printer reads. */
export interface CronJobView extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate?: {
      spec?: {
        selector?: LabelSelector;
        template?: { spec?: { containers?: { name: string; image?: string }[] } };
      };
    };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

/** Upstream prints the optional bool as text even though the column says boolean. */
function boolText(v: boolean | undefined): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

export const printer: TablePrinter<CronJobView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the cron job.', priority: 0 },
    { name: 'Schedule', type: 'string', description: 'Cron expression for when jobs start.', priority: 0 },
    { name: 'Timezone', type: 'string', description: 'Time zone the schedule is read in.', priority: 0 },
    { name: 'Suspend', type: 'boolean', description: 'Whether new runs are held back.', priority: 0 },
    { name: 'Active', type: 'integer', description: 'Jobs of this cron job running now.', priority: 0 },
    {
      name: 'Last Schedule',
      type: 'string',
      description: 'Time since a job was last scheduled.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the cron job was created.', priority: 0 },
    ...workloadWideColumns('Label selector of the job template.'),
  ],
  row(cj, now) {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const last = cj.status?.lastScheduleTime;
    return {
      cells: [
        cj.metadata.name ?? '',
        cj.spec?.schedule ?? '',
        cj.spec?.timeZone ?? '<none>',
        boolText(cj.spec?.suspend),
        cj.status?.active?.length ?? 0,
        last ? translateTimestampSince(last, now) : '<none>',
        translateTimestampSince(cj.metadata.creationTimestamp, now),
        ...containerImageCells(jobSpec?.template),
        formatLabelSelector(jobSpec?.selector),
      ],
    };
  },
};
