/**
 * @module machinery/validation/names
 * Syntax checks for the names and small values that appear all over the API (DNS names, qualified
 * names, label values, env var names, ports, IPs). Each `is*` check returns a list of detail
 * strings, empty when the value is fine; the wording matches upstream apimachinery
 * (pkg/util/validation) because clients show it verbatim inside `Invalid value` errors.
 */
import { FieldError, FieldPath, fieldErrors } from '../field-errors.js';

/** Length in bytes, as Go's `len(string)` counts. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** `<msg> (e.g. 'a', or 'b', regex used for validation is '<re>')`: upstream's exact layout, odd comma included. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${msg} (e.g. ${shown}regex used for validation is '${re}')`;
}

const anchored = (re: string) => new RegExp(`^(?:${re})$`);

// --- qualified names and label values ---------------------------------------------------------

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QNAME_RE = anchored(QNAME_FMT);
export const QUALIFIED_NAME_MAX_LENGTH = 63;

/** A label key / annotation key / finalizer: `[prefix/]name`, prefix a DNS subdomain. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part ' + emptyError());
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => 'prefix part ' + m));
  } else {
    return [
      'a qualified name ' +
        regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH)
    errs.push('name part ' + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  if (!QNAME_RE.test(name))
    errs.push('name part ' + regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = anchored(LABEL_VALUE_FMT);
export const LABEL_VALUE_MAX_LENGTH = 63;

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

// --- DNS names ---------------------------------------------------------------------------------

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = anchored(DNS1123_LABEL_FMT);
export const DNS1123_LABEL_MAX_LENGTH = 63;

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = anchored(DNS1123_SUBDOMAIN_FMT);
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is not a valid label can only be failing because of its dots.
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1035_LABEL_RE = anchored(DNS1035_LABEL_FMT);
export const DNS1035_LABEL_MAX_LENGTH = 63;

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(value))
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

const WILDCARD_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const WILDCARD_RE = anchored(WILDCARD_FMT);

export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!WILDCARD_RE.test(value)) errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, '*.example.com'));
  return errs;
}

// --- identifiers and keys ----------------------------------------------------------------------

const C_IDENT_FMT = '[A-Za-z_][A-Za-z0-9_]*';
const C_IDENT_MSG =
  "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
const C_IDENT_RE = anchored(C_IDENT_FMT);

export function isCIdentifier(value: string): string[] {
  return C_IDENT_RE.test(value) ? [] : [regexError(C_IDENT_MSG, C_IDENT_FMT, 'my_name', 'MY_NAME', 'MyName')];
}

function chdirPrefixErrors(value: string): string[] {
  if (value === '.') return [`must not be '.'`];
  if (value === '..') return [`must not be '..'`];
  if (value.startsWith('..')) return [`must not start with '..'`];
  return [];
}

const ENV_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const ENV_NAME_RE = anchored(ENV_NAME_FMT);

export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME_RE.test(value))
    errs.push(regexError(ENV_NAME_MSG, ENV_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...chdirPrefixErrors(value));
  return errs;
}

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const CONFIG_KEY_RE = anchored(CONFIG_KEY_FMT);

/** A key in a ConfigMap or Secret (also `items[].key` of their volume projections). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_KEY_RE.test(value))
    errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...chdirPrefixErrors(value));
  return errs;
}

const HTTP_HEADER_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_MSG = "a valid HTTP header must consist of alphanumeric characters or '-'";
const HTTP_HEADER_RE = anchored(HTTP_HEADER_FMT);

export function isHTTPHeaderName(value: string): string[] {
  return HTTP_HEADER_RE.test(value) ? [] : [regexError(HTTP_HEADER_MSG, HTTP_HEADER_FMT, 'X-Header-Name')];
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";
const PERCENT_RE = anchored(PERCENT_FMT);

export function isValidPercent(value: string): string[] {
  return PERCENT_RE.test(value) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')];
}

// --- numbers -----------------------------------------------------------------------------------

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

const MAX_ID = 2147483647;

export function isValidUserID(uid: number): string[] {
  return uid >= 0 && uid <= MAX_ID ? [] : [inclusiveRangeError(0, MAX_ID)];
}

export function isValidGroupID(gid: number): string[] {
  return gid >= 0 && gid <= MAX_ID ? [] : [inclusiveRangeError(0, MAX_ID)];
}

/** An IANA service name: at most 15 chars of [-a-z0-9], one letter at least, no `--`, no edge hyphen. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

// --- IP addresses ------------------------------------------------------------------------------

/**
 * Parses an IP the lenient way upstream does (IPv4 octets may carry leading zeros, read as decimal;
 * IPv4-mapped IPv6 counts as IPv4). Returns 4 or 6, or 0 when the text is not an IP.
 */
