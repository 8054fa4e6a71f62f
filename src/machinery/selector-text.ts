/**
 * @module machinery/selector-text
 * Label selectors and label maps as table cells show them: `app=web,tier in (a,b),!legacy`.
 * Mirrors apimachinery's `LabelSelectorAsSelector(...).String()`, `metav1.FormatLabelSelector`
 * and `labels.FormatLabels`, including the validation that turns a bad selector into an error cell.
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** A metav1.LabelSelector as JSON. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key: `[prefix/]name`, prefix a DNS subdomain (≤253), name ≤63 of the label alphabet. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const prefix = parts[0];
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN_RE.test(prefix)) return false;
    name = parts[1];
  } else if (parts.length !== 1) {
    return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_RE.test(name);
}

/** A label value: empty, or ≤63 characters of the label alphabet. */
function isLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME_RE.test(v));
}

interface Requirement {
  key: string;
  text: string;
}

/** One requirement's text, or undefined when upstream's NewRequirement would reject it. */
function requirement(key: string, operator: string, values: string[]): Requirement | undefined {
  if (!isQualifiedName(key)) return undefined;
  if (!values.every(isLabelValue)) return undefined;
  // Upstream prints multi-value sets sorted, without changing the selector itself.
  const set = () => `(${[...values].sort().join(',')})`;
  switch (operator) {
    case '=':
      return values.length === 1 ? { key, text: `${key}=${values[0]}` } : undefined;
    case 'In':
      return values.length > 0 ? { key, text: `${key} in ${set()}` } : undefined;
    case 'NotIn':
      return values.length > 0 ? { key, text: `${key} notin ${set()}` } : undefined;
    case 'Exists':
      return values.length === 0 ? { key, text: key } : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? { key, text: `!${key}` } : undefined;
    default:
      return undefined;
  }
}

/**
 * The selector's string form (upstream `LabelSelectorAsSelector(sel).String()`): requirements
 * sorted by key and joined by commas. A missing or empty selector gives `''`. Returns
 * `undefined` when the selector is invalid (bad key or value, unknown operator, wrong value count).
 */
export function labelSelectorString(sel: LabelSelector | null | undefined): string | undefined {
  if (!sel) return '';
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    const r = requirement(k, '=', [v]);
    if (!r) return undefined;
    reqs.push(r);
  }
  for (const e of sel.matchExpressions ?? []) {
    const r = requirement(e.key, e.operator, e.values ?? []);
    if (!r) return undefined;
    reqs.push(r);
  }
  // Array.prototype.sort is stable, as Go's insertion sort is for the small slices seen here.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/**
 * Upstream `metav1.FormatLabelSelector`: the selector text, `<none>` when it selects by nothing
 * (missing or empty), `<error>` when it is invalid. (Deployments print `<invalid>` instead:
 * their printer uses `labelSelectorString` directly.)
 */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** Upstream `labels.FormatLabels`: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
export function formatSelectorMap(map: Record<string, string> | null | undefined): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${map![k]}`).join(',');
}
