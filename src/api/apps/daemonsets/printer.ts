/**
 * @module api/apps/daemonsets/printer
 * The daemon set table: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE
 * (+ CONTAINERS IMAGES SELECTOR wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import {
  formatLabelSelector,
  formatSelectorMap,
  type LabelSelector,
} from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, workloadWideColumns } from '../common/workload-columns.js';

/** The fields of a DaemonSet this printer reads. */
export interface DaemonSetView extends KubeObject {
  spec?: {
    selector?: LabelSelector;
    template?: {
      spec?: { nodeSelector?: Record<string, string>; containers?: { name: string; image?: string }[] };
    };
  };
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

export const printer: TablePrinter<DaemonSetView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the daemon set.', priority: 0 },
    { name: 'Desired', type: 'integer', description: 'Nodes that should run the daemon pod.', priority: 0 },
    { name: 'Current', type: 'integer', description: 'Nodes running at least one daemon pod.', priority: 0 },
    { name: 'Ready', type: 'integer', description: 'Nodes whose daemon pod is ready.', priority: 0 },
    { name: 'Up-to-date', type: 'integer', description: 'Nodes running the latest template.', priority: 0 },
    { name: 'Available', type: 'integer', description: 'Nodes whose daemon pod is available.', priority: 0 },
    {
      name: 'Node Selector',
      type: 'string',
      description: 'Node labels the pods are restricted to.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the daemon set was created.', priority: 0 },
    ...workloadWideColumns(),
  ],
  row(ds, now) {
    const podSpec = ds.spec?.template?.spec;
    const s = ds.status ?? {};
    return {
      cells: [
        ds.metadata.name ?? '',
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        formatSelectorMap(podSpec?.nodeSelector),
        translateTimestampSince(ds.metadata.creationTimestamp, now),
        ...containerImageCells(ds.spec?.template),
        formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};
