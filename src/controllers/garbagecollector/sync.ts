/**
 * @module controllers/garbagecollector/sync
 * Pure decisions of the garbage collector, from ownerReferences.
 *
 * As a dependent, an object is looked at against its owners:
 *   some owner still solid ─► drop references to vanished owners; stop blocking owners that
 *                             wait for their dependents (blockOwnerDeletion → false)
 *   no solid owner, one waits for its dependents (foregroundDeletion) ─► delete, Foreground
 *   every owner gone ─► delete (Background, or the policy its own finalizers ask for)
 *
 * As an owner being deleted (deletionTimestamp set), its GC finalizer decides:
 *   orphan             ─► remove the reference to it from every dependent, then the finalizer
 *   foregroundDeletion ─► wait until no dependent with blockOwnerDeletion is left (the
 *                         dependents delete themselves, see above), then remove the finalizer
 */
import type { KubeObject, OwnerReference } from '../../machinery/meta.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/**
 * What the collector knows of one owner: `present` (exists, same uid), `absent` (verified gone
 * or replaced by another uid), `waiting` (being deleted in the foreground), `unknown` (kind not
 * served: never treated as gone).
 */
export type OwnerState = 'present' | 'absent' | 'waiting' | 'unknown';

export interface OwnerView {
  ref: OwnerReference;
  state: OwnerState;
}

export type DeletionPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface OwnerRefChange {
  /** Owner uids whose references are dropped. */
  remove: string[];
  /** Owner uids whose references get `blockOwnerDeletion: false`. */
  unblock: string[];
}

export type DependentAction =
  | { kind: 'none' }
  | { kind: 'delete'; propagationPolicy: DeletionPolicy }
  | ({ kind: 'update-owner-refs' } & OwnerRefChange);

export type OwnerAction =
  | { kind: 'none' }
  /** Drop the reference to the owner from each of these dependents. */
  | { kind: 'orphan-dependents'; dependents: KubeObject[] }
  /** Re-examine these dependents (they delete themselves while the owner waits). */
  | { kind: 'process-dependents'; dependents: KubeObject[] }
  | { kind: 'remove-finalizer'; finalizer: string };

/** True when the object is being deleted and carries one of the collector's finalizers. */
export function isOwnerBeingDeleted(obj: KubeObject): boolean {
  const f = obj.metadata.finalizers ?? [];
  return (
    Boolean(obj.metadata.deletionTimestamp) &&
    (f.includes(FINALIZER_ORPHAN) || f.includes(FINALIZER_FOREGROUND))
  );
}

/** State of an owner found under the referenced uid (undefined = not found). */
export function ownerStateOf(owner: KubeObject | undefined, ref: OwnerReference): OwnerState {
  if (!owner || owner.metadata.uid !== ref.uid) return 'absent';
  const waiting =
    owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND);
  return waiting ? 'waiting' : 'present';
}

export function decideDependent(obj: KubeObject, owners: OwnerView[]): DependentAction {
  if (owners.length === 0) return { kind: 'none' };
  const solid = owners.filter((o) => o.state === 'present' || o.state === 'unknown');
  const dangling = owners.filter((o) => o.state === 'absent');
  const waiting = owners.filter((o) => o.state === 'waiting');
  if (solid.length > 0) {
    const remove = dangling.map((o) => o.ref.uid);
    const unblock = waiting.filter((o) => o.ref.blockOwnerDeletion).map((o) => o.ref.uid);
    if (remove.length === 0 && unblock.length === 0) return { kind: 'none' };
    return { kind: 'update-owner-refs', remove, unblock };
  }
  const finalizers = obj.metadata.finalizers ?? [];
  // Already on its way out: deleting again would change nothing.
  if (obj.metadata.deletionTimestamp) return { kind: 'none' };
  if (waiting.length > 0) return { kind: 'delete', propagationPolicy: 'Foreground' };
  if (finalizers.includes(FINALIZER_ORPHAN)) return { kind: 'delete', propagationPolicy: 'Orphan' };
  if (finalizers.includes(FINALIZER_FOREGROUND)) return { kind: 'delete', propagationPolicy: 'Foreground' };
  return { kind: 'delete', propagationPolicy: 'Background' };
}

/** The dependents among `candidates` that still reference `owner` (by uid). */
export function dependentsOf(owner: KubeObject, candidates: KubeObject[]): KubeObject[] {
  const uid = owner.metadata.uid;
  return candidates.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
}

/** Actions, in order, for an owner with a deletionTimestamp. `dependents` must reference it. */
export function decideOwner(owner: KubeObject, dependents: KubeObject[]): OwnerAction[] {
  if (!isOwnerBeingDeleted(owner)) return [{ kind: 'none' }];
  const finalizers = owner.metadata.finalizers ?? [];
  const uid = owner.metadata.uid;
  if (finalizers.includes(FINALIZER_ORPHAN)) {
    const actions: OwnerAction[] = [];
    if (dependents.length) actions.push({ kind: 'orphan-dependents', dependents });
    actions.push({ kind: 'remove-finalizer', finalizer: FINALIZER_ORPHAN });
    return actions;
  }
  const blocking = dependents.filter((d) =>
    (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion),
  );
  if (blocking.length === 0) {
    // Non-blocking dependents become dangling once the owner is gone and are collected then.
    return [{ kind: 'remove-finalizer', finalizer: FINALIZER_FOREGROUND }];
  }
  return [{ kind: 'process-dependents', dependents }];
}

/** Applies an owner-reference change; returns undefined when no reference is left. */
export function applyOwnerRefChange(
  refs: OwnerReference[] | undefined,
  change: OwnerRefChange,
): OwnerReference[] | undefined {
  const out = (refs ?? [])
    .filter((r) => !change.remove.includes(r.uid))
    .map((r) => (change.unblock.includes(r.uid) ? { ...r, blockOwnerDeletion: false } : r));
  return out.length ? out : undefined;
}
