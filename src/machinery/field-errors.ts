/**
 * @module machinery/field-errors
 * Field-level validation errors, worded as upstream's `field.Error` (apimachinery
 * pkg/util/validation/field). Validation functions return lists of these and never throw.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

const OMIT = Symbol('omit-value');

/** Renders a bad value the way Go's %#v / %q does for the common cases. */
function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[]${v.length ? '{' + v.map(renderValue).join(', ') + '}' : '{}'}`;
  return JSON.stringify(v);
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  /** The part after the field path: `Required value`, `Invalid value: "x": must be ...`. */
  detailMessage(): string {
    let s = TYPE_TEXT[this.type];
    const showValue =
      this.badValue !== OMIT &&
      this.type !== 'FieldValueRequired' &&
      this.type !== 'FieldValueForbidden' &&
      this.type !== 'FieldValueTooLong' &&
      this.type !== 'InternalError';
    if (showValue) s += `: ${renderValue(this.badValue)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.detailMessage()}` : this.detailMessage();
  }
}

/** Joins errors as upstream's aggregate: one error alone, several as `[a, b]`. */
export function formatFieldErrors(errs: FieldError[]): string {
  const uniq = [...new Set(errs.map((e) => e.toString()))];
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

/** Builds field paths: `path('spec').child('containers').index(0).child('image')`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name = ''): FieldPath {
    return new FieldPath(name);
  }
  child(name: string, ...more: string[]): FieldPath {
    let t = this.text ? `${this.text}.${name}` : name;
    for (const m of more) t += `.${m}`;
    return new FieldPath(t);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

export function path(...parts: string[]): FieldPath {
  const [first = '', ...rest] = parts;
  return rest.length ? FieldPath.root(first).child(rest[0], ...rest.slice(1)) : FieldPath.root(first);
}

const p = (f: FieldPath | string) => f.toString();

export const fieldErrors = {
  required: (f: FieldPath | string, detail = '') => new FieldError('FieldValueRequired', p(f), '', detail),
  invalid: (f: FieldPath | string, value: unknown, detail: string) =>
    new FieldError('FieldValueInvalid', p(f), value, detail),
  /** Invalid without echoing the value (e.g. secrets). */
  invalidNoValue: (f: FieldPath | string, detail: string) =>
    new FieldError('FieldValueInvalid', p(f), OMIT, detail),
  duplicate: (f: FieldPath | string, value: unknown) =>
    new FieldError('FieldValueDuplicate', p(f), value, ''),
  notFound: (f: FieldPath | string, value: unknown) => new FieldError('FieldValueNotFound', p(f), value, ''),
  forbidden: (f: FieldPath | string, detail: string) =>
    new FieldError('FieldValueForbidden', p(f), '', detail),
  notSupported: (f: FieldPath | string, value: unknown, valid: string[]) =>
    new FieldError(
      'FieldValueNotSupported',
      p(f),
      value,
      valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
    ),
  tooLong: (f: FieldPath | string, _value: unknown, max: number) =>
    new FieldError(
      'FieldValueTooLong',
      p(f),
      OMIT,
      `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`,
    ),
  tooMany: (f: FieldPath | string, actual: number, max: number) =>
    new FieldError(
      'FieldValueTooMany',
      p(f),
      actual,
      `must have at most ${max} ${max === 1 ? 'item' : 'items'}`,
    ),
  internal: (f: FieldPath | string, err: string) => new FieldError('InternalError', p(f), '', err),
};
