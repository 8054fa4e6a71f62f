/**
 * @module api/apps/deployments/defaults
 * apps/v1 Deployment defaults (upstream SetDefaults_Deployment): 1 replica, RollingUpdate with
 * 25% surge and 25% unavailable, 10 old ReplicaSets kept, a 600 s progress deadline, and the
 * PodSpec defaults in the template.
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { Deployment } from './types.js';

export function setDefaults(d: Deployment): void {
  d.spec ??= {};
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  setTemplateDefaults(spec.template);
}
