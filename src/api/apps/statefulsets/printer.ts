/**
 * @module api/apps/statefulsets/printer
 * The stateful set table: NAME READY AGE (+ CONTAINERS IMAGES wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, containerImageColumns } from '../common/workload-columns.js';

/** The fields of a StatefulSet this printer reads. */
export interface StatefulSetView extends KubeObject {
  spec?: { replicas?: number; template?: { spec?: { containers?: { name: string; image?: string }[] } } };
  status?: { readyReplicas?: number };
}

export const printer: TablePrinter<StatefulSetView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the stateful set.', priority: 0 },
    { name: 'Ready', type: 'string', description: 'Ready pods out of the desired replicas.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the stateful set was created.', priority: 0 },
    ...containerImageColumns,
  ],
  row(ss, now) {
    return {
      cells: [
        ss.metadata.name ?? '',
        `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`,
        translateTimestampSince(ss.metadata.creationTimestamp, now),
        ...containerImageCells(ss.spec?.template),
      ],
    };
  },
};
