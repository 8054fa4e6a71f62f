/**
 * @module machinery/patch/ssa/typed-merge
 * Merging an applied configuration into a live object, and removing owned fields, for server-side
 * apply (structured-merge-diff's Merge and RemoveItems): the applied value wins at every leaf, maps
 * merge key by key, list-maps merge element by element on their keys, sets take the union, atomic
 * values are replaced whole. List order follows the applied list, with live-only elements kept near
 * the live neighbours they had.
 */
import { cloneJson } from '../../../util/json-clone.js';
import { isObject } from '../json-value.js';
import type { PatchField } from '../schema-walker.js';
import { FieldSet } from './fieldset.js';
import { serializeElement, type Path } from './path.js';
import { fieldNode, itemElement, shapeOf, type Node } from './typed.js';

/** Returns live merged with applied; neither input is modified. `undefined` means absent. */
export function mergeApplied(live: unknown, applied: unknown, node: Node, path: Path = []): unknown {
  if (applied === undefined) return live;
  if (live === undefined) return cloneJson(applied);
  const ls = shapeOf(node, live);
  const rs = shapeOf(node, applied);
  if (ls !== rs || rs === 'leaf') return cloneJson(applied);
  if (rs === 'map') {
    const l = live as Record<string, unknown>;
    const r = applied as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(l)) {
      out[k] = k in r ? mergeApplied(l[k], r[k], fieldNode(node, k), [...path, { field: k }]) : l[k];
    }
    for (const k of Object.keys(r)) if (!(k in l)) out[k] = cloneJson(r[k]);
    return out;
  }
  return mergeLists(live as unknown[], applied as unknown[], node!, path);
}

function mergeLists(lhs: unknown[], rhs: unknown[], node: PatchField, path: Path): unknown[] {
  const key = (item: unknown) => serializeElement(itemElement(node, item, path));
  const lKeys = lhs.map(key);
  const rKeys = rhs.map(key);
  const lByKey = new Map<string, unknown>();
  lKeys.forEach((k, i) => lByKey.has(k) || lByKey.set(k, lhs[i]));
  const rByKey = new Map<string, unknown>();
  rKeys.forEach((k, i) => rByKey.has(k) || rByKey.set(k, rhs[i]));

  // Walk both lists at once: shared elements come in applied order; a live-only element is emitted
  // where it sits in the live list, unless a shared element ahead of it is still waiting.
  const shared = rKeys.filter((k) => lByKey.has(k));
  let nextShared = shared.shift();
  const emitted = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (k: string) => {
    const merged = mergeApplied(lByKey.get(k), rByKey.get(k), node.items, path);
    if (merged !== undefined) out.push(merged);
  };
  let li = 0;
  let ri = 0;
  while (li < lKeys.length || ri < rKeys.length) {
    if (li < lKeys.length && ri < rKeys.length) {
      const k = lKeys[li];
      if (k === rKeys[ri]) {
        emitted.add(k);
        mergeItem(k);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (rByKey.has(k) && nextShared !== undefined && nextShared !== k) {
        li++;
        continue;
      }
    }
    if (li < lKeys.length) {
      const k = lKeys[li];
      if (!rByKey.has(k)) {
        out.push(lhs[li]);
        li++;
        continue;
      } else if (emitted.has(k)) {
        li++;
      }
    }
    if (ri < rKeys.length) {
      const k = rKeys[ri];
      emitted.add(k);
      mergeItem(k);
      ri++;
      if (nextShared === k) nextShared = shared.shift();
    }
  }
  return out;
}

/** Returns `value` without every path that is a member of `set` (a removed path takes its subtree). */
export function removeItems(value: unknown, set: FieldSet, node: Node, path: Path = []): unknown {
  const shape = shapeOf(node, value);
  if (shape === 'map') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const pe = { field: k };
      if (set.hasMember(pe)) continue;
      const sub = set.child(pe);
      const kept = sub ? removeItems(v, sub, fieldNode(node, k), [...path, pe]) : v;
      // A map or list emptied by the removal disappears, as upstream's typed value turns it into null.
      if (sub && !isEmptyContainer(v) && isEmptyContainer(kept)) continue;
      out[k] = kept;
    }
    return out;
  }
  if (shape === 'list') {
    const out: unknown[] = [];
    for (const item of value as unknown[]) {
      const pe = itemElement(node!, item, path);
      if (set.hasMember(pe)) continue;
      const sub = set.child(pe);
      out.push(sub ? removeItems(item, sub, node!.items, [...path, pe]) : item);
    }
    return out;
  }
  return value;
}

function isEmptyContainer(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0;
}

/** Drops `null` map entries, which mean "unset" once the object is stored. Returns a new value. */
export function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
  return out;
}
