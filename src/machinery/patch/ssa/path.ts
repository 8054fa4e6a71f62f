/**
 * @module machinery/patch/ssa/path
 * Path elements of server-side apply field sets, with structured-merge-diff's two spellings:
 *  - the FieldsV1 key: `f:name` (struct field or map key), `k:{"name":"c"}` (list-map element, keys
 *    sorted by name), `v:"x"` (set element), `i:0` (element of a list by position);
 *  - the display form used in conflict messages: `.name`, `[name="c"]`, `[="x"]`, `[0]`.
 * Elements are totally ordered as upstream orders them (fields, then keys, then values, then indexes),
 * which fixes the key order of serialized FieldsV1.
 */

export type PathElement =
  | { field: string }
  | { key: Array<[string, unknown]> } // sorted by name
  | { value: unknown }
  | { index: number };

export type Path = PathElement[];

/** Go's encoding/json escapes these even inside strings; FieldsV1 keys must match byte for byte. */
function goJson(v: unknown): string {
  const s = JSON.stringify(v);
  if (!GO_ESCAPED.test(s)) return s;
  return s.replace(GO_ESCAPED_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const GO_ESCAPED = /[<>&\u2028\u2029]/;
const GO_ESCAPED_ALL = /[<>&\u2028\u2029]/g;

/** Where an element keeps its FieldsV1 key once computed: paths repeat their elements many times. */
const SERIALIZED = Symbol('fieldsV1Key');

/** The FieldsV1 key for an element: `f:spec`, `k:{"containerPort":80,"protocol":"TCP"}`. */
export function serializeElement(pe: PathElement): string {
  const memo = (pe as { [SERIALIZED]?: string })[SERIALIZED];
  if (memo !== undefined) return memo;
  const s = computeKey(pe);
  if (!Object.isFrozen(pe)) (pe as { [SERIALIZED]?: string })[SERIALIZED] = s;
  return s;
}

function computeKey(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${goJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a FieldsV1 key; throws Error for an unknown prefix or bad JSON. */
export function parseElement(s: string): PathElement {
  if (s.length < 2 || s[1] !== ':') throw new Error(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return { field: body };
    case 'k': {
      const obj = JSON.parse(body) as Record<string, unknown>;
      return { key: Object.entries(obj).sort(([a], [b]) => compareStrings(a, b)) };
    }
    case 'v':
      return { value: JSON.parse(body) };
    case 'i': {
      const n = Number(body);
      if (!Number.isInteger(n)) throw new Error(`invalid index: ${s}`);
      return { index: n };
    }
    default:
      throw new Error('unknown path element type');
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

/** Upstream's total order on values: numbers, strings, booleans, lists, maps, null. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return Math.sign(a - (b as number));
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a)) {
    const bl = b as unknown[];
    for (let i = 0; i < Math.min(a.length, bl.length); i++) {
      const c = compareValues(a[i], bl[i]);
      if (c) return c;
    }
    return a.length - bl.length;
  }
  if (ra === 4) {
    const ea = Object.entries(a as object).sort(([x], [y]) => compareStrings(x, y));
    const eb = Object.entries(b as object).sort(([x], [y]) => compareStrings(x, y));
    return compareKeys(ea, eb);
  }
  return 0;
}

function compareKeys(a: Array<[string, unknown]>, b: Array<[string, unknown]>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareStrings(a[i][0], b[i][0]) || compareValues(a[i][1], b[i][1]);
    if (c) return c;
  }
  return a.length - b.length;
}

const ORDER = (pe: PathElement) => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);

export function compareElements(a: PathElement, b: PathElement): number {
  const oa = ORDER(a);
  const ob = ORDER(b);
  if (oa !== ob) return oa - ob;
  if ('field' in a) return compareStrings(a.field, (b as { field: string }).field);
  if ('key' in a) return compareKeys(a.key, (b as { key: Array<[string, unknown]> }).key);
  if ('value' in a) return compareValues(a.value, (b as { value: unknown }).value);
  return a.index - (b as { index: number }).index;
}

/** Go `%v`-like rendering of a value inside a display path: strings quoted, numbers bare. */
function displayValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(displayValue).join(',')}]`;
  if (typeof v === 'object') {
    return Object.entries(v as object)
      .map(([k, x]) => `${k}=${displayValue(x)}`)
      .join('');
  }
  return String(v);
}

export function elementString(pe: PathElement): string {
  if ('field' in pe) return `.${pe.field}`;
  if ('key' in pe) return `[${pe.key.map(([k, v]) => `${k}=${displayValue(v)}`).join(',')}]`;
  if ('value' in pe) return `[=${displayValue(pe.value)}]`;
  return `[${pe.index}]`;
}

/** `.spec.template.spec.containers[name="c"].image` */
export function pathString(p: Path): string {
  return p.map(elementString).join('');
}
