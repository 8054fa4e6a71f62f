/**
 * @module api/apps/common/types
 * Types shared by the apps/v1 kinds.
 */
import type { LabelSelector } from '../../core/pods/types.js';

export type { LabelSelector };
export type IntOrString = number | string;

export interface WorkloadCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
