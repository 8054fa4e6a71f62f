/**
 * @module api/scheduling/priorityclasses/types
 * scheduling.k8s.io/v1 PriorityClass.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface PriorityClass extends KubeObject {
  value: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

/** Names starting with this are reserved for the built-in classes. */
export const SYSTEM_PREFIX = 'system-';
/** The highest value a class outside the system ones may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** The classes every cluster has, as upstream's API server creates them at start. */
export const SYSTEM_PRIORITY_CLASSES: PriorityClass[] = [
  {
    metadata: { name: 'system-node-critical' },
    value: 2_000_001_000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
  {
    metadata: { name: 'system-cluster-critical' },
    value: 2_000_000_000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
];
