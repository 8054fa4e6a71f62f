/**
 * @module api/apps/deployments/printer
 * The deployment table: NAME READY UP-TO-DATE AVAILABLE AGE (+ CONTAINERS IMAGES SELECTOR wide).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import { labelSelectorString, type LabelSelector } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';
import { containerImageCells, workloadWideColumns } from '../common/workload-columns.js';

/** The fields of a Deployment this printer reads. */
export interface DeploymentView extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
  status?: { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

export const printer: TablePrinter<DeploymentView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the deployment.', priority: 0 },
    { name: 'Ready', type: 'string', description: 'Ready pods out of the desired replicas.', priority: 0 },
    { name: 'Up-to-date', type: 'string', description: 'Pods running the latest template.', priority: 0 },
    { name: 'Available', type: 'string', description: 'Pods available to serve.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the deployment was created.', priority: 0 },
    ...workloadWideColumns(),
  ],
  row(d, now) {
    const status = d.status ?? {};
    // Unlike other workloads, an empty selector prints as an empty cell and a bad one as <invalid>.
    const selector = labelSelectorString(d.spec?.selector) ?? '<invalid>';
    return {
      cells: [
        d.metadata.name ?? '',
        `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        translateTimestampSince(d.metadata.creationTimestamp, now),
        ...containerImageCells(d.spec?.template),
        selector,
      ],
    };
  },
};
