/**
 * @module apiserver/registry/delete
 * DELETE semantics: preconditions, graceful deletion (pods), finalizers and propagation policy.
 *
 *   no finalizers, no grace ─────────────────────────────► key removed (deleted: true)
 *   finalizers or grace > 0 ─► deletionTimestamp set ─► … last finalizer removed / grace-0 delete ─► removed
 */
import { formatTime, type KubeObject } from '../../machinery/meta.js';
import { StatusError, newConflict, newNotFound } from '../../machinery/errors.js';
import { interpretStorageError } from './interpret-errors.js';
import type { DeleteOptions, RequestContext } from './context.js';
import type { GenericStore } from './generic-store.js';

export interface DeleteResult {
  object: KubeObject;
  /** True when the key is gone; false when the object stays with a deletionTimestamp. */
  deleted: boolean;
}

function checkPreconditions(store: GenericStore, obj: KubeObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  const name = obj.metadata.name!;
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw newConflict(
      store.gr,
      name,
      `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`,
    );
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw newConflict(
      store.gr,
      name,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  }
}

function policyOf(opts: DeleteOptions): DeleteOptions['propagationPolicy'] {
  if (opts.propagationPolicy) return opts.propagationPolicy;
  if (opts.orphanDependents === true) return 'Orphan';
  if (opts.orphanDependents === false) return 'Background';
  return undefined;
}

function finalizersFor(obj: KubeObject, policy: DeleteOptions['propagationPolicy']): string[] {
  let f = [...(obj.metadata.finalizers ?? [])];
  if (policy === 'Orphan') {
    f = f.filter((x) => x !== 'foregroundDeletion');
    if (!f.includes('orphan')) f.push('orphan');
  } else if (policy === 'Foreground') {
    f = f.filter((x) => x !== 'orphan');
    if (!f.includes('foregroundDeletion')) f.push('foregroundDeletion');
  } else if (policy === 'Background') {
    f = f.filter((x) => x !== 'orphan' && x !== 'foregroundDeletion');
  }
  return f;
}

export async function deleteObject(
  store: GenericStore,
  ctx: RequestContext,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptions,
): Promise<DeleteResult> {
  for (let attempt = 0; ; attempt++) {
    const current = await store.tryGet(namespace, name);
    if (!current) throw newNotFound(store.gr, name);
    checkPreconditions(store, current, opts);
    store.hooks.beforeDelete?.(current);
    const rev = Number(current.metadata.resourceVersion);
    const hooks = store.hooks;
    const grace = hooks.gracePeriod ? hooks.gracePeriod(current, opts) : 0;
    const hadDeletion = Boolean(current.metadata.deletionTimestamp);
    const finalizers = hadDeletion
      ? (current.metadata.finalizers ?? [])
      : finalizersFor(current, policyOf(opts));
    const blocked = finalizers.length > 0 || hooks.readyToDelete?.(current) === false;

    try {
      if (!blocked && grace === 0) {
        if (ctx.dryRun) return { object: current, deleted: true };
        const gone = await store.removeFromStorage(current, rev);
        return { object: gone, deleted: true };
      }
      // The object stays for now: mark it (or shorten its grace period).
      const now = ctx.now.getTime();
      const updated = structuredClone(current);
      const m = updated.metadata;
      if (hadDeletion) {
        const existingEnd = Date.parse(m.deletionTimestamp!);
        const newEnd = now + grace * 1000;
        if (hooks.gracePeriod && grace < (m.deletionGracePeriodSeconds ?? 0) && newEnd < existingEnd) {
          m.deletionTimestamp = formatTime(new Date(newEnd));
          m.deletionGracePeriodSeconds = grace;
        } else {
          return { object: current, deleted: false };
        }
      } else {
        m.deletionTimestamp = formatTime(new Date(now + grace * 1000));
        m.deletionGracePeriodSeconds = grace;
        if (finalizers.length) m.finalizers = finalizers;
        hooks.onDeletionStarted?.(updated);
      }
      if (ctx.dryRun) return { object: updated, deleted: false };
      const res = await store.update(
        ctx,
        namespace,
        name,
        (cur) => {
          if (cur!.metadata.resourceVersion !== current.metadata.resourceVersion) {
            throw newConflict(store.gr, name, 'object changed during delete');
          }
          return updated;
        },
        { markDeletion: true },
      );
      // A zero-grace delete of an unblocked object (e.g. finalizers were just removed) is done.
      return { object: res.object, deleted: false };
    } catch (err) {
      if (attempt < 5 && StatusError.is(err) && err.reason === 'Conflict' && !opts.preconditions) continue;
      throw interpretStorageError(err, store.gr, name);
    }
  }
}
