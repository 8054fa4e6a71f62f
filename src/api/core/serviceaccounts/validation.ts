/**
 * @module api/core/serviceaccounts/validation
 * core/v1 ServiceAccount validation: only metadata (name is a DNS-1123 subdomain).
 */
import type { FieldError } from '../../../machinery/field-errors.js';
import { validateServiceAccountName } from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import type { ServiceAccount } from './types.js';

export function validateCreate(sa: ServiceAccount): FieldError[] {
  return validateMeta(sa.metadata, true, validateServiceAccountName);
}

export function validateUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return [...validateMetaUpdate(sa.metadata, old.metadata), ...validateCreate(sa)];
}
