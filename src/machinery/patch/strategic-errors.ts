/**
 * @module machinery/patch/strategic-errors
 * The strategic-merge-patch failures, worded as upstream's `mergepatch` errors and classified the
 * way upstream's API server classifies them (400, 422, or an unclassified 500).
 */
import { PatchError } from './errors.js';
import { goFormat, isObject } from './json-value.js';

/** Go's name for the dynamic type of a decoded JSON value (`reflect.TypeOf(v)`). */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

export const smpErrors = {
  badRequest: (message: string) => new PatchError('badRequest', message),
  badJSONDoc: () => new PatchError('badRequest', 'invalid JSON document'),
  noListOfLists: () => new PatchError('invalid', 'lists of lists are not supported'),
  badPrimitiveList: () => new PatchError('badRequest', 'invalid patch format of primitive list'),
  badRetainKeys: () => new PatchError('badRequest', 'invalid patch format of retainKeys'),
  badSetElementOrder: () => new PatchError('badRequest', 'invalid patch format of setElementOrder list'),
  noMergeKey: (m: unknown, key: string) =>
    new PatchError('internal', `map: ${goFormat(m)} does not contain declared merge key: ${key}`),
  badArgType: (expected: string, actual: unknown) =>
    new PatchError('internal', `expected a ${expected}, but received a ${goType(actual)}`),
  badPatchType: (t: unknown, m: unknown) =>
    new PatchError('internal', `unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`),
  internal: (message: string) => new PatchError('internal', message),
};

export const MAP_TYPE = 'map[string]interface {}';
export const SLICE_TYPE = '[]interface {}';
