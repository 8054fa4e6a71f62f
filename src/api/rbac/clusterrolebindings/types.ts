/**
 * @module api/rbac/clusterrolebindings/types
 * rbac.authorization.k8s.io/v1 ClusterRoleBinding.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { RoleRef, Subject } from '../common/types.js';

export interface ClusterRoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}
