/**
 * @module machinery/patch/merge-patch
 * JSON merge patch (RFC 7386, `application/merge-patch+json`), as upstream's API server applies it:
 * objects merge recursively, `null` removes a key, anything else (arrays included) replaces the
 * target. Our own small implementation (no dependency): the algorithm is a dozen lines and we need
 * upstream's error classification, which no library gives.
 */
import { cloneJson } from '../../util/json-clone.js';
import { PatchError } from './errors.js';
import { isObject, type JsonObject } from './json-value.js';

/**
 * Applies `patch` to `original` and returns the result; the inputs are not modified.
 * Throws PatchError 'badRequest' for a `null` patch (upstream: "Invalid JSON Patch") and 'invalid'
 * when the patch is not an object (the result would not be an object any more).
 */
export function applyMergePatch(original: object, patch: unknown): JsonObject {
  if (patch === null || patch === undefined) throw new PatchError('badRequest', 'Invalid JSON Patch');
  if (!isObject(patch)) {
    const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw new PatchError(
      'invalid',
      `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
    );
  }
  return mergeInto(cloneJson(original) as JsonObject, patch);
}

function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (isObject(v)) target[k] = mergeInto(isObject(target[k]) ? target[k] : {}, v);
    else target[k] = cloneJson(v);
  }
  return target;
}
