/**
 * @module apiserver/codec
 * Builds the ObjectCodec the handlers use from the schema registry and the patch machinery.
 */
import { applyJsonPatch } from '../machinery/patch/json-patch.js';
import { applyMergePatch } from '../machinery/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../machinery/patch/strategic-merge.js';
import { PatchError, toStatusError } from '../machinery/patch/errors.js';
import type { KubeObject } from '../machinery/meta.js';
import type { ObjectCodec } from './handlers/codec.js';

export function rethrowPatch<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PatchError || (e as any)?.name === 'PatchError') throw toStatusError(e as PatchError);
    throw e;
  }
}

export function basicCodec(): ObjectCodec {
  return {
    mergePatch: (cur, p) => rethrowPatch(() => applyMergePatch(cur, p) as KubeObject),
    jsonPatch: (cur, ops) => rethrowPatch(() => applyJsonPatch(cur, ops) as KubeObject),
    strategicMerge: (cur, p) => rethrowPatch(() => applyStrategicMergePatch(cur, p, undefined) as KubeObject),
  };
}
