/**
 * @module api/apps/replicasets/validation
 * apps/v1 ReplicaSet validation (upstream ValidateReplicaSet*; the selector is immutable in
 * apps/v1).
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  validateControllerTemplate,
  validateReplicaCounters,
  validateRequiredSelector,
  validateSelectorUnchanged,
} from '../common/workload.js';
import type { ReplicaSet } from './types.js';

const spec = FieldPath.root('spec');

function validateSpec(rs: ReplicaSet): FieldError[] {
  const s = rs.spec ?? {};
  return [
    ...validateNonnegativeField(s.replicas ?? 0, spec.child('replicas')),
    ...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')),
    // Upstream's message says "deployment" here too.
    ...validateRequiredSelector(s.selector, 'deployment', spec.child('selector')),
    ...validateControllerTemplate(s.template, s.selector, 'ReplicaSet', spec.child('template')),
  ];
}

export function validateCreate(rs: ReplicaSet): FieldError[] {
  return [...validateMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateSpec(rs)];
}

export function validateUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateMetaUpdate(rs.metadata, old.metadata),
    ...validateSpec(rs),
    ...validateSelectorUnchanged(rs.spec?.selector, old.spec?.selector, spec.child('selector')),
  ];
}

export function validateStatusUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateMetaUpdate(rs.metadata, old.metadata),
    ...validateReplicaCounters(
      (rs.status ?? {}) as Record<string, unknown>,
      ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
      ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'],
      'readyReplicas',
      'cannot be greater than readyReplicas',
    ),
  ];
}
