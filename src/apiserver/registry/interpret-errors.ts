/**
 * @module apiserver/registry/interpret-errors
 * The only place storage errors become API Status errors.
 */
import { StorageError } from '../../storage/errors.js';
import {
  GroupResource,
  OPTIMISTIC_LOCK_MESSAGE,
  StatusError,
  newAlreadyExists,
  newConflict,
  newInternalError,
  newNotFound,
  newResourceExpired,
  newServiceUnavailable,
} from '../../machinery/errors.js';

export function interpretStorageError(err: unknown, gr: GroupResource, name: string): Error {
  if (StatusError.is(err)) return err;
  if (!StorageError.is(err)) return err instanceof Error ? err : new Error(String(err));
  switch (err.code) {
    case 'KeyNotFound':
      return newNotFound(gr, name);
    case 'KeyExists':
      return newAlreadyExists(gr, name);
    case 'Conflict':
      return newConflict(gr, name, OPTIMISTIC_LOCK_MESSAGE);
    case 'Compacted':
      return newResourceExpired(
        `too old resource version: ${err.compactedRevision ?? 0} (${err.currentRevision ?? err.compactedRevision ?? 0})`,
      );
    case 'Unavailable':
      return newServiceUnavailable(err.message);
    default:
      return newInternalError(err);
  }
}
