/**
 * @module apiserver/registry/hooks
 * Per-resource behaviour that needs storage or other resources (allocations, graceful deletion,
 * namespace finalization). Pure rules stay in the resource's api folder; these run in the store.
 */
import type { KubeObject } from '../../machinery/meta.js';
import type { DeleteOptions, RequestContext } from './context.js';
import type { GenericStore } from './generic-store.js';

/** Called after the write with whether it was committed, so allocations can be undone. */
export type Release = (committed: boolean) => void;

export interface ResourceHooks {
  /** After validation, before the create is written (allocate IPs, ports). May throw StatusError. */
  beforeCreate?(obj: KubeObject, ctx: RequestContext, store: GenericStore): Promise<Release | void>;
  beforeUpdate?(
    obj: KubeObject,
    old: KubeObject,
    ctx: RequestContext,
    store: GenericStore,
  ): Promise<Release | void>;
  /** Before a DELETE does anything; may refuse it (protected namespaces). */
  beforeDelete?(obj: KubeObject): void;
  /** After the key is gone (release allocations). */
  afterDelete?(obj: KubeObject, store: GenericStore): Promise<void>;
  /** False while something other than metadata.finalizers holds the object (namespace spec.finalizers). */
  readyToDelete?(obj: KubeObject): boolean;
  /** Graceful deletion: the grace period in seconds for this delete (0 = at once). Pods only. */
  gracePeriod?(obj: KubeObject, options: DeleteOptions): number;
  /** Marks an object that is being deleted but stays (namespace phase Terminating). */
  onDeletionStarted?(obj: KubeObject): void;
  /** Answer DELETE with the object rather than a Status (upstream's ReturnDeletedObject). */
  returnDeletedObject?: boolean;
}
