/**
 * @module api/core/pods/env-validation
 * Validation of container `env` and `envFrom`: names (the relaxed 1.32 rule: printable ASCII
 * without `=`), exactly one `valueFrom` source, downward API field paths, key references.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isConfigMapKey,
  isRelaxedEnvVarName,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import type { EnvFromSource, EnvVar } from './types.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './volume-validation.js';

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]; // prettier-ignore

function validateKeyRef(ref: { name?: string; key?: string }, f: FieldPath): FieldError[] {
  const errs = invalidEach(f.child('name'), ref.name ?? '', nameIsDNSSubdomain(ref.name ?? '', false));
  if (!ref.key) errs.push(fieldErrors.required(f.child('key')));
  else errs.push(...invalidEach(f.child('key'), ref.key, isConfigMapKey(ref.key)));
  return errs;
}

function validateEnvValueFrom(ev: EnvVar, f: FieldPath): FieldError[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  let count = 0;
  if (from.fieldRef) {
    count++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, f.child('fieldRef')));
  }
  if (from.resourceFieldRef) {
    count++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, false, f.child('resourceFieldRef')));
  }
  if (from.configMapKeyRef) {
    count++;
    errs.push(...validateKeyRef(from.configMapKeyRef, f.child('configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    count++;
    errs.push(...validateKeyRef(from.secretKeyRef, f.child('secretKeyRef')));
  }
  if (count === 0)
    errs.push(
      fieldErrors.invalid(
        f,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ),
    );
  else if (ev.value) errs.push(fieldErrors.invalid(f, '', 'may not be specified when `value` is not empty'));
  else if (count > 1)
    errs.push(fieldErrors.invalid(f, '', 'may not have more than one field specified at a time'));
  return errs;
}

export function validateEnv(env: EnvVar[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = f.index(i);
    if (!ev.name) errs.push(fieldErrors.required(p.child('name')));
    else errs.push(...invalidEach(p.child('name'), ev.name, isRelaxedEnvVarName(ev.name)));
    errs.push(...validateEnvValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(list: EnvFromSource[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((src, i) => {
    const p = f.index(i);
    if (src.prefix) errs.push(...invalidEach(p.child('prefix'), src.prefix, isRelaxedEnvVarName(src.prefix)));
    let count = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = src[kind];
      if (!ref) continue;
      count++;
      if (!ref.name) errs.push(fieldErrors.required(p.child(kind, 'name')));
      else errs.push(...invalidEach(p.child(kind, 'name'), ref.name, nameIsDNSSubdomain(ref.name, true)));
    }
    if (count === 0)
      errs.push(fieldErrors.invalid(f, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1)
      errs.push(fieldErrors.invalid(f, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
