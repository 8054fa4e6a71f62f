/**
 * @module api/apps/statefulsets/defaults
 * apps/v1 StatefulSet defaults (upstream SetDefaults_StatefulSet): OrderedReady pod management,
 * RollingUpdate with partition 0, Retain/Retain PVC retention, 1 replica, 10 revisions kept, the
 * PodSpec defaults in the template, and the PVC defaults in each volume claim template.
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { StatefulSet } from './types.js';

export function setDefaults(sts: StatefulSet): void {
  sts.spec ??= {};
  const spec = sts.spec;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate)
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  setTemplateDefaults(spec.template);
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    pvc.spec ??= {};
    if (!pvc.spec.volumeMode) pvc.spec.volumeMode = 'Filesystem';
    pvc.status ??= {};
    if (!pvc.status.phase) pvc.status.phase = 'Pending';
  }
}
