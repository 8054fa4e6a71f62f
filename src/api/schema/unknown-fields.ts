/**
 * @module api/schema/unknown-fields
 * Field validation for `fieldValidation=Strict|Warn`: finds fields a request body sets that the
 * schema does not know, and keys it repeats, with the paths and wording upstream's strict JSON
 * decoder uses (`unknown field "spec.containers[0].foo"`, `duplicate field "metadata.name"`).
 *
 * Rules, as upstream decodes into typed objects:
 *  - keys match field names exactly (case-sensitive); `apiVersion` and `kind` are always known at
 *    the top level;
 *  - nothing under an unknown field is examined, nor anything inside `rawExtension`, `json` or
 *    `fieldsV1` values (upstream keeps those as raw bytes);
 *  - map keys are never unknown; a repeated map key is a duplicate; in a struct only a repeated
 *    KNOWN field is a duplicate (a repeated unknown one is reported once, as unknown);
 *  - values of the wrong JSON type are not this module's concern (the decoder reports them);
 *  - errors come in document order, without repeats, at most 100 of them.
 *
 * Message formats (apiserver `transformDecodeError`, apimachinery `strictDecodingError`):
 *  - create/update with Strict → 400 BadRequest
 *    `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"`;
 *  - strategic merge patch with Strict → 422 Invalid on field `patch`, detail `strict decoding error: ...`;
 *  - JSON / merge patch with Strict → 400 BadRequest `strict decoding error: ...`;
 *  - Warn → the request succeeds, one warning per error with the error's own text.
 */
import type { FieldSchema, FieldType, SchemaRegistry, TypeSchema } from './model.js';

export interface StrictFieldError {
  type: 'unknown' | 'duplicate';
  /** Dotted path with `[i]` indexes: `spec.containers[0].foo`. */
  path: string;
}

/** Upstream stops collecting strict errors after this many. */
export const maxStrictErrors = 100;

type Registry = Pick<SchemaRegistry, 'get'>;

const flattened = new WeakMap<TypeSchema, Map<string, FieldSchema>>();

/**
 * The fields of a type as they appear in JSON: members of `inline` fields (Go embedded structs,
 * such as Probe's ProbeHandler) are lifted into the parent, recursively, in declaration order.
 * An inline field whose type the registry lacks contributes nothing. Cached per type object.
 */
export function jsonFields(t: TypeSchema, registry: Registry): Map<string, FieldSchema> {
  const cached = flattened.get(t);
  if (cached) return cached;
  const out = new Map<string, FieldSchema>();
  for (const [name, field] of Object.entries(t.fields)) {
    if (field.inline && field.type.kind === 'ref') {
      const inner = registry.get(field.type.ref);
      if (inner) for (const [n, f] of jsonFields(inner, registry)) out.set(n, f);
    } else {
      out.set(name, field);
    }
  }
  flattened.set(t, out);
  return out;
}

/**
 * What a value is expected to be: a struct (`type`), a field type, anything (duplicates only,
 * as for a Go `interface{}`), or opaque (not examined at all).
 */
type Cursor =
  | { kind: 'type'; name: string; root: boolean }
  | { kind: 'field'; type: FieldType }
  | { kind: 'any' }
  | { kind: 'opaque' };

const opaqueScalars = new Set(['rawExtension', 'json', 'fieldsV1']);
const fieldCursors = new WeakMap<FieldType, Cursor>();

function fieldCursor(type: FieldType): Cursor {
  let c = fieldCursors.get(type);
  if (!c) fieldCursors.set(type, (c = { kind: 'field', type }));
  return c;
}
const any: Cursor = { kind: 'any' };
const opaque: Cursor = { kind: 'opaque' };

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Normalises a cursor so that it is a struct, a map/array field, `any` or `opaque`. */
function resolve(c: Cursor, registry: Registry): Cursor {
  if (c.kind !== 'field') return c;
  const t = c.type;
  if (t.kind === 'ref') return registry.get(t.ref) ? { kind: 'type', name: t.ref, root: false } : any;
  if (t.kind === 'scalar') return opaqueScalars.has(t.scalar) ? opaque : c;
  return c;
}

function rootCursor(typeName: string | undefined, registry: Registry): Cursor {
  return typeName && registry.get(typeName) ? { kind: 'type', name: typeName, root: true } : any;
}

