/**
 * @module api/apps/daemonsets/defaults
 * apps/v1 DaemonSet defaults: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions
 * kept, and the PodSpec defaults in the template.
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { DaemonSet } from './types.js';

export function setDefaults(ds: DaemonSet): void {
  ds.spec ??= {};
  const spec = ds.spec;
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) spec.updateStrategy.type = 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  setTemplateDefaults(spec.template);
}
