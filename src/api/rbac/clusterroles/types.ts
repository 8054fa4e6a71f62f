/**
 * @module api/rbac/clusterroles/types
 * rbac.authorization.k8s.io/v1 ClusterRole.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { AggregationRule, PolicyRule } from '../common/types.js';

export interface ClusterRole extends KubeObject {
  rules?: PolicyRule[];
  aggregationRule?: AggregationRule;
}
