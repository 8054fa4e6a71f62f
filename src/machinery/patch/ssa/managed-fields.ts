/**
 * @module machinery/patch/ssa/managed-fields
 * `metadata.managedFields`: decoding entries into field sets keyed by manager identity, encoding them
 * back in upstream's order, and tracking ownership for ordinary writes (create, update, patch), which
 * record an `Update` entry for the writing manager as upstream's field manager does.
 *
 * A manager's identity is its name, operation, subresource and, for Update entries only, apiVersion:
 * an applier keeps one entry across versions, an updater gets one entry per version it wrote.
 */
import { BoundedCache } from '../../../util/bounded-cache.js';
import { cloneJson, deepFreeze } from '../../../util/json-clone.js';
import type { ManagedFieldsEntry } from '../../meta.js';
import { formatTime } from '../../meta.js';
import { isObject, type JsonObject } from '../json-value.js';
import type { PatchSchema } from '../schema-walker.js';
import { FieldSet } from './fieldset.js';
import { compareStrings, type Path } from './path.js';
import { compare, rootNode } from './typed.js';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, seconds; absent when the entry has not changed the object yet. */
  time?: string;
  set: FieldSet;
}

/** Entries by identity (see managerIdentity). */
export type Managers = Map<string, ManagerEntry>;

/** Upstream's manager identifier: the entry as JSON without fields and time (and apiVersion for Apply). */
export function managerIdentity(
  e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  const id: Record<string, string> = { manager: e.manager, operation: e.operation };
  if (e.operation === 'Update' && e.apiVersion) id.apiVersion = e.apiVersion;
  if (e.subresource) id.subresource = e.subresource;
  return JSON.stringify(id);
}

/**
 * Recently decoded FieldsV1 by their JSON: objects of one shape (pods of one template) carry the
 * same field sets, and parsing them again on every write is a visible share of an update's cost.
 * FieldSets are immutable, so one may serve every entry with that JSON.
 */
const decodedSets = new BoundedCache<string, FieldSet>(512);

/**
 * Encoded FieldsV1 by their JSON, frozen and shared: the pods of one template, or the events of one
 * kind, all carry equal FieldsV1, and one object serves them all instead of a copy in every
 * cached version (a large share of the watch cache's memory otherwise).
 */
const internedV1 = new BoundedCache<string, Record<string, unknown>>(1024);
/** The sets of the interned objects, by identity (a plain map, not a WeakMap: see BoundedCache). */
const setOfInterned = new BoundedCache<object, FieldSet>(1024);

/** The set's FieldsV1, interned. Callers must not modify it (it is frozen). */
function fieldsV1Of(set: FieldSet): Record<string, unknown> {
  if (set.canonicalV1) return set.canonicalV1;
  const key = set.toFieldsV1Text();
  let v1 = internedV1.get(key);
  if (!v1) {
    internedV1.set(key, (v1 = deepFreeze(set.toFieldsV1())));
    setOfInterned.set(v1, set);
    // Decoding this JSON later finds this set, which knows its FieldsV1 already.
    if (!decodedSets.has(key)) decodedSets.set(key, set);
  }
  set.canonicalV1 = v1;
  return v1;
}

function decodeFieldsV1(json: unknown): FieldSet {
  const known = typeof json === 'object' && json !== null ? setOfInterned.get(json) : undefined;
  if (known) return known;
  const key = JSON.stringify(json);
  let set = decodedSets.get(key);
  if (!set) {
    set = FieldSet.fromFieldsV1(json);
    decodedSets.set(key, set);
  }
  return set;
}

/** Decodes entries; returns undefined when any entry is malformed (callers then fall back). */
export function decodeManagedFields(list: unknown): Managers | undefined {
  const out: Managers = new Map();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) return undefined;
  try {
    for (const raw of list) {
      if (!isObject(raw)) return undefined;
      const e = raw as ManagedFieldsEntry;
      if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') return undefined;
      const entry: ManagerEntry = {
        manager: e.manager ?? '',
        operation: e.operation === 'Apply' ? 'Apply' : 'Update',
        apiVersion: e.apiVersion ?? '',
        set: decodeFieldsV1(e.fieldsV1 ?? {}),
      };
      if (e.subresource) entry.subresource = e.subresource;
      if (e.time) entry.time = e.time;
      const id = managerIdentity(entry);
      const prev = out.get(id);
      if (prev) entry.set = entry.set.union(prev.set);
      out.set(id, entry);
    }
  } catch {
    return undefined;
  }
  return out;
}

