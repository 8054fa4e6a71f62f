/**
 * @module machinery/patch/strategic-merge
 * Server-side application of a strategic merge patch (`application/strategic-merge-patch+json`), with
 * the semantics of upstream apimachinery's strategicpatch package:
 *  - maps merge recursively and `null` deletes a key;
 *  - lists whose strategy is `merge` merge element by element on their merge key (lists of primitives
 *    take the union); every other list is replaced;
 *  - directives: `$patch: replace|delete` on maps, `$patch: replace|delete` as list elements,
 *    `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`;
 *  - a missing schema (unknown field or kind) gives JSON-merge semantics: maps merge, lists replace.
 * Every `$`-prefixed key is removed from the result.
 */
import { cloneJson } from '../../util/json-clone.js';
import { goFormat, isObject, stripDirectiveKeys, type JsonObject } from './json-value.js';
import {
  childSchema,
  elementSchema,
  patchStrategies,
  type PatchField,
  type PatchSchema,
} from './schema-walker.js';
import { MAP_TYPE, SLICE_TYPE, smpErrors } from './strategic-errors.js';
import { normalizeElementOrder, partitionByPresence, sliceElementKind } from './strategic-order.js';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/**
 * Applies `patch` to `original` and returns the new object. Neither input is modified.
 * Throws a PatchError (see errors.ts) for a malformed patch or a list element without its merge key.
 */
