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
 * Applies `patch` to `original` and returns the result; the inputs are not modified, and the
 * result shares the subtrees the patch does not touch with `original` (copy-on-write).
 * Keys keep their place; added keys come after the existing ones, as upstream's merge gives.
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
  return merged(original as JsonObject, patch);
}

function merged(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(base)) {
    if (!Object.prototype.hasOwnProperty.call(patch, k)) out[k] = base[k];
    else mergeKey(out, k, base[k], patch[k]);
  }
  for (const k of Object.keys(patch)) {
    if (!Object.prototype.hasOwnProperty.call(base, k)) mergeKey(out, k, undefined, patch[k]);
  }
  return out;
}

function mergeKey(out: JsonObject, k: string, cur: unknown, v: unknown): void {
  if (v === null) return;
  out[k] = isObject(v) ? merged(isObject(cur) ? cur : {}, v) : cloneJson(v);
}
