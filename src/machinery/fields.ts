/**
 * @module machinery/fields
 * Field selectors (`metadata.name=x,status.phase!=Failed`). Values may escape `\,` `\=` `\\`.
 */
import { newBadRequest } from './errors.js';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface FieldMatcher {
  readonly requirements: readonly FieldRequirement[];
  readonly empty: boolean;
  /** `get(field)` returns the object's value for a supported field label. */
  matches(get: (field: string) => string | undefined): boolean;
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function unescape(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(text: string | undefined | null): FieldMatcher {
  const reqs: FieldRequirement[] = [];
  if (text && text.trim()) {
    for (const part of splitUnescaped(text, ',')) {
      if (!part) continue;
      let m = /^([^=!]+)(==|!=|=)(.*)$/s.exec(part);
      if (!m) m = null;
      if (!m) throw newBadRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const op = m[2] === '!=' ? '!=' : '=';
      reqs.push({ field: m[1].trim(), op, value: unescape(m[3]) });
    }
  }
  return {
    requirements: reqs,
    empty: reqs.length === 0,
    matches(get) {
      return reqs.every((r) => {
        const v = get(r.field) ?? '';
        return r.op === '=' ? v === r.value : v !== r.value;
      });
    },
  };
}
