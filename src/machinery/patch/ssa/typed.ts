/**
 * @module machinery/patch/ssa/typed
 * Schema-directed walks over objects for server-side apply, following structured-merge-diff:
 *  - `toFieldSet`: the set of fields a value sets (what an applier owns);
 *  - `compare`: the fields added, modified and removed between two versions.
 * A value is a leaf when it is a scalar, an atomic struct/map/list, or an empty map or list; lists are
 * atomic unless the schema gives them a `map` (keyed) or `set` type. Unknown parts of the schema are
 * treated as maps of unknown values with atomic lists.
 */
import { PatchError } from '../errors.js';
import { deepEqual, isObject } from '../json-value.js';
import { listSemantics, type PatchField, type PatchSchema } from '../schema-walker.js';
import { FieldSet } from './fieldset.js';
import { serializeElement, compareStrings, pathString, type Path, type PathElement } from './path.js';

export type Node = PatchField | undefined;
export type Shape = 'leaf' | 'map' | 'list';

export function rootNode(schema: PatchSchema | undefined): Node {
  return schema ? { kind: 'object', object: schema } : undefined;
}

/** The schema of the value under key `name` of a struct or map node. */
export function fieldNode(node: Node, name: string): Node {
  if (node?.kind === 'object') return node.object?.field(name);
  if (node?.kind === 'map') return node.values;
  return undefined;
}

/** Whether `name` is a declared field of a struct node (its presence is then implied by its value). */
function isDeclaredField(node: Node, name: string): boolean {
  return node?.kind === 'object' && node.object?.field(name) !== undefined;
}

export function shapeOf(node: Node, v: unknown): Shape {
  if (isObject(v)) {
    if (!node) return 'map';
    return (node.kind === 'object' || node.kind === 'map') && node.mapType !== 'atomic' ? 'map' : 'leaf';
  }
  if (Array.isArray(v)) {
    return node?.kind === 'array' && listSemantics(node).type !== 'atomic' ? 'list' : 'leaf';
  }
  return 'leaf';
}

function isEmpty(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0);
}

/**
 * The path element naming a list element: its key values for a list-map (a missing key takes the
 * schema default), the value itself for a set. Throws PatchError 'invalid' when a key is missing.
 */
export function itemElement(node: PatchField, item: unknown, path: Path): PathElement {
  const sem = listSemantics(node);
  if (sem.type !== 'map') return { value: item };
  if (!isObject(item)) {
    throw new PatchError('invalid', `${pathString(path)}: expected an object in an associative list`);
  }
  const key: Array<[string, unknown]> = [];
  for (const k of sem.keys) {
    let v = item[k];
    if (v === undefined) v = fieldNode(node.items, k)?.default;
    if (v === undefined) {
      throw new PatchError(
        'invalid',
        `${pathString(path)}: associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`,
      );
    }
    key.push([k, v]);
  }
  return { key: key.sort(([a], [b]) => compareStrings(a, b)) };
}

/** The fields `value` sets, as an applier would own them. */
export function toFieldSet(value: unknown, node: Node): FieldSet {
  const set = new FieldSet();
  collect(value, node, [], set);
  return set;
}

function collect(v: unknown, node: Node, path: Path, set: FieldSet): void {
  const shape = shapeOf(node, v);
  if (shape === 'leaf') {
    if (path.length) set.insertMut(path);
  } else if (shape === 'map') {
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const p = [...path, { field: k }];
      collect(child, fieldNode(node, k), p, set);
      if (
        child === null ||
        (isObject(child) && Object.keys(child).length === 0) ||
        !isDeclaredField(node, k)
      ) {
        set.insertMut(p);
      }
    }
  } else {
    const items = v as unknown[];
    const seen = new Map<string, number>();
    const pes = items.map((item) => itemElement(node!, item, path));
    for (const pe of pes) seen.set(serializeElement(pe), (seen.get(serializeElement(pe)) ?? 0) + 1);
    items.forEach((item, i) => {
      const p = [...path, pes[i]];
      if ((seen.get(serializeElement(pes[i])) ?? 0) < 2) collect(item, node!.items, p, set);
      set.insertMut(p);
    });
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export interface CompareOptions {
  /**
   * Record a struct field that appears as a whole (default true). Updates pass false: upstream
   * compares against Go zero values, in which nested structs (and required lists) always exist, so
   * such a field shows only through its leaves there.
   */
  structPresence?: boolean;
  /**
   * Subtrees (paths of field names) left out of the walk: nothing at or below them is recorded.
   * For callers that drop these subtrees from the result anyway. Paths with other elements are ignored.
   */
  skip?: Path[];
}

/** Field-name trie of the skipped subtrees; `true` marks a skipped field. */
type SkipTree = Map<string, SkipTree | true>;

function skipTree(paths: Path[] | undefined): SkipTree | undefined {
  if (!paths?.length) return undefined;
  const root: SkipTree = new Map();
  for (const p of paths) {
    if (!p.length || !p.every((pe) => 'field' in pe)) continue;
    let node = root;
    for (let i = 0; i < p.length; i++) {
      const name = (p[i] as { field: string }).field;
      const next = node.get(name);
      if (next === true) break;
      if (i === p.length - 1) node.set(name, true);
      else if (next) node = next;
      else node.set(name, (node = new Map()));
    }
  }
  return root.size ? root : undefined;
}

/** The fields added, modified (leaf value changed) and removed going from `lhs` to `rhs`. */
export function compare(lhs: unknown, rhs: unknown, node: Node, opts: CompareOptions = {}): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walkCompare(lhs, rhs, node, [], c, opts.structPresence ?? true, undefined, skipTree(opts.skip));
  return c;
}

