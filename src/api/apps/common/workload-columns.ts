/**
 * @module api/apps/common/workload-columns
 * The wide (-o wide) CONTAINERS / IMAGES / SELECTOR columns that the workload printers
 * (apps/v1 and batch/v1) share, and the cells that fill them from a pod template.
 */
import type { TableColumn } from '../../types.js';

/** The part of a pod template the wide cells read. */
export interface TemplateContainers {
  spec?: { containers?: { name: string; image?: string }[] };
}

/** The CONTAINERS and IMAGES wide columns. */
export const containerImageColumns: readonly TableColumn[] = [
  {
    name: 'Containers',
    type: 'string',
    description: 'Names of the containers in the template.',
    priority: 1,
  },
  { name: 'Images', type: 'string', description: 'Images of the containers in the template.', priority: 1 },
];

/** CONTAINERS, IMAGES and the SELECTOR wide column (its description may be overridden). */
export function workloadWideColumns(selectorDescription = 'Label selector for the pods.'): TableColumn[] {
  return [
    ...containerImageColumns,
    { name: 'Selector', type: 'string', description: selectorDescription, priority: 1 },
  ];
}

/** The CONTAINERS and IMAGES cells: comma-joined names and images (a missing image is empty). */
export function containerImageCells(template: TemplateContainers | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}