/** Encodes entries in upstream's order (operation, time, manager, apiVersion, subresource). */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const entries = [...managers.values()].filter((e) => !e.set.isEmpty());
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  entries.sort(
    (p, q) =>
      compareStrings(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      compareStrings(p.manager, q.manager) ||
      compareStrings(p.apiVersion, q.apiVersion) ||
      compareStrings(p.subresource ?? '', q.subresource ?? ''),
  );
  return entries.map((e) => {
    const out: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = fieldsV1Of(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

const f = (...names: string[]): Path => names.map((field) => ({ field }));

/** Fields no manager ever owns (upstream stripMeta). */
const STRIPPED = FieldSet.of(
  f('apiVersion'),
  f('kind'),
  f('metadata'),
  f('metadata', 'name'),
  f('metadata', 'namespace'),
  f('metadata', 'creationTimestamp'),
  f('metadata', 'selfLink'),
  f('metadata', 'uid'),
  f('metadata', 'clusterName'),
  f('metadata', 'generation'),
  f('metadata', 'managedFields'),
  f('metadata', 'resourceVersion'),
);

/** A manager's set without the identity/bookkeeping fields and without the ignored subtrees. */
export function ownable(set: FieldSet, ignored: Path[] = []): FieldSet {
  let out = set.difference(STRIPPED);
  for (const p of ignored) out = out.withoutSubtree(p);
  return out;
}

/** A copy of the object without `metadata.managedFields`, which is never itself a tracked field. */
export function withoutManagedFields(obj: unknown): JsonObject {
  const copy = cloneJson(isObject(obj) ? obj : {});
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** Like withoutManagedFields, without copying anything but the top level and metadata: for read-only use. */
function managedFieldsHidden(obj: unknown): JsonObject {
  const o = isObject(obj) ? obj : {};
  if (!isObject(o.metadata) || !('managedFields' in o.metadata)) return o;
  const { managedFields: _hidden, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

export interface UpdateOptions {
  /** The stored object before the write; undefined on create. */
  oldObj: object | undefined;
  /** The object about to be stored (its managedFields, if the client set them, are honoured). */
  newObj: object;
  /** fieldManager query parameter, or the user agent's command name. */
  manager: string;
  /** e.g. `status` or `scale`; '' or undefined for the main resource. */
  subresource?: string;
  now: Date;
  schema: PatchSchema | undefined;
  /** Subtrees this endpoint does not track (the strategy's reset fields, e.g. `status`). Default none. */
  ignored?: Path[];
}

/**
 * Returns `newObj` with `metadata.managedFields` updated for an ordinary write: fields the write
 * changed or added move to the writer's Update entry (taken from other managers), removed fields leave
 * every manager, and the writer's entry time becomes `now` when the write changed anything.
 * managedFields is removed when no entry remains.
 */
export function updateManagedFieldsForUpdate(opts: UpdateOptions): JsonObject {
  // Only metadata.managedFields is written below, so a shallow copy of the top and of metadata
  // keeps the caller's object untouched without cloning the whole tree on every write.
  const src = opts.newObj as JsonObject;
  const newObj: JsonObject = { ...src, metadata: isObject(src.metadata) ? { ...src.metadata } : {} };
  const newMeta = newObj.metadata as JsonObject;
  const oldMeta = isObject((opts.oldObj as JsonObject | undefined)?.metadata)
    ? ((opts.oldObj as JsonObject).metadata as JsonObject)
    : {};
  let managers = decodeManagedFields(newMeta.managedFields);
  if (!managers || managers.size === 0 || opts.subresource) {
    managers = decodeManagedFields(oldMeta.managedFields) ?? new Map();
  }
  const ignored = opts.ignored ?? [];
  const node = rootNode(opts.schema);
  // Ignored subtrees are dropped by ownable below, so the walk can leave them out (a status write
  // then compares only the status).
  const cmp = compare(managedFieldsHidden(opts.oldObj ?? {}), managedFieldsHidden(newObj), node, {
    structPresence: false,
    skip: ignored,
  });
  const touched = ownable(cmp.modified.union(cmp.added), ignored);
  const removed = ownable(cmp.removed, ignored);
  const apiVersion = typeof newObj.apiVersion === 'string' ? newObj.apiVersion : '';
  const entry: ManagerEntry = { manager: opts.manager, operation: 'Update', apiVersion, set: touched };
  if (opts.subresource) entry.subresource = opts.subresource;
  const id = managerIdentity(entry);
  const own = managers.get(id);
  for (const e of managers.values()) {
    // Entries the write does not reach keep their set, so their FieldsV1 is reused as it was.
    if (e.set.intersects(removed)) e.set = e.set.difference(removed);
    // The writer's entry gets the touched fields (back) below.
    if (e !== own && e.set.intersects(touched)) e.set = e.set.difference(touched);
  }
  if (!touched.isEmpty()) {
    // A union shares every subtree the touched fields add nothing to (and their FieldsV1 text).
    if (own) entry.set = own.set.union(touched);
    entry.time = formatTime(opts.now);
    managers.set(id, entry);
  }
  const encoded = encodeManagedFields(managers);
  if (encoded.length) newMeta.managedFields = encoded;
  else delete newMeta.managedFields;
  return newObj;
}
