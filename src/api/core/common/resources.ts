/**
 * @module api/core/common/resources
 * Resource names and quantities as LimitRange, ResourceQuota and Node validation check them
 * (upstream pkg/apis/core/helper and the resource parts of core validation), and the Go spelling
 * of a `resource.Quantity` that those errors print.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import { formatQuantity, tryParseQuantity, type Quantity } from '../../../machinery/quantity.js';
import { invalidEach, isQualifiedName, IS_NEGATIVE_ERROR_MSG } from '../../../machinery/validation/names.js';
import { GoFieldError } from './go-value.js';

const HUGEPAGES = /^(requests\.|limits\.)?hugepages-/;

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);

const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || HUGEPAGES.test(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || HUGEPAGES.test(name);
}

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Extended resources (`example.com/gpu`) and object counts (`count/...`) hold whole numbers. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || name.startsWith('count/') || !isNativeResource(name);
}

/** Hugepages, and extended resources, may not be overcommitted. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !HUGEPAGES.test(name);
}

export function validateResourceName(name: string, f: FieldPath): FieldError[] {
  const errs = invalidEach(f, name, isQualifiedName(name));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name))
    return [fieldErrors.invalid(f, name, 'must be a standard resource type or fully qualified')];
  return [];
}

export function validateContainerResourceName(name: string, f: FieldPath): FieldError[] {
  const errs = validateResourceName(name, f);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !HUGEPAGES.test(name))
      return [...errs, fieldErrors.invalid(f, name, 'must be a standard resource for containers')];
  } else if (!isNativeResource(name) && name.startsWith('requests.')) {
    return [...errs, fieldErrors.invalid(f, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

export function validateQuotaResourceName(name: string, f: FieldPath): FieldError[] {
  const errs = validateResourceName(name, f);
  if (!name.includes('/') && !isStandardQuotaResourceName(name))
    return [...errs, fieldErrors.invalid(f, name, 'must be a standard resource for quota')];
  return errs;
}

/** `resource.Quantity{i:resource.int64Amount{value:100, scale:-3}, ...}` as Go's %#v prints it. */
export function goQuantity(q: Quantity): string {
  let value = q.nanos;
  let scale = -9;
  while (scale < 0 && value % 1000n === 0n) {
    value /= 1000n;
    scale += 3;
  }
  if (value === 0n) scale = 0;
  return (
    `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, ` +
    `d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(formatQuantity(q))}, Format:${JSON.stringify(q.format)}}`
  );
}

/** Quantities in quota and node status: not negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, text: string, f: FieldPath): FieldError[] {
  const q = tryParseQuantity(text);
  if (!q) return [];
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(fieldErrors.invalid(f, formatQuantity(q), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResourceName(name) && q.nanos % 1_000_000_000n !== 0n)
    errs.push(new GoFieldError('FieldValueInvalid', f.toString(), goQuantity(q), 'must be an integer'));
  return errs;
}