export function ipFamily(value: string): 0 | 4 | 6 {
  if (isIPv4Text(value)) return 4;
  const v6 = parseIPv6(value);
  if (!v6) return 0;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? 4 : 6;
}

function isIPv4Text(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/** The 16 bytes of an IPv6 address, or null. Zones (`%eth0`) are not accepted, as in Go's net.ParseIP. */
function parseIPv6(value: string): number[] | null {
  if (!value.includes(':')) return null;
  let text = value;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    if (!isIPv4Text(last)) return null;
    tail.push(...last.split('.').map(Number));
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const missing = 8 - all.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) =>
    parseInt(g, 16),
  );
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

export function isValidIP(f: FieldPath | string, value: string): FieldError[] {
  return ipFamily(value) === 0
    ? [fieldErrors.invalid(f, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]
    : [];
}

export function isValidIPv4Address(f: FieldPath | string, value: string): FieldError[] {
  return ipFamily(value) === 4 ? [] : [fieldErrors.invalid(f, value, 'must be a valid IPv4 address')];
}

export function isValidIPv6Address(f: FieldPath | string, value: string): FieldError[] {
  return ipFamily(value) === 6 ? [] : [fieldErrors.invalid(f, value, 'must be a valid IPv6 address')];
}

export function isValidCIDR(f: FieldPath | string, value: string): FieldError[] {
  const slash = value.indexOf('/');
  const ok =
    slash > 0 &&
    /^[0-9]{1,3}$/.test(value.slice(slash + 1)) &&
    (() => {
      const ip = value.slice(0, slash);
      const bits = Number(value.slice(slash + 1));
      const fam = isIPv4Text(ip) ? 4 : parseIPv6(ip) ? 6 : 0;
      return fam === 4 ? bits <= 32 : fam === 6 ? bits <= 128 : false;
    })();
  return ok
    ? []
    : [fieldErrors.invalid(f, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

// --- object name validators --------------------------------------------------------------------

/**
 * Validates a metadata.name (prefix=false) or metadata.generateName (prefix=true). For a prefix the
 * trailing `-` is masked, since a random suffix will follow it.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const validateNamespaceName: NameValidator = nameIsDNSLabel;
export const validateServiceAccountName: NameValidator = nameIsDNSSubdomain;

/** Names only used as URL path segments (RBAC roles...): not `.`/`..`, no `/` or `%`. */
export const validatePathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';

export function validateNonnegativeField(value: number, f: FieldPath | string): FieldError[] {
  return value < 0 ? [fieldErrors.invalid(f, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** Turns a check's detail strings into `Invalid value` errors at one path. */
export function invalidEach(f: FieldPath | string, value: unknown, msgs: string[]): FieldError[] {
  return msgs.map((m) => fieldErrors.invalid(f, value, m));
}

/** The 1.32 default (RelaxedEnvironmentVariableValidation is beta, on): printable ASCII except `=`. */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name ' + emptyError());
  if (/[^\x20-\x7e]|=/.test(value))
    errs.push(
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    );
  return errs;
}
