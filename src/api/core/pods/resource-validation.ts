/**
 * @module api/core/pods/resource-validation
 * Validation of container `resources`: resource names (standard, `hugepages-*`, or extended
 * `domain/name`), quantities (parsable, non-negative, whole numbers for extended resources),
 * requests within limits (`must be less than or equal to memory limit of 1Gi`), and claims.
 */
import { FieldError, fieldErrors, type FieldPath } from '../../../machinery/field-errors.js';
import {
  compareQuantities,
  formatQuantity,
  tryParseQuantity,
  type Quantity,
} from '../../../machinery/quantity.js';
import { invalidEach, isDNS1123Label, isQualifiedName } from '../../../machinery/validation/names.js';
import type { ResourceRequirements } from './types.js';

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'requests.storage', 'services.nodeports', 'services.loadbalancers', 'storage',
]); // prettier-ignore
const INTEGER_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'count/*',
]); // prettier-ignore

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** No `/`, or a `*kubernetes.io/` prefix. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Native resources other than huge pages may be overcommitted (requests below limits). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function isStandardResourceName(name: string): boolean {
  return (
    STANDARD_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-')
  );
}

function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** Upstream validateContainerResourceName (via validateResourceName). */
export function validateContainerResourceName(name: string, f: FieldPath): FieldError[] {
  let errs = invalidEach(f, name, isQualifiedName(name));
  if (errs.length === 0 && !name.includes('/') && !isStandardResourceName(name))
    errs = [fieldErrors.invalid(f, name, 'must be a standard resource type or fully qualified')];
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePageResourceName(name))
      errs.push(fieldErrors.invalid(f, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(fieldErrors.invalid(f, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Parses the quantity; unparsable text is reported (the real apiserver rejects it while decoding). */
function quantityAt(text: unknown, f: FieldPath, errs: FieldError[]): Quantity | undefined {
  const q = tryParseQuantity(text);
  if (!q)
    errs.push(
      fieldErrors.invalid(
        f,
        text,
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ),
    );
  return q;
}

/** Non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n)
    errs.push(fieldErrors.invalid(f, formatQuantity(q), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.nanos % 1_000_000_000n !== 0n)
    errs.push(fieldErrors.invalid(f, formatQuantity(q), 'must be an integer'));
  return errs;
}

/**
 * Validates a container's resource requirements. `claimNames` are the pod's resourceClaims names
 * that `resources.claims` may refer to.
 */
export function validateResourceRequirements(
  req: ResourceRequirements | undefined,
  claimNames: Set<string>,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = f.child('limits');
  const reqPath = f.child('requests');
  const limits = new Map<string, Quantity>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, text] of Object.entries(req?.limits ?? {})) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(text, p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, text] of Object.entries(req?.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(text, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      const cmp = compareQuantities(q, lim);
      if (cmp !== 0 && !isOvercommitAllowed(name))
        errs.push(
          fieldErrors.invalid(
            reqPath,
            formatQuantity(q),
            `must be equal to ${name} limit of ${formatQuantity(lim)}`,
          ),
        );
      else if (cmp > 0)
        errs.push(
          fieldErrors.invalid(
            reqPath,
            formatQuantity(q),
            `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`,
          ),
        );
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErrors.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(fieldErrors.forbidden(f, 'HugePages require cpu or memory'));
  errs.push(...validateClaimRefs(req?.claims, claimNames, f.child('claims')));
  return errs;
}

function validateClaimRefs(
  claims: ResourceRequirements['claims'],
  claimNames: Set<string>,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (claims ?? []).forEach((c, i) => {
    const p = f.index(i);
    if (!c.name) {
      errs.push(fieldErrors.required(p));
      return;
    }
    const key = c.request ? `${c.name}/${c.request}` : c.name;
    if (seen.has(c.name) || seen.has(key))
      errs.push(fieldErrors.duplicate(p, seen.has(c.name) ? c.name : key));
    else {
      if (c.request) errs.push(...invalidEach(p.child('request'), c.request, isDNS1123Label(c.request)));
      seen.add(key);
    }
    if (!claimNames.has(c.name)) {
      const listed = [...claimNames].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${listed.length ? ': ' + listed.join(', ') : ' which is empty'}`;
      errs.push(new FieldError('FieldValueNotFound', p.toString(), c.name, detail));
    }
  });
  return errs;
}
