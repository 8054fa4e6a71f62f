/**
 * @module api/rbac/clusterroles/defaults
 * ClusterRoles have no defaults upstream.
 */
import type { ClusterRole } from './types.js';

export function setDefaults(role: ClusterRole): void {
  void role;
}
