/**
 * @module machinery/duration
 * Age and duration text as kubectl shows it (`5m30s`, `3d5h`, `2y10d`): the same cut-offs and
 * truncation as apimachinery's `pkg/util/duration`. Used by every table printer's AGE column.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int(x)` on a float: truncates toward zero. */
const trunc = Math.trunc;

/**
 * Precise-ish human text for a duration in milliseconds (upstream `HumanDuration`).
 * A skew of up to one second into the future counts as "now" (`0s`); further is `<invalid>`.
 * More detail for short spans (`90s`, `5m30s`, `4h5m`, `3d5h`, `2y10d`), whole units after.
 */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;

  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;

  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  const days = trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** One-unit human text (upstream `ShortHumanDuration`): `59s`, `59m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(hours / 24 / 365)}y`;
}

/**
 * Parses an RFC 3339 timestamp; `undefined` for a missing, unparseable or Go-zero
 * (`0001-01-01T00:00:00Z`) one, which upstream treats as unset.
 */
export function parseTimestamp(ts: string | null | undefined): Date | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  return d.getUTCFullYear() <= 1 ? undefined : d;
}

/** Age of `ts` at `now` as `humanDuration` text; `<unknown>` when the timestamp is unset. */
export function translateTimestampSince(ts: string | null | undefined, now: Date): string {
  const d = parseTimestamp(ts);
  return d ? humanDuration(now.getTime() - d.getTime()) : '<unknown>';
}
