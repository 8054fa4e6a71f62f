/**
 * @module api/core/common/checks
 * Small validation building blocks shared by the kinds in `src/api/*` (other than Pods): deep
 * equality for immutability checks, label selectors, int-or-percent values, port numbers and
 * names, and the "non-special IP" rule for endpoints and external IPs. Wording follows upstream
 * (apimachinery validation and pkg/apis/core/validation); every function returns field errors and
 * never throws.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import { labelSelectorMatcher } from '../../../machinery/labels.js';
import {
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  ipFamily,
  invalidEach,
  validateNonnegativeField,
} from '../../../machinery/validation/names.js';
import {
  FIELD_IMMUTABLE_ERROR_MSG,
  validateLabelName,
  validateLabels,
} from '../../../machinery/validation/object-meta.js';
import { goErrors, goIntOrString, type GoLabelSelectorLike } from './go-value.js';

/** Structural equality of JSON values; a missing key equals an `undefined` one. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/**
 * `field is immutable` when `next` differs from `old`. `render` gives the Go spelling of the new
 * value for non-scalar fields (otherwise the value is printed the usual way).
 */
export function validateImmutableField(
  next: unknown,
  old: unknown,
  f: FieldPath | string,
  render?: (v: unknown) => string,
): FieldError[] {
  if (deepEqual(next ?? null, old ?? null)) return [];
  return [
    render
      ? goErrors.invalid(f, render(next), FIELD_IMMUTABLE_ERROR_MSG)
      : fieldErrors.invalid(f, next ?? null, FIELD_IMMUTABLE_ERROR_MSG),
  ];
}

export { validateNonnegativeField, FIELD_IMMUTABLE_ERROR_MSG };

// --- label selectors ---------------------------------------------------------------------------

/** metav1 ValidateLabelSelector; `undefined` is valid (callers decide whether it is required). */
export function validateLabelSelector(
  sel: GoLabelSelectorLike | undefined | null,
  f: FieldPath,
  allowInvalidLabelValue = false,
): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, f.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = f.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(
            fieldErrors.required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            fieldErrors.forbidden(
              p.child('values'),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errs.push(fieldErrors.invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, p.child('key')));
    if (!allowInvalidLabelValue)
      values.forEach((v, j) =>
        errs.push(...invalidEach(p.child('values').index(j), v, isValidLabelValue(v))),
      );
  });
  return errs;
}

/** True when the selector has neither matchLabels nor matchExpressions. */
export function selectorIsEmpty(sel: GoLabelSelectorLike | undefined | null): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length + (sel?.matchExpressions?.length ?? 0) === 0;
}

/**
 * Whether a metav1.LabelSelector selects `labels`. Returns `undefined` when the selector cannot be
 * converted (bad operator), mirroring upstream, which then skips the match check.
 */
export function selectorMatches(
  sel: GoLabelSelectorLike | undefined | null,
  labels: Record<string, string> | undefined,
): boolean | undefined {
  try {
    return labelSelectorMatcher(sel).matches(labels ?? {});
  } catch {
    return undefined;
  }
}

// --- int-or-percent ----------------------------------------------------------------------------

export type IntOrString = number | string;

function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

/** The number in an int-or-percent (`25%` → 25, `3` → 3); a bad string counts as 0. */
export function intOrPercentValue(v: IntOrString | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = typeof v === 'string' && /^-?[0-9]+$/.test(v) ? Number(v) : 0;
  return n;
}

/** Upstream ValidatePositiveIntOrPercent: a non-negative integer or a `N%` string. */
export function validatePositiveIntOrPercent(v: IntOrString, f: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => goErrors.invalid(f, goIntOrString(v), m));
  return validateNonnegativeField(v, f);
}

export function isNotMoreThan100Percent(v: IntOrString, f: FieldPath): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [goErrors.invalid(f, goIntOrString(v), 'must not be greater than 100%')];
}

// --- ports and IPs -----------------------------------------------------------------------------

export function validatePortNumOrName(port: IntOrString | undefined, f: FieldPath): FieldError[] {
  if (typeof port === 'string') return invalidEach(f, port, isValidPortName(port));
  return invalidEach(f, port ?? 0, isValidPortNum(port ?? 0));
}

/** The first 16-bit group of an IPv6 address, and whether it is `::` or `::1`. */
function ipv6Shape(ip: string): { first: number; unspecified: boolean; loopback: boolean } | undefined {
  let host: string;
  try {
    host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const first = host.startsWith('::') ? 0 : parseInt(host.split(':')[0], 16);
  return { first, unspecified: host === '::', loopback: host === '::1' };
}

/**
 * Endpoints, EndpointSlices and external IPs may not use unspecified, loopback, link-local or
 * link-local multicast addresses (upstream ValidateNonSpecialIP).
 */
export function validateNonSpecialIP(ip: string, f: FieldPath): FieldError[] {
  const fam = ipFamily(ip);
  if (fam === 0) return [fieldErrors.invalid(f, ip, 'must be a valid IP address')];
  let unspecified: boolean, loopback: boolean, linkLocal: boolean, llMulticast: boolean;
  const v4 = ip.includes(':') ? ip.slice(ip.lastIndexOf(':') + 1) : ip;
  if (fam === 4 && v4.includes('.')) {
    const o = v4.split('.').map(Number);
    unspecified = o.every((x) => x === 0);
    loopback = o[0] === 127;
    linkLocal = o[0] === 169 && o[1] === 254;
    llMulticast = o[0] === 224 && o[1] === 0 && o[2] === 0;
  } else {
    const s = ipv6Shape(ip);
    if (!s) return [fieldErrors.invalid(f, ip, 'must be a valid IP address')];
    unspecified = s.unspecified;
    loopback = s.loopback;
    linkLocal = (s.first & 0xffc0) === 0xfe80;
    llMulticast = (s.first & 0xff0f) === 0xff02;
  }
  const errs: FieldError[] = [];
  if (unspecified) errs.push(fieldErrors.invalid(f, ip, `may not be unspecified (${ip})`));
  if (loopback)
    errs.push(fieldErrors.invalid(f, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal)
    errs.push(fieldErrors.invalid(f, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (llMulticast)
    errs.push(
      fieldErrors.invalid(f, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'),
    );
  return errs;
}

/** Port protocols accepted by services and endpoints, sorted as upstream lists them. */
export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
