/**
 * @module apiserver/registry/update-options
 * How a read-modify-write through the generic store behaves (creation, conflict retries,
 * preconditions, copy-on-write, managedFields), and the preconditions check itself.
 */
import type { ResourceDefinition } from '../../api/types.js';
import { newConflict, type GroupResource } from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';

export interface UpdateOptions {
  /** Create the object when missing (PUT on a missing object, apply). */
  allowCreate?: boolean;
  /** Apply `mutate` on the freshest object, retrying on conflicts (patch, subresources). */
  retryOnConflict?: boolean;
  /** Internal: the delete path may set deletionTimestamp/deletionGracePeriodSeconds. */
  markDeletion?: boolean;
  /**
   * A PUT's `metadata.uid`: as upstream's UpdatedObjectInfo preconditions, the write is refused
   * with 409 Conflict when the stored object has another uid (a patch has none: a changed uid
   * there fails validation as immutable instead).
   */
  uidPrecondition?: string;
  /** A resourceVersion the stored object must have (pods/binding), checked as `uidPrecondition`. */
  resourceVersionPrecondition?: string;
  /**
   * `mutate` gets the stored object itself, shared with the watch cache and read-only, and returns a
   * new object that may share the parts it leaves unchanged (copy-on-write). Saves a deep copy, and
   * lets the managedFields comparison skip every unchanged subtree.
   */
  sharedCurrent?: boolean;
  /**
   * A write upstream makes straight to storage (pods/binding's GuaranteedUpdate): no managedFields
   * entry is recorded for it.
   */
  untracked?: boolean;
}

/**
 * Refuses the write, with upstream's storage error as the update path reports it (409), when the
 * stored object (at revision `rev`) is not the one the preconditions name.
 */
export function checkPreconditions(
  def: Pick<ResourceDefinition, 'plural' | 'namespaced'>,
  gr: GroupResource,
  current: KubeObject,
  rev: number,
  opts: UpdateOptions,
): void {
  const { uidPrecondition: uid, resourceVersionPrecondition: rv } = opts;
  let failed: string | undefined;
  if (uid && uid !== current.metadata.uid) {
    failed = `UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`;
  } else if (rv && rv !== String(rev)) {
    failed = `ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${rev}`;
  }
  if (!failed) return;
  const { namespace, name = '' } = current.metadata;
  const key = `/registry/${def.plural}/${def.namespaced ? `${namespace}/` : ''}${name}`;
  throw newConflict(
    gr,
    name,
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: ` +
      `Precondition failed: ${failed}`,
  );
}
