/**
 * @module controllers/serviceaccount/sync
 * Pure decision of the service account controller: every active namespace has a ServiceAccount
 * named `default`.
 */
import type { KubeObject } from '../../machinery/meta.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export type ServiceAccountAction = { kind: 'none' } | { kind: 'create'; object: KubeObject };

/** True when new objects may be created in the namespace (it exists and is not Terminating). */
export function isActive(ns: KubeObject | undefined): boolean {
  if (!ns || ns.metadata.deletionTimestamp) return false;
  return (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}

/** `existing` is the namespace's `default` ServiceAccount as cached, if any. */
export function decideServiceAccount(
  ns: KubeObject | undefined,
  existing: KubeObject | undefined,
): ServiceAccountAction {
  if (!isActive(ns) || existing) return { kind: 'none' };
  return {
    kind: 'create',
    object: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: ns!.metadata.name },
    },
  };
}
