/**
 * @module api/apps/controllerrevisions/printer
 * The controller revision table: NAME CONTROLLER REVISION AGE, CONTROLLER as
 * `<kind>.<group>/<name>` in lower case (`statefulset.apps/web`) or `<none>`.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a ControllerRevision this printer reads. */
export interface ControllerRevisionView extends KubeObject {
  revision?: number;
}

export function controllerName(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = (ref.apiVersion ?? '').indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const kind = ref.kind ?? '';
  if (!group && !kind) return ref.name;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${ref.name}`;
}

export const printer: TablePrinter<ControllerRevisionView> = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the controller revision.',
      priority: 0,
    },
    { name: 'Controller', type: 'string', description: 'The object that owns this revision.', priority: 0 },
    { name: 'Revision', type: 'string', description: 'Revision number of the recorded state.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the revision was created.', priority: 0 },
  ],
  row(cr, now) {
    return {
      cells: [
        cr.metadata.name ?? '',
        controllerName(cr),
        cr.revision ?? 0,
        translateTimestampSince(cr.metadata.creationTimestamp, now),
      ],
    };
  },
};
