/**
 * @module api/core/podtemplates/printer
 * The pod template table: NAME CONTAINERS IMAGES POD LABELS (upstream shows no age here).
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { formatSelectorMap } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a PodTemplate this printer reads. */
export interface PodTemplateView extends KubeObject {
  template?: {
    metadata?: { labels?: Record<string, string> };
    spec?: { containers?: { name: string; image?: string }[] };
  };
}

export const printer: TablePrinter<PodTemplateView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the pod template.', priority: 0 },
    {
      name: 'Containers',
      type: 'string',
      description: 'Names of the containers in the template.',
      priority: 0,
    },
    { name: 'Images', type: 'string', description: 'Images of the containers in the template.', priority: 0 },
    { name: 'Pod Labels', type: 'string', description: 'Labels the template gives its pods.', priority: 0 },
  ],
  row(pt) {
    const containers = pt.template?.spec?.containers ?? [];
    return {
      cells: [
        pt.metadata.name ?? '',
        containers.map((c) => c.name).join(','),
        containers.map((c) => c.image ?? '').join(','),
        formatSelectorMap(pt.template?.metadata?.labels),
      ],
    };
  },
};
