/**
 * @module api/rbac/rolebindings/defaults
 * rbac/v1 RoleBinding defaults: roleRef.apiGroup and User/Group subject apiGroup are
 * `rbac.authorization.k8s.io`.
 */
import { setBindingDefaults } from '../common/rules.js';
import type { RoleBinding } from './types.js';

export function setDefaults(rb: RoleBinding): void {
  setBindingDefaults(rb);
}
