/**
 * @module api/policy/poddisruptionbudgets/printer
 * The pod disruption budget table: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a PodDisruptionBudget this printer reads. */
export interface PodDisruptionBudgetView extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { disruptionsAllowed?: number };
}

/** An int-or-string as text, `N/A` when unset. */
function intOrString(v: number | string | undefined | null): string {
  return v === undefined || v === null ? 'N/A' : String(v);
}

export const printer: TablePrinter<PodDisruptionBudgetView> = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the pod disruption budget.',
      priority: 0,
    },
    { name: 'Min Available', type: 'string', description: 'Pods that must stay available.', priority: 0 },
    {
      name: 'Max Unavailable',
      type: 'string',
      description: 'Pods that may be unavailable at once.',
      priority: 0,
    },
    {
      name: 'Allowed Disruptions',
      type: 'integer',
      description: 'Pods that may be evicted right now.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the budget was created.', priority: 0 },
  ],
  row(pdb, now) {
    return {
      cells: [
        pdb.metadata.name ?? '',
        intOrString(pdb.spec?.minAvailable),
        intOrString(pdb.spec?.maxUnavailable),
        pdb.status?.disruptionsAllowed ?? 0,
        translateTimestampSince(pdb.metadata.creationTimestamp, now),
      ],
    };
  },
};
