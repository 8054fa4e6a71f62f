/**
 * @module api/core/namespaces/types
 * core/v1 Namespace.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: 'Active' | 'Terminating' | string; conditions?: NamespaceCondition[] };
}
