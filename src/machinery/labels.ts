/**
 * @module machinery/labels
 * Label selectors in their string form (`app=web,tier!=db,env in (a,b),!legacy`) and as
 * metav1.LabelSelector objects; both compile to one `LabelMatcher`.
 */
import { newBadRequest } from './errors.js';

export type Labels = Record<string, string> | undefined;

export type RequirementOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: RequirementOp;
  values: string[];
}

export interface LabelMatcher {
  readonly requirements: readonly Requirement[];
  matches(labels: Labels): boolean;
  /** True when it selects everything. */
  readonly empty: boolean;
}

function matchOne(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case '=':
    case 'in':
      return has && r.values.includes(v!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      if (!Number.isInteger(n)) return false;
      return r.op === 'gt' ? n > bound : n < bound;
    }
  }
}

export function matcherOf(requirements: Requirement[]): LabelMatcher {
  return {
    requirements,
    empty: requirements.length === 0,
    matches: (labels) => requirements.every((r) => matchOne(r, labels)),
  };
}

export const EVERYTHING: LabelMatcher = matcherOf([]);
/** Selects nothing (a nil LabelSelector in upstream's conversion). */
export const NOTHING: LabelMatcher = { requirements: [], empty: false, matches: () => false };

/** Parses `labelSelector=` query text. Throws a 400 StatusError with upstream-like wording. */
export function parseLabelSelector(text: string | undefined | null): LabelMatcher {
  if (!text || !text.trim()) return EVERYTHING;
  const reqs: Requirement[] = [];
  let i = 0;
  const s = text;
  const fail = (why: string): never => {
    throw newBadRequest(`unable to parse requirement: ${why}`);
  };
  const skipWs = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = () => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9_./-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  const readValue = () => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9_.-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readKey();
    if (!key) fail(`found '${s[i] ?? ''}', expected: identifier`);
    skipWs();
    if (negate) {
      reqs.push({ key, op: '!', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ key, op: 'exists', values: [] });
    } else if (s.startsWith('==', i) || s.startsWith('!=', i)) {
      const op = s[i] === '!' ? '!=' : '=';
      i += 2;
      reqs.push({ key, op, values: [readValue()] });
    } else if (s[i] === '=') {
      i++;
      reqs.push({ key, op: '=', values: [readValue()] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'gt' : 'lt';
      i++;
      const v = readValue();
      if (!/^-?\d+$/.test(v)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
      reqs.push({ key, op, values: [v] });
    } else {
      const word = readKey();
      if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      skipWs();
      if (s[i] !== '(') fail(`found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readValue();
        values.push(v);
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        fail(`found '${s[i] ?? ''}', expected: ',', ')' or identifier`);
      }
      reqs.push({ key, op: word as RequirementOp, values });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') fail(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return matcherOf(reqs);
}

export interface LabelSelectorRequirementObject {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementObject[];
}

/**
 * Converts a metav1.LabelSelector. A missing selector selects nothing; an empty one selects
 * everything (upstream's LabelSelectorAsSelector).
 */
export function labelSelectorMatcher(sel: LabelSelectorObject | undefined | null): LabelMatcher {
  if (!sel) return NOTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of sel.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }[e.operator] as
      RequirementOp | undefined;
    if (!op) throw newBadRequest(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return matcherOf(reqs);
}

/** Selector from a plain map (services, replication controllers): empty map selects nothing. */
export function mapSelectorMatcher(sel: Record<string, string> | undefined): LabelMatcher {
  if (!sel || Object.keys(sel).length === 0) return NOTHING;
  return matcherOf(Object.entries(sel).map(([k, v]) => ({ key: k, op: '=' as const, values: [v] })));
}
