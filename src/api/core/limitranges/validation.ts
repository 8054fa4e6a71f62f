/**
 * @module api/core/limitranges/validation
 * core/v1 LimitRange validation (upstream ValidateLimitRange): known limit types and resource
 * names, and the ordering min ≤ defaultRequest ≤ default ≤ max for every resource.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  compareQuantities,
  formatQuantity,
  tryParseQuantity,
  type Quantity,
} from '../../../machinery/quantity.js';
import { invalidEach, isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/validation/names.js';
import { GoFieldError } from '../common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import {
  goQuantity,
  isOvercommitAllowed,
  validateContainerResourceName,
  validateResourceName,
} from '../common/resources.js';
import type { LimitRange, LimitRangeItem, ResourceList } from './types.js';

const STANDARD_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

function validateTypeName(t: string, f: FieldPath): FieldError[] {
  const errs = invalidEach(f, t, isQualifiedName(t));
  if (errs.length) return errs;
  if (!t.includes('/') && !STANDARD_TYPES.has(t))
    return [fieldErrors.invalid(f, t, 'must be a standard limit type or fully qualified')];
  return [];
}

function resourceName(type: string, name: string, f: FieldPath): FieldError[] {
  return type === 'Pod' || type === 'Container'
    ? validateContainerResourceName(name, f)
    : validateResourceName(name, f);
}

const s = formatQuantity;

function validateItem(item: LimitRangeItem, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const keys = new Set<string>();
  const parsed: Record<string, Map<string, Quantity>> = {};
  const collect = (field: keyof LimitRangeItem & string, list: ResourceList | undefined) => {
    const m = new Map<string, Quantity>();
    for (const [k, v] of Object.entries(list ?? {})) {
      errs.push(...resourceName(item.type, k, p.child(field).key(k)));
      keys.add(k);
      const q = tryParseQuantity(v);
      if (q) m.set(k, q);
    }
    parsed[field] = m;
  };
  collect('max', item.max);
  collect('min', item.min);
  if (item.type === 'Pod') {
    if (Object.keys(item.default ?? {}).length)
      errs.push(fieldErrors.forbidden(p.child('default'), "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length)
      errs.push(
        fieldErrors.forbidden(p.child('defaultRequest'), "may not be specified when `type` is 'Pod'"),
      );
    parsed.default = new Map();
    parsed.defaultRequest = new Map();
  } else {
    collect('default', item.default);
    collect('defaultRequest', item.defaultRequest);
  }
  if (item.type === 'PersistentVolumeClaim' && !item.min?.storage && !item.max?.storage)
    errs.push(
      fieldErrors.required(
        p.child('limits'),
        'either minimum or maximum storage value is required, but neither was provided',
      ),
    );
  collect('maxLimitRequestRatio', item.maxLimitRequestRatio);
  const gt = (a: Quantity, b: Quantity) => compareQuantities(a, b) > 0;
  const inv = (field: string, k: string, q: Quantity, msg: string) =>
    errs.push(new GoFieldError('FieldValueInvalid', p.child(field).key(k).toString(), goQuantity(q), msg));
  for (const k of keys) {
    const min = parsed.min.get(k);
    const max = parsed.max.get(k);
    const def = parsed.default.get(k);
    const req = parsed.defaultRequest.get(k);
    const ratio = parsed.maxLimitRequestRatio.get(k);
    if (min && max && gt(min, max))
      inv('min', k, min, `min value ${s(min)} is greater than max value ${s(max)}`);
    if (req && min && gt(min, req))
      inv('defaultRequest', k, req, `min value ${s(min)} is greater than default request value ${s(req)}`);
    if (req && max && gt(req, max))
      inv('defaultRequest', k, req, `default request value ${s(req)} is greater than max value ${s(max)}`);
    if (req && def && gt(req, def))
      inv(
        'defaultRequest',
        k,
        req,
        `default request value ${s(req)} is greater than default limit value ${s(def)}`,
      );
    if (def && min && gt(min, def))
      inv('default', k, min, `min value ${s(min)} is greater than default value ${s(def)}`);
    if (def && max && gt(def, max))
      inv('default', k, max, `default value ${s(def)} is greater than max value ${s(max)}`);
    if (ratio && ratio.nanos < 1_000_000_000n)
      inv('maxLimitRequestRatio', k, ratio, `ratio ${s(ratio)} is less than 1`);
    if (ratio && min && max && min.nanos > 0n) {
      const limit = Number(max.nanos) / Number(min.nanos);
      if (Number(ratio.nanos) / 1e9 > limit)
        inv(
          'maxLimitRequestRatio',
          k,
          ratio,
          `ratio ${s(ratio)} is greater than max/min = ${limit.toFixed(6)}`,
        );
    }
    if (!isOvercommitAllowed(k) && def && req && compareQuantities(def, req) !== 0)
      inv(
        'defaultRequest',
        k,
        req,
        `default value ${s(def)} must equal to defaultRequest value ${s(req)} in ${k}`,
      );
  }
  return errs;
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const f = FieldPath.root('spec').child('limits');
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = f.index(i);
    errs.push(...validateTypeName(item.type ?? '', p.child('type')));
    if (seen.has(item.type)) errs.push(fieldErrors.duplicate(p.child('type'), item.type));
    seen.add(item.type);
    errs.push(...validateItem(item, p));
  });
  return errs;
}

export function validateCreate(lr: LimitRange): FieldError[] {
  return [...validateMeta(lr.metadata, true, nameIsDNSSubdomain), ...validateLimitRange(lr)];
}

export function validateUpdate(lr: LimitRange, old: LimitRange): FieldError[] {
  return [...validateMetaUpdate(lr.metadata, old.metadata), ...validateLimitRange(lr)];
}
