/**
 * @module api/strategy
 * The create/update strategies most resources share:
 *  - plain: no status, no generation;
 *  - status: status is set through the status subresource only;
 *  - generation: like status, and metadata.generation counts spec changes (workloads);
 *  - keepStatusOnCreate: clients may set status on create (nodes register with it);
 *  - namespace: spec.finalizers and status change only through finalize/status.
 */
import type { KubeObject } from '../machinery/meta.js';
import type { ResourceDefinition } from './types.js';

type Hooks = Pick<ResourceDefinition, 'prepareForCreate' | 'prepareForUpdate'>;
type WithSpec = KubeObject & { spec?: unknown; status?: unknown };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function keepOldStatus(obj: WithSpec, old: WithSpec): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
}

export const strategies: Record<
  'plain' | 'status' | 'generation' | 'keepStatusOnCreate' | 'namespace',
  Hooks
> = {
  plain: {},
  status: {
    prepareForCreate(obj: WithSpec) {
      obj.status = {};
    },
    prepareForUpdate(obj: WithSpec, old: WithSpec) {
      keepOldStatus(obj, old);
    },
  },
  generation: {
    prepareForCreate(obj: WithSpec) {
      obj.status = {};
      obj.metadata.generation = 1;
    },
    prepareForUpdate(obj: WithSpec, old: WithSpec) {
      keepOldStatus(obj, old);
      const oldGen = old.metadata.generation ?? 1;
      obj.metadata.generation = same(obj.spec, old.spec) && !deletionStarted(obj, old) ? oldGen : oldGen + 1;
    },
  },
  keepStatusOnCreate: {
    prepareForUpdate(obj: WithSpec, old: WithSpec) {
      keepOldStatus(obj, old);
    },
  },
  namespace: {
    prepareForCreate(obj: WithSpec) {
      obj.status = { phase: 'Active' };
    },
    prepareForUpdate(obj: WithSpec, old: WithSpec) {
      keepOldStatus(obj, old);
      const spec = (obj.spec ??= {}) as { finalizers?: string[] };
      const oldSpec = (old.spec ?? {}) as { finalizers?: string[] };
      if (oldSpec.finalizers) spec.finalizers = [...oldSpec.finalizers];
      else delete spec.finalizers;
    },
  },
};

function deletionStarted(obj: KubeObject, old: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && !old.metadata.deletionTimestamp;
}
