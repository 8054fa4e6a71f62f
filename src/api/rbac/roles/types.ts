/**
 * @module api/rbac/roles/types
 * rbac.authorization.k8s.io/v1 Role.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { PolicyRule } from '../common/types.js';

export interface Role extends KubeObject {
  rules?: PolicyRule[];
}
