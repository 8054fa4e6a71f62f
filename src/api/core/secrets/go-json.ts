/**
 * @module api/core/secrets/go-json
 * Checks that bytes are a JSON object the way Go's `json.Unmarshal` into a map does, with Go's
 * error wording for the common failures (docker config secrets report these to the user).
 */

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Undefined when `text` unmarshals into `map[string]interface{}`; otherwise Go's error text. */
export function goJSONObjectError(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const pos = m ? Number(m[1]) : text.trimEnd().length;
    if (text.trim() === '' || pos >= text.length) return 'unexpected end of JSON input';
    return `invalid character '${text[pos]}' looking for beginning of value`;
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  return `json: cannot unmarshal ${kindOf(value)} into Go value of type map[string]interface {}`;
}
