/**
 * @module api/core/secrets/validation
 * core/v1 Secret validation (upstream ValidateSecret*): config-key names, a 1 MiB payload, the
 * keys each well-known type requires, and immutability of `type` (always) and of `data` (once
 * `immutable: true`).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { invalidEach, isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { deepEqual, validateImmutableField } from '../common/checks.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { MAX_SECRET_SIZE, base64Length } from '../common/sizes.js';
import { goJSONObjectError } from './go-json.js';
import { SECRET_TYPES as T, SERVICE_ACCOUNT_NAME_KEY, type Secret } from './types.js';

const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';
const REDACTED = '<secret contents redacted>';

function validateTypeKeys(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const dataPath = FieldPath.root('data');
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const jsonKey = (key: string): FieldError[] => {
    if (!has(key)) return [fieldErrors.required(dataPath.key(key), '')];
    const err = goJSONObjectError(Buffer.from(data[key] ?? '', 'base64').toString('utf8'));
    return err ? [fieldErrors.invalid(dataPath.key(key), REDACTED, err)] : [];
  };
  switch (secret.type) {
    case T.serviceAccountToken:
      return secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_KEY]
        ? []
        : [
            fieldErrors.required(
              FieldPath.root('metadata').child('annotations').key(SERVICE_ACCOUNT_NAME_KEY),
              '',
            ),
          ];
    case T.dockercfg:
      return jsonKey('.dockercfg');
    case T.dockerConfigJson:
      return jsonKey('.dockerconfigjson');
    case T.basicAuth:
      return has('username') || has('password')
        ? []
        : [
            fieldErrors.required(dataPath.key('username'), ''),
            fieldErrors.required(dataPath.key('password'), ''),
          ];
    case T.sshAuth:
      return base64Length(data['ssh-privatekey'] ?? '') === 0
        ? [fieldErrors.required(dataPath.key('ssh-privatekey'), '')]
        : [];
    case T.tls:
      return [
        ...(has('tls.crt') ? [] : [fieldErrors.required(dataPath.key('tls.crt'), '')]),
        ...(has('tls.key') ? [] : [fieldErrors.required(dataPath.key('tls.key'), '')]),
      ];
    default:
      return [];
  }
}

function validateSecret(secret: Secret): FieldError[] {
  const errs = validateMeta(secret.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errs.push(...invalidEach(FieldPath.root('data').key(key), key, isConfigMapKey(key)));
    total += base64Length(value ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(fieldErrors.tooLong('data', '', MAX_SECRET_SIZE));
  errs.push(...validateTypeKeys(secret));
  return errs;
}

export function validateCreate(secret: Secret): FieldError[] {
  return validateSecret(secret);
}

export function validateUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateMetaUpdate(secret.metadata, old.metadata);
  errs.push(...validateImmutableField(secret.type ?? '', old.type ?? '', 'type'));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE_MSG));
    if (!deepEqual(secret.data, old.data)) errs.push(fieldErrors.forbidden('data', IMMUTABLE_MSG));
  }
  return [...errs, ...validateSecret(secret)];
}