export function applyStrategicMergePatch(
  original: object,
  patch: unknown,
  schema: PatchSchema | undefined,
): JsonObject {
  if (patch === null) return cloneJson(original) as JsonObject;
  if (!isObject(patch)) {
    const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw smpErrors.badRequest(
      `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
    );
  }
  if (!isObject(original)) throw smpErrors.badJSONDoc();
  const result = mergeMap(cloneJson(original), cloneJson(patch), schema);
  stripDirectiveKeys(result);
  return result;
}

function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  schema: PatchSchema | undefined,
): JsonObject {
  if (DIRECTIVE in patch) return mapDirective(patch[DIRECTIVE], patch);
  const out = original ?? {};
  applyRetainKeys(out, patch);
  mergeOrderedLists(out, patch, schema);

  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let key = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE)) {
      key = directiveTarget(rawKey, DELETE_FROM_PRIMITIVE);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[key];
      continue;
    }
    if (!(key in out) || jsonType(out[key]) !== jsonType(patchV)) {
      if (!isDeleteList) takeFromPatch(out, key, patchV);
      continue;
    }
    const field = schema?.field(key);
    const strategy = nonRetainStrategy(field);
    if (isObject(patchV)) {
      out[key] =
        strategy === 'replace' ? patchV : mergeMap(out[key] as JsonObject, patchV, childSchema(field));
    } else if (Array.isArray(patchV)) {
      out[key] = mergeListField(out[key] as unknown[], patchV, field, strategy, isDeleteList, key);
    } else {
      takeFromPatch(out, key, patchV);
    }
  }
  return out;
}

/** `$patch` on a map: `replace` keeps the patch alone, `delete` empties the map. */
function mapDirective(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw smpErrors.badPatchType(directive, patch);
}

/** Sets out[key] to a patch value that has nothing to merge with, minus nulls and directives. */
function takeFromPatch(out: JsonObject, key: string, patchV: unknown): void {
  discardNulls(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) out[key] = v;
  else delete out[key];
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** The field's strategy other than retainKeys (`merge`, `replace` or ''). */
function nonRetainStrategy(field: PatchField | undefined): string {
  const s = patchStrategies(field);
  if (s.length > 2 || (s.length === 2 && !s.includes('retainKeys'))) {
    throw smpErrors.internal(`unexpected patch strategy: [${s.join(' ')}]`);
  }
  return s.find((x) => x !== 'retainKeys') ?? '';
}

/** The field name after `<prefix>/`; throws the prefix's format error when malformed. */
function directiveTarget(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === DELETE_FROM_PRIMITIVE ? smpErrors.badPrimitiveList() : smpErrors.badSetElementOrder();
  }
  return key.slice(slash + 1);
}

function discardNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const e of v) discardNulls(e);
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  }
}

/** Drops maps carrying `$patch` (and list elements that are such maps); returns [value, keep]. */
function removeDirectives(v: unknown): [unknown, boolean] {
  if (isObject(v)) {
    if (DIRECTIVE in v) return [undefined, false];
    for (const k of Object.keys(v)) {
      const [child, keep] = removeDirectives(v[k]);
      if (keep) v[k] = child;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const e of v) {
      const [child, keep] = removeDirectives(e);
      if (keep) out.push(child);
    }
    return [out, true];
  }
  return [v, true];
}

/** `$retainKeys`: clears every key of `original` not listed; every patched key must be listed. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw smpErrors.badRetainKeys();
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw smpErrors.badRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * `$setElementOrder/<field>`: merges the named list (if the patch has it) and orders the result:
 * the order list first, then the patch, then the live list. Both the directive and the list are
 * consumed from the patch.
 */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, schema: PatchSchema | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpErrors.badArgType(SLICE_TYPE, order);
    const listKey = directiveTarget(key, SET_ELEMENT_ORDER);
    const foundOriginal = listKey in original;
    const foundPatch = listKey in patch;
    const origList = original[listKey];
    const patchList = patch[listKey];
    if (foundOriginal && !Array.isArray(origList)) throw smpErrors.badArgType(SLICE_TYPE, origList);
    if (foundPatch && !Array.isArray(patchList)) throw smpErrors.badArgType(SLICE_TYPE, patchList);
    const field = schema?.field(listKey);
    const strategy = nonRetainStrategy(field);
    const mergeKey = field?.mergeKey ?? '';
    const origArr = (foundOriginal ? origList : []) as unknown[];
    const patchArr = (foundPatch ? patchList : []) as unknown[];
    validateAgainstOrder(patchArr, order, mergeKey);

    let merged: unknown[];
    if (!foundOriginal && !foundPatch) continue;
    else if (!foundPatch) merged = origArr;
    else if (!foundOriginal) merged = removeDirectives(patchArr)[0] as unknown[];
    else merged = mergeListField(origArr, patchArr, field, strategy, false, listKey);

    const [inOrder, serverOnly] = partitionByPresence(merged, order, mergeKey);
    const kind = sliceElementKind(origArr, patchArr);
    original[listKey] = normalizeElementOrder(inOrder, serverOnly, order, origArr, mergeKey, kind);
    delete patch[listKey];
  }
}

/** The patch list's items (deletions aside) must appear in the same relative order in `order`. */
function validateAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey) {
    for (const v of patchList) if (!isObject(v)) throw smpErrors.badArgType(MAP_TYPE, v);
    items = patchList.filter((v) => (v as JsonObject)[DIRECTIVE] !== 'delete');
  }
  let pi = 0;
  let oi = 0;
  while (pi < items.length && oi < order.length) {
    if (isObject(items[pi]) && DIRECTIVE in (items[pi] as JsonObject)) {
      pi++;
      continue;
    }
    if (mergeKeyEqual(items[pi], order[oi], mergeKey)) pi++;
    oi++;
  }
  if (pi < items.length && oi >= order.length) {
    throw smpErrors.internal(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

function mergeKeyEqual(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isObject(a)) throw smpErrors.badArgType(MAP_TYPE, a);
  if (!isObject(b)) throw smpErrors.badArgType(MAP_TYPE, b);
  if (!(mergeKey in a)) throw smpErrors.noMergeKey(a, mergeKey);
  if (!(mergeKey in b)) throw smpErrors.noMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

/** A list field: merged when its strategy is `merge` (or for a deletion list), else replaced. */
function mergeListField(
  original: unknown[],
  patch: unknown[],
  field: PatchField | undefined,
  strategy: string,
  isDeleteList: boolean,
  name: string,
): unknown[] {
  if (strategy !== 'merge' && !isDeleteList) return patch;
  return mergeList(original, patch, field, isDeleteList, name);
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  field: PatchField | undefined,
  isDeleteList: boolean,
  name: string,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const mergeKey = field?.mergeKey ?? '';
  let merged: unknown[];
  let base = original;
  let items = patch;
  if (kind !== 'object') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = [...new Set([...original, ...patch])];
  } else {
    if (!mergeKey) throw smpErrors.internal(`cannot merge lists without merge key for ${name}`);
    [base, items] = applyElementDirectives(original, patch, mergeKey);
    merged = mergeByKey(base, items, mergeKey, elementSchema(field));
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, items, kind === 'object' ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, items, base, mergeKey, kind);
}

/** Handles `$patch` list elements: deletions by key, `replace`; returns [original, plain patch items]. */
function applyElementDirectives(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let base = original;
  for (const v of patch as JsonObject[]) {
    if (!(DIRECTIVE in v)) {
      plain.push(v);
      continue;
    }
    switch (v[DIRECTIVE]) {
      case 'delete':
        if (!(mergeKey in v)) throw smpErrors.noMergeKey(v, mergeKey);
        base = base.filter((item, i) => {
          if (!isObject(item)) throw smpErrors.internal(`value for key ${i} is not a map`);
          return !(mergeKey in item && item[mergeKey] === v[mergeKey]);
        });
        break;
      case 'replace':
        replace = true;
        break;
      case 'merge':
        throw smpErrors.internal('merging lists cannot yet be specified in the patch');
      default:
        throw smpErrors.badPatchType(v[DIRECTIVE], v);
    }
  }
  return replace ? [plain, []] : [base, plain];
}

function mergeByKey(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  schema: PatchSchema | undefined,
): unknown[] {
  const out = [...original];
  for (const v of patch as JsonObject[]) {
    if (!(mergeKey in v)) throw smpErrors.noMergeKey(v, mergeKey);
    const at = out.findIndex((item, i) => {
      if (!isObject(item)) throw smpErrors.internal(`value for key ${i} is not a map`);
      return mergeKey in item && item[mergeKey] === v[mergeKey];
    });
    if (at >= 0) {
      out[at] = mergeMap(out[at] as JsonObject, v, schema);
    } else {
      discardNulls(v);
      out.push(removeDirectives(v)[0] ?? v);
    }
  }
  return out;
}
