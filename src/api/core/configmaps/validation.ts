/**
 * @module api/core/configmaps/validation
 * core/v1 ConfigMap validation (upstream ValidateConfigMap*): keys are config keys, a key may not
 * be in both `data` and `binaryData`, the payload is at most 1 MiB, and an immutable ConfigMap
 * keeps its data.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { invalidEach, isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { deepEqual } from '../common/checks.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { MAX_SECRET_SIZE, base64Length, utf8Length } from '../common/sizes.js';
import type { ConfigMap } from './types.js';

const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    const p = FieldPath.root('data').key(key);
    errs.push(...invalidEach(p, key, isConfigMapKey(key)));
    if (cm.binaryData && key in cm.binaryData)
      errs.push(fieldErrors.invalid(p, key, 'duplicate of key present in binaryData'));
    total += utf8Length(value ?? '');
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...invalidEach(FieldPath.root('binaryData').key(key), key, isConfigMapKey(key)));
    total += base64Length(value ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(fieldErrors.tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

export function validateCreate(cm: ConfigMap): FieldError[] {
  return validateConfigMap(cm);
}

export function validateUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE_MSG));
    if (!deepEqual(cm.data, old.data)) errs.push(fieldErrors.forbidden('data', IMMUTABLE_MSG));
    if (!deepEqual(cm.binaryData, old.binaryData))
      errs.push(fieldErrors.forbidden('binaryData', IMMUTABLE_MSG));
  }
  return [...errs, ...validateConfigMap(cm)];
}
