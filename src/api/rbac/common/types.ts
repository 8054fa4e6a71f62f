/**
 * @module api/rbac/common/types
 * rbac.authorization.k8s.io/v1 types shared by Roles, ClusterRoles and their bindings.
 */
import type { LabelSelector } from '../../core/pods/types.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'ServiceAccount' | 'User' | 'Group' | string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | string;
  name: string;
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}
