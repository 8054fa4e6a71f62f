/**
 * @module api/rbac/clusterrolebindings/defaults
 * rbac/v1 ClusterRoleBinding defaults: as for RoleBindings.
 */
import { setBindingDefaults } from '../common/rules.js';
import type { ClusterRoleBinding } from './types.js';

export function setDefaults(crb: ClusterRoleBinding): void {
  setBindingDefaults(crb);
}
