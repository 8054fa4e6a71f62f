/**
 * @module machinery/patch/errors
 * The one error type the patch machinery throws. `kind` says how the API server answers it;
 * `toStatusError` is the single conversion, with upstream's codes and messages:
 *  - `badRequest`: 400 BadRequest (undecodable patch, malformed directive list);
 *  - `invalid`: 422 Invalid (a JSON patch that cannot be applied, lists of lists, ...);
 *  - `tooLarge`: 413 RequestEntityTooLarge (a JSON patch with more than 10000 operations);
 *  - `conflict`: 409 Conflict (server-side apply field-manager conflicts, with causes);
 *  - `internal`: 500 with no reason, which is what upstream answers for the strategic-merge errors it
 *    does not classify (e.g. a list element without its merge key): kubectl prints the bare message.
 */
import { StatusError, type StatusCause } from '../errors.js';

const BRAND = Symbol.for('kubeling.PatchError');

export type PatchErrorKind = 'invalid' | 'conflict' | 'badRequest' | 'tooLarge' | 'internal';

export class PatchError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly kind: PatchErrorKind,
    message: string,
    readonly causes: StatusCause[] = [],
    /** What went wrong in detail, for logs, when the client-facing message hides it (as upstream's does). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }

  static is(e: unknown): e is PatchError {
    return typeof e === 'object' && e !== null && (e as any)[BRAND] === true;
  }
}

/** Converts a PatchError into the Status upstream's API server returns for it. */
export function toStatusError(e: PatchError): StatusError {
  switch (e.kind) {
    case 'badRequest':
      return new StatusError(400, 'BadRequest', e.message);
    case 'invalid':
      return new StatusError(422, 'Invalid', e.message, e.causes.length ? { causes: e.causes } : {});
    case 'conflict':
      return new StatusError(409, 'Conflict', e.message, { causes: e.causes });
    case 'tooLarge':
      return new StatusError(413, 'RequestEntityTooLarge', e.message);
    case 'internal':
      return new StatusError(500, '', e.message);
  }
}
