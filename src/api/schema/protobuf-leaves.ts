/**
 * @module api/schema/protobuf-leaves
 * Text forms of the special leaf types as Kubernetes writes them in JSON, and their protobuf
 * numbers: metav1.Time and MicroTime (RFC 3339, `{seconds, nanos}` in protobuf) and
 * metav1.Duration (Go duration text such as `1m30s`, nanoseconds in protobuf).
 * Pure functions; every parser throws an Error naming the bad input.
 */

const NS_PER_SECOND = 1_000_000_000;

/** A protobuf Timestamp: whole seconds since the epoch plus nanoseconds (0..999999999). */
export interface ProtoTime {
  seconds: number;
  nanos: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * RFC 3339 text in UTC: `2024-01-02T03:04:05Z` for metav1.Time (whole seconds, as Go's JSON
 * writes it), `2024-01-02T03:04:05.123456Z` for MicroTime (always six fractional digits).
 */
export function formatTime(t: ProtoTime, micro: boolean): string {
  const d = new Date(t.seconds * 1000);
  if (Number.isNaN(d.getTime())) throw new Error(`timestamp out of range: ${t.seconds}s`);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Error(`timestamp out of range: ${t.seconds}s`);
  const date = `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const clock = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const frac = micro ? '.' + pad(Math.floor(t.nanos / 1000), 6) : '';
  return `${date}T${clock}${frac}Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses RFC 3339 text (any offset, up to nanosecond precision) into seconds and nanos. */
export function parseTime(text: string): ProtoTime {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`invalid RFC 3339 time ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) throw new Error(`invalid RFC 3339 time ${JSON.stringify(text)}`);
  let seconds = ms / 1000;
  if (sign) seconds -= (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  const nanos = frac ? Number(frac.padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

// Go's time.Duration.String: units from hours down; sub-second durations use the
// largest unit (ms, µs, ns) that keeps the integer part non-zero.
const UNITS: [string, number][] = [
  ['ms', 1e6],
  ['µs', 1e3],
  ['ns', 1],
];

/** Fractional part of `ns / unit` without trailing zeros, e.g. (1500, 1000) → ".5". */
function fraction(ns: number, unit: number): string {
  const digits = Math.round(Math.log10(unit));
  const rest = ns % unit;
  if (rest === 0) return '';
  return '.' + pad(rest, digits).replace(/0+$/, '');
}

/** Go duration text for a nanosecond count: `0s`, `1.5s`, `2m0s`, `1h0m0s`, `250ms`, `-3s`. */
export function formatDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  const ns = Math.abs(nanoseconds);
  if (ns < NS_PER_SECOND) {
    const [unit, size] = UNITS.find(([, size]) => ns >= size) ?? UNITS[2]!;
    return `${sign}${Math.floor(ns / size)}${fraction(ns, size)}${unit}`;
  }
  const totalSeconds = Math.floor(ns / NS_PER_SECOND);
  const secs = `${totalSeconds % 60}${fraction(ns % (60 * NS_PER_SECOND), NS_PER_SECOND)}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes === 0) return sign + secs;
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${sign}${minutes}m${secs}`;
  return `${sign}${hours}h${minutes % 60}m${secs}`;
}

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Parses Go duration text (`1h2m3.5s`, `300ms`, `-1m`) into nanoseconds. */
export function parseDuration(text: string): number {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)[a-zµμ]+)+$/.exec(text);
  if (text === '0') return 0;
  if (!m) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of text.slice(m[1]!.length).matchAll(/(\d+(?:\.\d*)?|\.\d+)([a-zµμ]+)/g)) {
    const size = UNIT_NS[part[2]!];
    if (size === undefined)
      throw new Error(`invalid duration ${JSON.stringify(text)}: unknown unit ${part[2]}`);
    total += Math.round(Number(part[1]) * size);
  }
  return m[1] === '-' ? -total : total;
}
