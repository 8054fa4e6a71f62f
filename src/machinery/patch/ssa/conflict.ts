/**
 * @module machinery/patch/ssa/conflict
 * The server-side apply conflict error, worded as upstream's field manager words it:
 * `Apply failed with 1 conflict: conflict with "mgr" using apps/v1: .spec.replicas`, with one
 * `FieldManagerConflict` cause per field. Managers are named by their identity: `"name"` for appliers,
 * `"name" using v1` for updaters (plus `with subresource "status"` when set).
 */
import { PatchError } from '../errors.js';
import type { StatusCause } from '../../errors.js';
import type { ManagerEntry } from './managed-fields.js';
import { compareStrings, pathString, type Path } from './path.js';

export interface ManagerConflict {
  /** Identity string of the manager (sort key). */
  id: string;
  entry: ManagerEntry;
  paths: Path[];
}

export function printManager(e: ManagerEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** A PatchError of kind 'conflict' (409) listing every conflicting field, managers sorted. */
export function conflictError(conflicts: ManagerConflict[]): PatchError {
  const sorted = [...conflicts].filter((c) => c.paths.length).sort((a, b) => compareStrings(a.id, b.id));
  const causes: StatusCause[] = [];
  for (const c of sorted) {
    for (const p of c.paths) {
      causes.push({
        reason: 'FieldManagerConflict',
        message: `conflict with ${printManager(c.entry)}`,
        field: pathString(p),
      });
    }
  }
  let message: string;
  if (causes.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(sorted[0].entry)}: ${causes[0].field}`;
  } else {
    const lines: string[] = [];
    for (const c of sorted) {
      lines.push(`conflicts with ${printManager(c.entry)}:`);
      for (const p of c.paths) lines.push(`- ${pathString(p)}`);
    }
    message = `Apply failed with ${causes.length} conflicts: ${lines.join('\n')}`;
  }
  return new PatchError('conflict', message, causes);
}
