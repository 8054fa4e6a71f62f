/**
 * @module api/rbac/roles/printer
 * The role table: NAME CREATED AT. printers.go has no handler for this kind, so upstream
 * serves the apiserver's default table; this printer reproduces it exactly (a `date` column
 * holding the creation time as RFC 3339 UTC).
 */
import { formatTime, type KubeObject } from '../../../machinery/meta.js';
import { parseTimestamp } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** Go's zero time, which the default table prints for an object without a creation time. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * The apiserver's default two-column table, for kinds printers.go has no handler for
 * (`what` only fills the column descriptions).
 */
export function createdAtPrinter(what: string): TablePrinter<KubeObject> {
  return {
    columns: [
      { name: 'Name', type: 'string', format: 'name', description: `Name of the ${what}.`, priority: 0 },
      { name: 'Created At', type: 'date', description: `When the ${what} was created.`, priority: 0 },
    ],
    row(obj) {
      const created = parseTimestamp(obj.metadata.creationTimestamp);
      return { cells: [obj.metadata.name ?? '', created ? formatTime(created) : ZERO_TIME] };
    },
  };
}

export const printer = createdAtPrinter('role');
