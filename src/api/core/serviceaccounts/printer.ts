/**
 * @module api/core/serviceaccounts/printer
 * The service account table: NAME SECRETS AGE.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a ServiceAccount this printer reads. */
export interface ServiceAccountView extends KubeObject {
  secrets?: unknown[];
}

export const printer: TablePrinter<ServiceAccountView> = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the service account.',
      priority: 0,
    },
    {
      name: 'Secrets',
      type: 'string',
      description: 'Number of secrets listed on the service account.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the service account was created.', priority: 0 },
  ],
  row(sa, now) {
    return {
      cells: [
        sa.metadata.name ?? '',
        sa.secrets?.length ?? 0,
        translateTimestampSince(sa.metadata.creationTimestamp, now),
      ],
    };
  },
};
