/**
 * @module machinery/patch/strategic-order
 * Element order of merged lists in a strategic merge patch. Upstream's rule: items named by the patch
 * (or by its `$setElementOrder` list) keep the patch's relative order, items only on the server keep
 * the server's relative order, and the two runs are interleaved using the server order where both
 * items are known to it. A new item (unknown to the server) therefore lands before the remaining
 * server-only items, not at the end.
 */
import { isObject, deepEqual } from './json-value.js';
import { MAP_TYPE, smpErrors } from './strategic-errors.js';

/** 'object' for lists of maps, else the JSON type of the elements. */
export type ElementKind = 'object' | 'string' | 'number' | 'boolean' | 'null';

function kindOf(v: unknown): ElementKind | 'array' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  return typeof v as ElementKind;
}

/** The element kind shared by every element of the lists; throws when mixed, nested or all empty. */
export function sliceElementKind(...lists: unknown[][]): ElementKind {
  let kind: ElementKind | 'array' | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'array') throw smpErrors.noListOfLists();
        kind = k;
      } else if (k !== kind) {
        throw smpErrors.internal(`list element types are not identical: ${formatLists(lists)}`);
      }
    }
  }
  if (kind === undefined) throw smpErrors.internal('no elements in any of the given slices');
  return kind as ElementKind;
}

function formatLists(lists: unknown[][]): string {
  return `[${lists.map((l) => `[${l.map((v) => (isObject(v) ? 'map[...]' : String(v))).join(' ')}]`).join(' ')}]`;
}

/** Identity of an element for ordering: its merge-key value for maps, itself otherwise. */
function identity(v: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind !== 'object') return v;
  return isObject(v) ? v[mergeKey] : undefined;
}

function sameIdentity(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && deepEqual(a, b));
}

export function indexIn(list: unknown[], v: unknown, mergeKey: string, kind: ElementKind): number {
  const id = identity(v, mergeKey, kind);
  return list.findIndex((item) => sameIdentity(identity(item, mergeKey, kind), id));
}

/** Throws unless every element is a map carrying the merge key. */
export function requireMergeKey(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const v of list) {
      if (!isObject(v)) throw smpErrors.badArgType(MAP_TYPE, v);
      if (!(mergeKey in v)) throw smpErrors.noMergeKey(v, mergeKey);
    }
  }
}

/** Splits `merged` into the items present in `by` and the others (server-only), keeping order. */
export function partitionByPresence(
  merged: unknown[],
  by: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const others: unknown[] = [];
  for (const v of merged) {
    let found: boolean;
    if (mergeKey) {
      requireMergeKey(mergeKey, [v]);
      found = by.some((b) => {
        if (!isObject(b)) throw smpErrors.internal(`value for key ${by.indexOf(b)} is not a map`);
        return mergeKey in b && sameIdentity(b[mergeKey], (v as Record<string, unknown>)[mergeKey]);
      });
    } else {
      found = by.some((b) => sameIdentity(b, v));
    }
    (found ? present : others).push(v);
  }
  return [present, others];
}

/** Stable sort of `items` by their position in `order`; items missing from it go last. */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let deletes: unknown[] = [];
  let rest = items;
  if (kind === 'object') {
    requireMergeKey(mergeKey, items, order);
    rest = items.filter((v) => (v as Record<string, unknown>)['$patch'] !== 'delete');
    deletes = items.filter((v) => (v as Record<string, unknown>)['$patch'] === 'delete');
  }
  const ranked = rest.map((v, i) => ({ v, i, at: indexIn(order, v, mergeKey, kind) }));
  ranked.sort((a, b) => {
    if (a.at >= 0 && b.at >= 0) return a.at - b.at || a.i - b.i;
    if (a.at >= 0) return -1;
    if (b.at >= 0) return 1;
    return a.i - b.i;
  });
  return [...ranked.map((r) => r.v), ...deletes];
}

/**
 * Orders a merged list: `patchItems` by `patchOrder`, `serverOnly` by `serverOrder`, then interleaves
 * them, taking a server-only item first only when the server order puts it before the next patch item.
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
