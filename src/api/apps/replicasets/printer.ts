/**
 * @module api/apps/replicasets/printer
 * The replica set table: NAME DESIRED CURRENT READY AGE (+ CONTAINERS IMAGES SELECTOR wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import { formatLabelSelector, type LabelSelector } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, workloadWideColumns } from '../common/workload-columns.js';

/** The fields of a ReplicaSet this printer reads. */
export interface ReplicaSetView extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
  status?: { replicas?: number; readyReplicas?: number };
}

export const printer: TablePrinter<ReplicaSetView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the replica set.', priority: 0 },
    { name: 'Desired', type: 'integer', description: 'Replicas asked for.', priority: 0 },
    { name: 'Current', type: 'integer', description: 'Replicas that exist now.', priority: 0 },
    { name: 'Ready', type: 'integer', description: 'Replicas that are ready.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the replica set was created.', priority: 0 },
    ...workloadWideColumns(),
  ],
  row(rs, now) {
    return {
      cells: [
        rs.metadata.name ?? '',
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        translateTimestampSince(rs.metadata.creationTimestamp, now),
        ...containerImageCells(rs.spec?.template),
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};
