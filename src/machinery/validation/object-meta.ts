/**
 * @module machinery/validation/object-meta
 * Validation of `metadata` shared by every kind: names, namespace scope, labels, annotations,
 * owner references, finalizers, managed fields, and what an update may not change. Mirrors
 * upstream apimachinery pkg/api/validation (ValidateObjectMeta / ValidateObjectMetaUpdate); the
 * result lists keep upstream's order so the first error a client sees is the same.
 */
import { FieldError, FieldPath, fieldErrors } from '../field-errors.js';
import type { ObjectMeta, OwnerReference, ManagedFieldsEntry } from '../meta.js';
import {
  NameValidator,
  byteLength,
  invalidEach,
  isQualifiedName,
  isValidLabelValue,
  validateNamespaceName,
  validateNonnegativeField,
} from './names.js';

export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
/** Sum of the bytes of every annotation key and value. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;
const FIELD_MANAGER_MAX_LENGTH = 128;

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';

export function validateLabelName(name: string, f: FieldPath): FieldError[] {
  return invalidEach(f, name, isQualifiedName(name));
}

/** Every key must be a qualified name and every value a label value; errors sit at `labels`. */
export function validateLabels(labels: Record<string, string> | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, f));
    errs.push(...invalidEach(f, v, isValidLabelValue(String(v))));
  }
  return errs;
}

export function annotationsSize(annotations: Record<string, string> | undefined): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {}))
    total += byteLength(k) + byteLength(String(v ?? ''));
  return total;
}

/** Keys are checked case-insensitively as qualified names; the whole map may hold at most 256 KiB. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(annotations ?? {}))
    errs.push(...invalidEach(f, k, isQualifiedName(k.toLowerCase())));
  if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT_B)
    errs.push(fieldErrors.tooLong(f, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  // upstream cannot parse it and ends up with an empty version
  return { group: '', version: '' };
}

function validateOwnerReference(ref: OwnerReference, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const { group, version } = splitApiVersion(ref.apiVersion ?? '');
  if (!version)
    errs.push(fieldErrors.invalid(f.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(fieldErrors.invalid(f.child('kind'), ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(fieldErrors.invalid(f.child('name'), ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(fieldErrors.invalid(f.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  if (group === '' && version === 'v1' && ref.kind === 'Event')
    errs.push(fieldErrors.invalid(f, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return errs;
}

/** Errors sit at `ownerReferences` itself (upstream does not index them). At most one controller. */
export function validateOwnerReferences(refs: OwnerReference[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, f));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController)
        errs.push(
          fieldErrors.invalid(
            f,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      else firstController = current;
    }
  }
  return errs;
}

export function validateFinalizerName(name: string, f: FieldPath): FieldError[] {
  return invalidEach(f, name, isQualifiedName(name));
}

export function validateFinalizers(finalizers: string[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const fin of list) errs.push(...validateFinalizerName(fin, f));
  if (list.includes(FINALIZER_ORPHAN) && list.includes(FINALIZER_FOREGROUND))
    errs.push(
      fieldErrors.invalid(
        f,
        list,
        `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`,
      ),
    );
  return errs;
}

/** While an object is being deleted its finalizers may only shrink. */
export function validateNoNewFinalizers(
  next: string[] | undefined,
  old: string[] | undefined,
  f: FieldPath,
): FieldError[] {
  const before = new Set(old ?? []);
  const extra = [...new Set((next ?? []).filter((x) => !before.has(x)))].sort();
  if (extra.length === 0) return [];
  const rendered = `[]string{${extra.map((x) => JSON.stringify(x)).join(', ')}}`;
  return [
    fieldErrors.forbidden(
      f,
      `no new finalizers can be added if the object is being deleted, found new finalizers ${rendered}`,
    ),
  ];
}

