/**
 * @module api/apps/replicasets/defaults
 * apps/v1 ReplicaSet defaults: 1 replica and the PodSpec defaults in the template.
 */
import { setTemplateDefaults } from '../../core/common/pod-template.js';
import type { ReplicaSet } from './types.js';

export function setDefaults(rs: ReplicaSet): void {
  rs.spec ??= {};
  rs.spec.replicas ??= 1;
  setTemplateDefaults(rs.spec.template);
}
