/**
 * @module machinery/patch/json-patch
 * JSON patch (RFC 6902, `application/json-patch+json`) through fast-json-patch, with upstream's
 * error classification: a body that is not a list of operations is 400, too many operations 413,
 * and any operation that cannot be applied (failed `test`, missing path, unknown op) is 422 with
 * upstream's generic message; the precise reason is kept in `PatchError.detail`.
 */
import { cloneJson } from '../../util/json-clone.js';
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { PatchError } from './errors.js';
import { isObject, type JsonObject } from './json-value.js';

/** Upstream's cap on operations in one JSON patch (apiserver maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export const JSON_PATCH_REJECTED = 'the server rejected our request due to an error in our request';

/** Applies the operations to a copy of `original` and returns it. Throws PatchError on failure. */
export function applyJsonPatch(original: object, patch: unknown): JsonObject {
  if (!Array.isArray(patch)) {
    const what = patch === null ? 'null' : isObject(patch) ? 'object' : typeof patch;
    throw new PatchError(
      'badRequest',
      `json: cannot unmarshal ${what} into Go value of type jsonpatch.Patch`,
    );
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      'tooLarge',
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  for (const op of patch) {
    if (!isObject(op)) {
      throw new PatchError(
        'badRequest',
        'json: cannot unmarshal array into Go value of type jsonpatch.Operation',
      );
    }
  }
  let result: unknown;
  try {
    result = jsonpatch.applyPatch(cloneJson(original), patch as Operation[], true, true, true).newDocument;
  } catch (e) {
    const op = (e as { operation?: Operation }).operation;
    const where = op ? ` (op ${JSON.stringify(op.op)} at ${JSON.stringify(op.path)})` : '';
    throw new PatchError('invalid', JSON_PATCH_REJECTED, [], `${(e as Error).message}${where}`);
  }
  if (!isObject(result)) {
    throw new PatchError('invalid', JSON_PATCH_REJECTED, [], 'the patched document is not an object');
  }
  return result;
}
