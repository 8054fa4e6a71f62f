/**
 * @module api/apps/controllerrevisions/validation
 * apps/v1 ControllerRevision validation: `data` is required and never changes; `revision` is not
 * negative.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField } from '../../../machinery/validation/names.js';
import { validateImmutableField } from '../../core/common/checks.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import type { ControllerRevision } from './types.js';

export function validateCreate(cr: ControllerRevision): FieldError[] {
  const errs = validateMeta(cr.metadata, true, nameIsDNSSubdomain);
  if (cr.data == null) errs.push(fieldErrors.required(FieldPath.root('data'), 'data is mandatory'));
  errs.push(...validateNonnegativeField(cr.revision ?? 0, FieldPath.root('revision')));
  return errs;
}

export function validateUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  return [
    ...validateMetaUpdate(cr.metadata, old.metadata),
    ...validateCreate(cr),
    ...validateImmutableField(cr.data, old.data, FieldPath.root('data'), (v) => JSON.stringify(v)),
  ];
}
