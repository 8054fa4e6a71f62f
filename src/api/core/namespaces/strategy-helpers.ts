/**
 * @module api/core/namespaces/strategy-helpers
 * What the apiserver does to a Namespace before storing it on create: the status starts Active and
 * the `kubernetes` finalizer is always present. This lives here rather than in defaults because
 * the finalizer may later be removed (through `/finalize`) and must not come back on update.
 */
import type { Namespace } from './types.js';

export const FINALIZER_KUBERNETES = 'kubernetes';

export function prepareNamespaceForCreate(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  ns.spec ??= {};
  const finalizers = ns.spec.finalizers ?? [];
  if (!finalizers.includes(FINALIZER_KUBERNETES)) ns.spec.finalizers = [...finalizers, FINALIZER_KUBERNETES];
}
