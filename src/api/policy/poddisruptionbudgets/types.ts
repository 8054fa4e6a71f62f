/**
 * @module api/policy/poddisruptionbudgets/types
 * policy/v1 PodDisruptionBudget.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { LabelSelector } from '../../core/pods/types.js';

export interface PodDisruptionBudget extends KubeObject {
  spec?: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector;
    unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow' | string;
  };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    conditions?: { type: string; status: string; [k: string]: unknown }[];
  };
}
