/**
 * @module api/core/namespaces/printer
 * The namespace table: NAME STATUS AGE.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a Namespace this printer reads. */
export interface NamespaceView extends KubeObject {
  status?: { phase?: string };
}

export const printer: TablePrinter<NamespaceView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the namespace.', priority: 0 },
    { name: 'Status', type: 'string', description: 'Lifecycle phase: Active or Terminating.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the namespace was created.', priority: 0 },
  ],
  row(ns, now) {
    return {
      cells: [
        ns.metadata.name ?? '',
        ns.status?.phase ?? '',
        translateTimestampSince(ns.metadata.creationTimestamp, now),
      ],
    };
  },
};
