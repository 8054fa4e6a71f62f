/**
 * @module api/scheduling/priorityclasses/validation
 * scheduling/v1 PriorityClass validation, after upstream's: `system-` names belong to the built-in
 * classes (with their values), other classes may not go above 1000000000, the preemption policy
 * is PreemptLowerPriority or Never, and value and policy never change.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import {
  HIGHEST_USER_DEFINABLE_PRIORITY,
  SYSTEM_PREFIX,
  SYSTEM_PRIORITY_CLASSES,
  type PriorityClass,
} from './types.js';

const POLICIES = ['PreemptLowerPriority', 'Never'];

function knownSystemClassError(pc: PriorityClass): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.metadata.name === pc.metadata.name);
  if (!known) return `${pc.metadata.name} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${pc.metadata.name} PriorityClass must be ${known.value}`;
  if (pc.globalDefault) return `globalDefault of ${pc.metadata.name} PriorityClass must be false`;
  return undefined;
}

function validateClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata.name ?? '';
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = knownSystemClassError(pc);
    if (err)
      errs.push(
        fieldErrors.forbidden(
          FieldPath.root('metadata').child('name'),
          `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`,
        ),
      );
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      fieldErrors.forbidden(
        'value',
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  }
  if (pc.preemptionPolicy === '') errs.push(fieldErrors.required('preemptionPolicy'));
  else if (pc.preemptionPolicy !== undefined && !POLICIES.includes(pc.preemptionPolicy))
    errs.push(fieldErrors.notSupported('preemptionPolicy', pc.preemptionPolicy, POLICIES));
  return errs;
}

export function validateCreate(pc: PriorityClass): FieldError[] {
  return [...validateMeta(pc.metadata, false, nameIsDNSSubdomain), ...validateClass(pc)];
}

export function validateUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs = [...validateMetaUpdate(pc.metadata, old.metadata)];
  if (pc.value !== old.value) errs.push(fieldErrors.forbidden('value', 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy)
    errs.push(fieldErrors.invalid('preemptionPolicy', pc.preemptionPolicy, 'field is immutable'));
  return errs;
}