function walkCompare(
  l: unknown,
  r: unknown,
  node: Node,
  path: Path,
  c: Comparison,
  structPresence: boolean,
  parent: Node,
  skip?: SkipTree,
): void {
  // The same value on both sides (shared, unchanged subtree) holds no change.
  if (l === r) return;
  const ls = l === undefined ? undefined : shapeOf(node, l);
  const rs = r === undefined ? undefined : shapeOf(node, r);
  let shape: Shape = ls !== undefined && rs !== undefined && ls !== rs ? 'leaf' : (ls ?? rs ?? 'leaf');
  if (shape !== 'leaf' && isEmpty(l) && isEmpty(r)) shape = 'leaf';

  if (shape === 'leaf') {
    if (!path.length) return;
    if (l === undefined) c.added.insertMut(path);
    else if (r === undefined) c.removed.insertMut(path);
    else if (!deepEqual(l, r)) c.modified.insertMut(path);
    return;
  }
  if (shape === 'map') {
    const lm = (l ?? {}) as Record<string, unknown>;
    const rm = (r ?? {}) as Record<string, unknown>;
    // The path grows in place (FieldSets keep its elements, never the array itself).
    for (const k in lm) visitKey(lm, rm, k, node, path, c, structPresence, skip);
    for (const k in rm) if (!hasOwn(lm, k)) visitKey(lm, rm, k, node, path, c, structPresence, skip);
  } else {
    compareLists((l ?? []) as unknown[], (r ?? []) as unknown[], node!, path, c, structPresence);
  }
  if (!path.length) return;
  const last = path[path.length - 1];
  // Fields that a Go zero value already holds (nested structs, required lists and maps).
  const inZeroValue =
    'field' in last && isDeclaredField(parent, last.field) && (node?.kind === 'object' || !!node?.required);
  if (l === undefined && (structPresence || !inZeroValue)) c.added.insertMut(path);
  else if (r === undefined) c.removed.insertMut(path);
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function visitKey(
  lm: Record<string, unknown>,
  rm: Record<string, unknown>,
  k: string,
  node: Node,
  path: Path,
  c: Comparison,
  structPresence: boolean,
  skip: SkipTree | undefined,
): void {
  const sub = skip?.get(k);
  if (sub === true) return;
  path.push({ field: k });
  const lv = hasOwn(lm, k) ? lm[k] : undefined;
  const rv = hasOwn(rm, k) ? rm[k] : undefined;
  walkCompare(lv, rv, fieldNode(node, k), path, c, structPresence, node, sub);
  path.pop();
}

/**
 * Whether the two lists hold the same keys in the same order, each once (the usual case: a status
 * list rewritten in place), so that items pair up by position without indexing either list.
 */
function samePositions(l: unknown[], r: unknown[], node: PatchField): boolean {
  if (l.length !== r.length || l.length > 16) return false;
  const sem = listSemantics(node);
  if (sem.type !== 'map' || sem.keys.length === 0) return false;
  const keyOf = (item: unknown, k: string) => (isObject(item) ? item[k] : undefined);
  for (let i = 0; i < l.length; i++) {
    for (const k of sem.keys) {
      const v = keyOf(l[i], k);
      if (v === undefined || typeof v === 'object' || v !== keyOf(r[i], k)) return false;
    }
    for (let j = 0; j < i; j++) {
      if (sem.keys.every((k) => keyOf(l[j], k) === keyOf(l[i], k))) return false;
    }
  }
  return true;
}

function indexList(
  items: unknown[],
  node: PatchField,
  path: Path,
): Map<string, { pe: PathElement; items: unknown[] }> {
  const out = new Map<string, { pe: PathElement; items: unknown[] }>();
  for (const item of items) {
    const pe = itemElement(node, item, path);
    const k = serializeElement(pe);
    const e = out.get(k);
    if (e) e.items.push(item);
    else out.set(k, { pe, items: [item] });
  }
  return out;
}

function compareLists(
  l: unknown[],
  r: unknown[],
  node: PatchField,
  path: Path,
  c: Comparison,
  sp: boolean,
): void {
  if (samePositions(l, r, node)) {
    for (let i = 0; i < l.length; i++) {
      if (l[i] === r[i]) continue;
      const p = [...path, itemElement(node, l[i], path)];
      walkCompare(l[i], r[i], node.items, p, c, sp, node);
    }
    return;
  }
  const li = indexList(l, node, path);
  const ri = indexList(r, node, path);
  const keys = new Set([...li.keys(), ...ri.keys()]);
  for (const k of keys) {
    const le = li.get(k);
    const re = ri.get(k);
    const pe = (le ?? re)!.pe;
    const p = [...path, pe];
    const ln = le?.items.length ?? 0;
    const rn = re?.items.length ?? 0;
    if (ln <= 1 && rn <= 1) walkCompare(le?.items[0], re?.items[0], node.items, p, c, sp, node);
    else if (ln >= 2 && rn >= 2) {
      if (!deepEqual(le!.items, re!.items)) c.modified.insertMut(p);
    } else if (ln >= 2) {
      if (rn) walkCompare(undefined, re!.items[0], node.items, p, c, sp, node);
      c.removed.insertMut(p);
    } else {
      if (ln) walkCompare(le!.items[0], undefined, node.items, p, c, sp, node);
      c.added.insertMut(p);
    }
  }
}
