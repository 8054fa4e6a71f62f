/**
 * @module api/rbac/rolebindings/types
 * rbac.authorization.k8s.io/v1 RoleBinding.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { RoleRef, Subject } from '../common/types.js';

export interface RoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}