/** The cursor for member `key` of an object at cursor `c`, or `undefined` if the key is unknown. */
function member(c: Cursor, key: string, registry: Registry): Cursor | undefined {
  if (c.kind === 'any') return any;
  if (c.kind === 'opaque') return opaque;
  if (c.kind === 'type') {
    const t = registry.get(c.name);
    const f = t && jsonFields(t, registry).get(key);
    if (f) return fieldCursor(f.type);
    if (c.root && (key === 'apiVersion' || key === 'kind')) return opaque;
    return undefined;
  }
  if (c.type.kind === 'map') return fieldCursor(c.type.values);
  // An object where a scalar or array is expected: a type error the decoder reports.
  return opaque;
}

/** The cursor for the elements of an array at cursor `c`. */
function element(c: Cursor): Cursor {
  if (c.kind === 'field' && c.type.kind === 'array') return fieldCursor(c.type.items);
  return c.kind === 'any' ? any : opaque;
}

/** Whether object keys at `c` are checked for repeats, and which repeats count. */
function duplicateRule(c: Cursor): 'all' | 'known' | 'none' {
  if (c.kind === 'any') return 'all';
  if (c.kind === 'type') return 'known';
  if (c.kind === 'field' && c.type.kind === 'map') return 'all';
  return 'none';
}

class Collector {
  readonly errors: StrictFieldError[] = [];
  private readonly seen = new Set<string>();

  add(type: StrictFieldError['type'], path: string): void {
    const id = `${type}\0${path}`;
    if (this.errors.length >= maxStrictErrors || this.seen.has(id)) return;
    this.seen.add(id);
    this.errors.push({ type, path });
  }
}

/**
 * Paths of fields in a decoded object (`JSON.parse` result, protobuf-decoded object, patched
 * object) that the schema `typeName` does not know. Empty when everything is known. A type the
 * registry lacks is treated as accepting anything.
 */
export function findUnknownFields(obj: unknown, typeName: string, registry: Registry): string[] {
  const out = new Collector();
  const walk = (value: unknown, at: Cursor, path: string): void => {
    const c = resolve(at, registry);
    if (c.kind === 'opaque' || c.kind === 'any' || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, element(c), `${path}[${i}]`));
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const next = member(c, key, registry);
      if (next === undefined) out.add('unknown', join(path, key));
      else walk(v, next, join(path, key));
    }
  };
  walk(obj, rootCursor(typeName, registry), '');
  return out.errors.map((e) => e.path);
}

/**
 * Unknown and repeated fields of a JSON request body, in document order, in one pass over the
 * text (no values are built). `typeName` undefined checks repeats only, anywhere in the document.
 * Stops quietly at malformed JSON: callers parse the body themselves and report syntax errors.
 */
export function findStrictFieldErrors(
  jsonText: string,
  typeName: string | undefined,
  registry: Registry,
): StrictFieldError[] {
  const out = new Collector();
  const scan = new Scanner(jsonText);
  try {
    walkText(scan, rootCursor(typeName, registry), '', registry, out);
  } catch (e) {
    if (!(e instanceof MalformedJson)) throw e;
  }
  return out.errors;
}

/** Paths of repeated keys anywhere in a JSON document (no schema): `metadata.labels.a`. */
export function findDuplicateFields(jsonText: string): string[] {
  return findStrictFieldErrors(jsonText, undefined, { get: () => undefined }).map((e) => e.path);
}

