/**
 * @module api/batch/jobs/fields
 * Field selectors for jobs (upstream supports status.successful).
 */
import type { FieldGetter } from '../../types.js';

export const fieldSelectors: Record<string, FieldGetter> = {
  'status.successful': (j: any) => String(j.status?.succeeded ?? 0),
};
