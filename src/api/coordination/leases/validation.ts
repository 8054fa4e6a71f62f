/**
 * @module api/coordination/leases/validation
 * coordination/v1 Lease validation: a positive duration and a non-negative transition count.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import type { Lease } from './types.js';

function validateSpec(lease: Lease): FieldError[] {
  const s = lease.spec ?? {};
  const f = FieldPath.root('spec');
  const errs: FieldError[] = [];
  if (s.leaseDurationSeconds != null && s.leaseDurationSeconds <= 0)
    errs.push(
      fieldErrors.invalid(f.child('leaseDurationSeconds'), s.leaseDurationSeconds, 'must be greater than 0'),
    );
  if (s.leaseTransitions != null && s.leaseTransitions < 0)
    errs.push(
      fieldErrors.invalid(
        f.child('leaseTransitions'),
        s.leaseTransitions,
        'must be greater than or equal to 0',
      ),
    );
  return errs;
}

export function validateCreate(lease: Lease): FieldError[] {
  return [...validateMeta(lease.metadata, true, nameIsDNSSubdomain), ...validateSpec(lease)];
}

export function validateUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateMetaUpdate(lease.metadata, old.metadata), ...validateSpec(lease)];
}
