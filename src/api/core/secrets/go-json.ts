/**
 * @module api/core/secrets/go-json
 * Checks that text is a JSON object the way Go's `json.Unmarshal` into a map does, reporting the
 * first problem with Go's scanner wording (docker config secrets show it to the user).
 */

class GoJSONError extends Error {}

const quoteChar = (c: string) => (c === "'" ? "'\\''" : c === '"' ? "'\"'" : `'${c}'`);

/** A tiny recursive-descent scanner that mirrors encoding/json's error texts. */
function scan(text: string): string {
  let i = 0;
  const eof = () => new GoJSONError('unexpected end of JSON input');
  const bad = (c: string, ctx: string) => new GoJSONError(`invalid character ${quoteChar(c)} ${ctx}`);
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= text.length) throw eof();
      if (text[i] !== word[k]) throw bad(text[i], `in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const str = () => {
    i++;
    while (true) {
      if (i >= text.length) throw eof();
      const c = text[i];
      if (c === '"') return void i++;
      if (c < ' ') throw bad(c, 'in string literal');
      if (c === '\\') {
        i++;
        if (i >= text.length) throw eof();
        if (!'"\\/bfnrtu'.includes(text[i])) throw bad(text[i], 'in string escape code');
      }
      i++;
    }
  };
  const num = () => {
    if (text[i] === '-') i++;
    if (i >= text.length) throw eof();
    if (!/[0-9]/.test(text[i])) throw bad(text[i], 'in numeric literal');
    while (i < text.length && /[0-9.eE+-]/.test(text[i])) i++;
  };
  const value = (): string => {
    ws();
    if (i >= text.length) throw eof();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return (void i++, 'object');
      while (true) {
        ws();
        if (i >= text.length) throw eof();
        if (text[i] !== '"') throw bad(text[i], 'looking for beginning of object key string');
        str();
        ws();
        if (i >= text.length) throw eof();
        if (text[i] !== ':') throw bad(text[i], 'after object key');
        i++;
        value();
        ws();
        if (i >= text.length) throw eof();
        if (text[i] === '}') return (void i++, 'object');
        if (text[i] !== ',') throw bad(text[i], 'after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return (void i++, 'array');
      while (true) {
        value();
        ws();
        if (i >= text.length) throw eof();
        if (text[i] === ']') return (void i++, 'array');
        if (text[i] !== ',') throw bad(text[i], 'after array element');
        i++;
      }
    }
    if (c === '"') return (str(), 'string');
    if (c === 't') return (literal('true'), 'bool');
    if (c === 'f') return (literal('false'), 'bool');
    if (c === 'n') return (literal('null'), 'null');
    if (c === '-' || /[0-9]/.test(c)) return (num(), 'number');
    throw bad(c, 'looking for beginning of value');
  };
  const kind = value();
  ws();
  if (i < text.length) throw bad(text[i], 'after top-level value');
  return kind;
}

/** Undefined when `text` unmarshals into `map[string]interface{}`; otherwise Go's error text. */
export function goJSONObjectError(text: string): string | undefined {
  let kind: string;
  try {
    kind = scan(text);
  } catch (e) {
    if (e instanceof GoJSONError) return e.message;
    throw e;
  }
  if (kind === 'object' || kind === 'null') return undefined;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