export function validateManagedFields(entries: ManagedFieldsEntry[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const fp = f.index(i);
    if (e.operation !== 'Apply' && e.operation !== 'Update')
      errs.push(fieldErrors.invalid(fp.child('operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    if (e.fieldsType && e.fieldsType !== 'FieldsV1')
      errs.push(fieldErrors.invalid(fp.child('fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    if (e.manager && byteLength(e.manager) > FIELD_MANAGER_MAX_LENGTH)
      errs.push(fieldErrors.tooLong(fp.child('manager'), '', FIELD_MANAGER_MAX_LENGTH));
    if (e.subresource && byteLength(e.subresource) > MAX_SUBRESOURCE_NAME_LENGTH)
      errs.push(fieldErrors.tooLong(fp.child('subresource'), '', MAX_SUBRESOURCE_NAME_LENGTH));
  });
  return errs;
}

/**
 * Validates metadata on create (and as the base of update checks). `namespaced` says whether the
 * kind requires a namespace (cluster-scoped kinds must not carry one). The name is required here:
 * the apiserver turns generateName into a name before validating.
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameValidator: NameValidator,
  f: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName)
    errs.push(...invalidEach(f.child('generateName'), m.generateName, nameValidator(m.generateName, true)));
  if (!m.name) errs.push(fieldErrors.required(f.child('name'), 'name or generateName is required'));
  else errs.push(...invalidEach(f.child('name'), m.name, nameValidator(m.name, false)));
  if (namespaced) {
    if (!m.namespace) errs.push(fieldErrors.required(f.child('namespace'), ''));
    else
      errs.push(...invalidEach(f.child('namespace'), m.namespace, validateNamespaceName(m.namespace, false)));
  } else if (m.namespace) {
    errs.push(fieldErrors.forbidden(f.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation ?? 0, f.child('generation')));
  errs.push(...validateLabels(m.labels, f.child('labels')));
  errs.push(...validateAnnotations(m.annotations, f.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, f.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, f.child('finalizers')));
  errs.push(...validateManagedFields(m.managedFields, f.child('managedFields')));
  return errs;
}

/** Go's time.Time String() for a UTC instant (`2024-01-02 03:04:05 +0000 UTC`); zero time when unset. */
function goTimeString(ts: string | null | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ts).toISOString(); // 2024-01-02T03:04:05.000Z
  const frac = iso.slice(19, 23).replace(/\.?0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac} +0000 UTC`;
}

function immutable(next: unknown, old: unknown, f: FieldPath): FieldError[] {
  return (next ?? null) === (old ?? null)
    ? []
    : [fieldErrors.invalid(f, next ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}

function sameTime(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return new Date(a).getTime() === new Date(b).getTime();
}

/**
 * What an update may change in metadata: name, namespace, uid, creation and deletion timestamps and
 * the deletion grace period are fixed; resourceVersion must be given; generation may not go down;
 * a terminating object may not gain finalizers. Labels, annotations, owner references and managed
 * fields are re-validated.
 */
export function validateObjectMetaUpdate(
  next: ObjectMeta,
  old: ObjectMeta,
  f: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp)
    errs.push(...validateNoNewFinalizers(next.finalizers, old.finalizers, f.child('finalizers')));
  if (!next.resourceVersion)
    errs.push(
      fieldErrors.invalid(
        f.child('resourceVersion'),
        next.resourceVersion ?? '',
        'must be specified for an update',
      ),
    );
  if ((next.generation ?? 0) < (old.generation ?? 0))
    errs.push(fieldErrors.invalid(f.child('generation'), next.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(next.name ?? '', old.name ?? '', f.child('name')));
  errs.push(...immutable(next.namespace ?? '', old.namespace ?? '', f.child('namespace')));
  errs.push(...immutable(next.uid ?? '', old.uid ?? '', f.child('uid')));
  if (!sameTime(next.creationTimestamp, old.creationTimestamp))
    errs.push(
      fieldErrors.invalid(
        f.child('creationTimestamp'),
        goTimeString(next.creationTimestamp),
        FIELD_IMMUTABLE_ERROR_MSG,
      ),
    );
  if (!sameTime(next.deletionTimestamp, old.deletionTimestamp))
    errs.push(
      fieldErrors.invalid(
        f.child('deletionTimestamp'),
        next.deletionTimestamp ? goTimeString(next.deletionTimestamp) : null,
        FIELD_IMMUTABLE_ERROR_MSG,
      ),
    );
  errs.push(
    ...immutable(
      next.deletionGracePeriodSeconds,
      old.deletionGracePeriodSeconds,
      f.child('deletionGracePeriodSeconds'),
    ),
  );
  errs.push(...validateLabels(next.labels, f.child('labels')));
  errs.push(...validateAnnotations(next.annotations, f.child('annotations')));
  errs.push(...validateOwnerReferences(next.ownerReferences, f.child('ownerReferences')));
  errs.push(...validateManagedFields(next.managedFields, f.child('managedFields')));
  return errs;
}
