/**
 * @module api/coordination/leases/printer
 * The lease table: NAME HOLDER AGE.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a Lease this printer reads. */
export interface LeaseView extends KubeObject {
  spec?: { holderIdentity?: string };
}

export const printer: TablePrinter<LeaseView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the lease.', priority: 0 },
    { name: 'Holder', type: 'string', description: 'Identity of the current holder.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the lease was created.', priority: 0 },
  ],
  row(lease, now) {
    return {
      cells: [
        lease.metadata.name ?? '',
        lease.spec?.holderIdentity ?? '',
        translateTimestampSince(lease.metadata.creationTimestamp, now),
      ],
    };
  },
};
