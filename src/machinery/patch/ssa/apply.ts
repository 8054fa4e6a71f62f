/**
 * @module machinery/patch/ssa/apply
 * Server-side apply (`application/apply-patch+yaml`), following structured-merge-diff's Apply:
 *  1. merge the applied configuration into the live object (applied values win);
 *  2. the applier now owns exactly the fields its configuration sets;
 *  3. fields it owned from its previous apply and no longer sets are removed from the object, unless
 *     another manager owns them;
 *  4. a field owned by another manager whose value would change is a conflict: an error, or with
 *     `force` a transfer of ownership. Setting a field to the value it already has shares ownership.
 * The applier's entry time is set to `now` when the object changed.
 */
import { PatchError } from '../errors.js';
import { deepEqual, isObject, type JsonObject } from '../json-value.js';
import type { PatchSchema } from '../schema-walker.js';
import { conflictError, type ManagerConflict } from './conflict.js';
import type { FieldSet } from './fieldset.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  managerIdentity,
  ownable,
  withoutManagedFields,
  type ManagerEntry,
} from './managed-fields.js';
import { formatTime } from '../../meta.js';
import type { Path } from './path.js';
import { compare, rootNode, toFieldSet } from './typed.js';
import { dropNulls, mergeApplied, removeItems } from './typed-merge.js';

export interface ApplyOptions {
  /** The stored object, or undefined when apply creates it. */
  live: object | undefined;
  /** The applied configuration (the request body, decoded). */
  applied: unknown;
  /** fieldManager query parameter (required for apply). */
  manager: string;
  /** force=true: take ownership of conflicting fields instead of failing. */
  force: boolean;
  schema: PatchSchema | undefined;
  now: Date;
  /** e.g. `status`; undefined for the main resource. */
  subresource?: string;
  /** Subtrees this endpoint does not track (the strategy's reset fields, e.g. `status`). Default none. */
  ignored?: Path[];
}

export interface ApplyResult {
  /** The object to store, with `metadata.managedFields` updated. */
  object: JsonObject;
  /** False when the apply changed no field of the object (managedFields may still have changed). */
  changed: boolean;
}

/** Applies; throws PatchError 'conflict' (409) on conflicts without force, 'invalid' on a bad body. */
export function serverSideApply(opts: ApplyOptions): ApplyResult {
  if (!isObject(opts.applied))
    throw new PatchError('badRequest', 'error decoding patch: the apply body must be an object');
  const node = rootNode(opts.schema);
  const ignored = opts.ignored ?? [];
  const liveMeta = isObject((opts.live as JsonObject | undefined)?.metadata)
    ? ((opts.live as JsonObject).metadata as JsonObject)
    : {};
  const managers = decodeManagedFields(liveMeta.managedFields) ?? new Map<string, ManagerEntry>();
  const live = withoutManagedFields(opts.live ?? {});
  const applied = withoutManagedFields(opts.applied);

  const apiVersion = String(applied.apiVersion ?? live.apiVersion ?? '');
  const entry: ManagerEntry = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion,
    set: ownable(toFieldSet(applied, node), ignored),
  };
  if (opts.subresource) entry.subresource = opts.subresource;
  const id = managerIdentity(entry);
  const last = managers.get(id);
  if (last?.time) entry.time = last.time;
  managers.set(id, entry);

  let merged = dropNulls(mergeApplied(live, applied, node)) as JsonObject;
  if (last && !last.set.isEmpty()) {
    let owned: FieldSet = entry.set;
    for (const [otherId, e] of managers) if (otherId !== id) owned = owned.union(e.set);
    merged = removeItems(merged, last.set.difference(owned), node) as JsonObject;
  }

  const cmp = compare(live, merged, node);
  const touched = ownable(cmp.modified.union(cmp.added), ignored);
  const removed = ownable(cmp.removed, ignored);
  const conflicts: ManagerConflict[] = [];
  for (const [otherId, e] of managers) {
    if (otherId === id) continue;
    const clash = e.set.intersection(touched);
    if (!clash.isEmpty()) conflicts.push({ id: otherId, entry: e, paths: clash.paths() });
  }
  if (conflicts.length && !opts.force) throw conflictError(conflicts);
  for (const [otherId, e] of managers) {
    if (otherId !== id) e.set = e.set.difference(touched).difference(removed);
  }

  const changed = opts.live === undefined || !deepEqual(live, merged);
  if (changed) entry.time = formatTime(opts.now);
  const meta = isObject(merged.metadata) ? merged.metadata : (merged.metadata = {});
  const encoded = encodeManagedFields(managers);
  if (encoded.length) meta.managedFields = encoded;
  else delete meta.managedFields;
  return { object: merged, changed };
}
