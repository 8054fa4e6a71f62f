/**
 * @module api/apps/replicasets/types
 * apps/v1 ReplicaSet.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { PodTemplateSpec } from '../../core/pods/types.js';
import type { LabelSelector, WorkloadCondition } from '../common/types.js';

export interface ReplicaSet extends KubeObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
  };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    terminatingReplicas?: number;
    observedGeneration?: number;
    conditions?: WorkloadCondition[];
  };
}
