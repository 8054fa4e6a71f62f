/**
 * @module api/core/common/go-value
 * Renders bad values the way the Go apiserver prints them in field errors (`%#v` of the internal
 * types: `[]string{"a"}`, `map[string]string{"k":"v"}`, `v1.LabelSelector{...}`), and field
 * errors that carry such a pre-rendered value. kubectl users see these strings verbatim, so the
 * spelling matters more than elegance.
 */
import { FieldError, type FieldErrorType, type FieldPath } from '../../../machinery/field-errors.js';

const q = (s: string) => JSON.stringify(s);

/** `[]string{"a", "b"}`; `[]string(nil)` for undefined/null; `[]string{}` for an empty list. */
export function goStringSlice(v: readonly string[] | undefined | null, type = 'string'): string {
  if (v == null) return `[]${type}(nil)`;
  return `[]${type}{${v.map(q).join(', ')}}`;
}

/** `map[string]string{"a":"b"}` with sorted keys, as Go's fmt prints maps. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m == null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(m[k])}`).join(', ')}}`;
}

export interface GoLabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A metav1.LabelSelector as `%#v` prints it once the pointer is dereferenced. */
export function goLabelSelector(sel: GoLabelSelectorLike | undefined | null): string {
  if (sel == null) return 'null';
  const exprs =
    sel.matchExpressions == null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${sel.matchExpressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${goStringSlice(e.values)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/**
 * A *metav1.LabelSelector as `%v` prints it (its generated String()):
 * `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function goLabelSelectorString(sel: GoLabelSelectorLike | undefined | null): string {
  if (sel == null) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** An int-or-string as `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`. */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}

const TYPE_TEXT: Partial<Record<FieldErrorType, string>> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
};

/** A field error whose bad value is already rendered in Go syntax (printed as is, unquoted). */
export class GoFieldError extends FieldError {
  constructor(
    type: FieldErrorType,
    field: string,
    readonly goValue: string,
    detail: string,
  ) {
    super(type, field, goValue, detail);
  }

  override detailMessage(): string {
    const s = `${TYPE_TEXT[this.type] ?? 'Invalid value'}: ${this.goValue}`;
    return this.detail ? `${s}: ${this.detail}` : s;
  }
}

export const goErrors = {
  invalid: (f: FieldPath | string, goValue: string, detail: string) =>
    new GoFieldError('FieldValueInvalid', f.toString(), goValue, detail),
  duplicate: (f: FieldPath | string, goValue: string) =>
    new GoFieldError('FieldValueDuplicate', f.toString(), goValue, ''),
  notSupported: (f: FieldPath | string, goValue: string, valid: string[]) =>
    new GoFieldError(
      'FieldValueNotSupported',
      f.toString(),
      goValue,
      valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
    ),
};