function walkText(s: Scanner, at: Cursor, path: string, registry: Registry, out: Collector): void {
  const c = resolve(at, registry);
  const ch = s.peek();
  if (c.kind === 'opaque' || (ch !== OPEN_BRACE && ch !== OPEN_BRACKET)) {
    s.skipValue();
    return;
  }
  if (ch === OPEN_BRACKET) {
    s.expect(OPEN_BRACKET);
    if (s.peek() === CLOSE_BRACKET) return void s.expect(CLOSE_BRACKET);
    const items = element(c);
    for (let i = 0; ; i++) {
      if (items.kind === 'opaque' || !s.atContainer()) s.skipValue();
      else walkText(s, items, `${path}[${i}]`, registry, out);
      if (s.peek() === COMMA) s.expect(COMMA);
      else return void s.expect(CLOSE_BRACKET);
    }
  }
  s.expect(OPEN_BRACE);
  if (s.peek() === CLOSE_BRACE) return void s.expect(CLOSE_BRACE);
  const rule = duplicateRule(c);
  let keys: Set<string> | undefined;
  for (;;) {
    const key = s.readString();
    s.expect(COLON);
    const next = member(c, key, registry);
    if (rule === 'all' || (rule === 'known' && next !== undefined)) {
      keys ??= new Set<string>();
      if (keys.has(key)) out.add('duplicate', join(path, key));
      keys.add(key);
    }
    if (next === undefined) {
      out.add('unknown', join(path, key));
      s.skipValue();
    } else if (next.kind === 'opaque' || !s.atContainer()) {
      s.skipValue(); // scalars need no path: skip without building one
    } else {
      walkText(s, next, join(path, key), registry, out);
    }
    if (s.peek() === COMMA) s.expect(COMMA);
    else return void s.expect(CLOSE_BRACE);
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Space, tab, CR, LF. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class MalformedJson extends Error {}

/** Just enough of a JSON tokenizer to walk keys and skip values; works on char codes for speed. */
class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** Code of the next non-space character, without consuming it. */
  peek(): number {
    const t = this.text;
    let p = this.pos;
    while (p < t.length && isSpace(t.charCodeAt(p))) p++;
    this.pos = p;
    if (p >= t.length) throw new MalformedJson('unexpected end');
    return t.charCodeAt(p);
  }

  /** Whether the next value is an object or an array. */
  atContainer(): boolean {
    const c = this.peek();
    return c === OPEN_BRACE || c === OPEN_BRACKET;
  }

  expect(code: number): void {
    if (this.peek() !== code) throw new MalformedJson(`expected ${String.fromCharCode(code)} at ${this.pos}`);
    this.pos++;
  }

  /** Reads a string token and returns its decoded value. */
  readString(): string {
    this.expect(QUOTE);
    const start = this.pos - 1;
    const end = this.stringEnd(this.pos);
    this.pos = end + 1;
    const raw = this.text.slice(start, end + 1);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  /** Index of the closing quote of a string whose body starts at `p`. */
  private stringEnd(p: number): number {
    const t = this.text;
    for (;;) {
      const q = t.indexOf('"', p);
      if (q < 0) throw new MalformedJson('unterminated string');
      let backslashes = 0;
      for (let i = q - 1; i >= p && t.charCodeAt(i) === BACKSLASH; i--) backslashes++;
      if (backslashes % 2 === 0) return q;
      p = q + 1;
    }
  }

  /** Skips one value of any kind. */
  skipValue(): void {
    const c0 = this.peek();
    const t = this.text;
    if (c0 === QUOTE) {
      this.pos = this.stringEnd(this.pos + 1) + 1;
      return;
    }
    let p = this.pos;
    if (c0 !== OPEN_BRACE && c0 !== OPEN_BRACKET) {
      for (; p < t.length; p++) {
        const c = t.charCodeAt(p);
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) break;
      }
      if (p === this.pos) throw new MalformedJson(`unexpected ${String.fromCharCode(c0)}`);
      this.pos = p;
      return;
    }
    let depth = 0;
    for (; p < t.length; p++) {
      const c = t.charCodeAt(p);
      if (c === QUOTE) p = this.stringEnd(p + 1);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.pos = p + 1;
          return;
        }
      }
    }
    throw new MalformedJson('unterminated value');
  }
}

/** `unknown field "spec.foo"` / `duplicate field "metadata.name"`: one error's text, also a Warn warning. */
export function strictErrorText(e: StrictFieldError): string {
  return `${e.type === 'unknown' ? 'unknown field' : 'duplicate field'} ${goQuote(e.path)}`;
}

/** `strict decoding error: unknown field "a", duplicate field "b"`. */
export function strictDecodingMessage(errors: StrictFieldError[]): string {
  return `strict decoding error: ${errors.map(strictErrorText).join(', ')}`;
}

/**
 * The BadRequest message of a create or update whose body failed to decode:
 * `Pod in version "v1" cannot be handled as a Pod: <detail>`. `bodyKind`/`bodyVersion` come from
 * the body's own kind and apiVersion (version part only: `apps/v1` → `v1`); `targetKind` is the
 * kind the endpoint decodes into.
 */
export function cannotBeHandledMessage(
  bodyKind: string,
  bodyVersion: string,
  targetKind: string,
  detail: string,
): string {
  return `${bodyKind} in version ${goQuote(bodyVersion)} cannot be handled as a ${targetKind}: ${detail}`;
}

/** Go's `%q` for the strings that occur here: JSON escaping, except non-ASCII is kept as is. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}
