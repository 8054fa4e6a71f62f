/**
 * @module api/batch/cronjobs/cron-schedule
 * Parses standard cron schedules the way upstream's CronJob validation does (robfig/cron v3
 * `ParseStandard`): five fields (minute hour day-of-month month day-of-week) with `*`, `?`,
 * ranges, steps, lists and month/weekday names, or a descriptor (`@daily`, `@every 1h30m`...),
 * optionally after `TZ=`/`CRON_TZ=`. Error texts are robfig's, since users see them verbatim.
 *
 * The parsed form is a set of allowed values per field, enough for the CronJob controller to
 * compute the next run time later.
 */

export interface CronSchedule {
  /** Allowed minutes, hours, days of month, months (1–12) and days of week (0 = Sunday). */
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** True when the field was `*` or `?` (day matching then uses AND instead of OR). */
  domStar: boolean;
  dowStar: boolean;
  /** For `@every D`: the period in seconds (the fields are unused). */
  everySeconds?: number;
  /** The zone from a `TZ=`/`CRON_TZ=` prefix, if any. */
  timeZone?: string;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const B = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTHS },
  dow: { min: 0, max: 6, names: DAYS },
} satisfies Record<string, Bounds>;

export class CronParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronParseError';
  }
}

const fail = (msg: string): never => {
  throw new CronParseError(msg);
};

/** Go's strconv.Atoi, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1)
    fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (e) {
    return fail(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (n < 0) fail(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, out: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else return fail(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (single) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) fail(`too many slashes: ${expr}`);
  if (start < r.min) fail(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) fail(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) fail(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) fail(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) out.add(v);
  return star;
}

function getField(field: string, r: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((s) => s !== '')) star = getRange(expr, r, values) || star;
  return { values, star };
}

const all = (r: Bounds) => new Set(Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i));

/** Go's time.ParseDuration for the common forms (`1h30m`, `90s`, `1.5h`). */
function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const re = /([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/y;
  if (s === '0') return 0;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) fail(`failed to parse duration ${s}: time: invalid duration ${JSON.stringify(s)}`);
    total += Number(m![1]) * units[m![2]];
    i = re.lastIndex;
  }
  if (s === '') fail(`failed to parse duration ${s}: time: invalid duration ""`);
  return total;
}

function descriptor(spec: string): CronSchedule {
  const at = (
    minute: number[],
    hour: number[],
    dom: number[],
    month: number[],
    dow: number[],
  ): CronSchedule => ({
    minute: new Set(minute),
    hour: new Set(hour),
    dom: new Set(dom),
    month: new Set(month),
    dow: new Set(dow),
    domStar: dom.length > 1,
    dowStar: dow.length > 1,
  });
  const every = (r: Bounds) => [...all(r)];
  switch (spec) {
    case '@yearly':
    case '@annually':
      return at([0], [0], [1], [1], every(B.dow));
    case '@monthly':
      return at([0], [0], [1], every(B.month), every(B.dow));
    case '@weekly':
      return at([0], [0], every(B.dom), every(B.month), [0]);
    case '@daily':
    case '@midnight':
      return at([0], [0], every(B.dom), every(B.month), every(B.dow));
    case '@hourly':
      return at([0], every(B.hour), every(B.dom), every(B.month), every(B.dow));
  }
  const prefix = '@every ';
  if (spec.startsWith(prefix)) {
    const seconds = parseGoDuration(spec.slice(prefix.length));
    return { ...at([], [], [], [], []), everySeconds: seconds };
  }
  return fail(`unrecognized descriptor: ${spec}`);
}

/** Parses a schedule; throws CronParseError with robfig/cron's message when it is invalid. */
export function parseCronSchedule(input: string): CronSchedule {
  let spec = input;
  if (spec.length === 0) fail('empty spec string');
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    timeZone = spec.slice(eq + 1, i < 0 ? undefined : i);
    if (!isKnownTimeZone(timeZone)) fail(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return { ...descriptor(spec), timeZone };
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) fail(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const minute = getField(fields[0], B.minute);
  const hour = getField(fields[1], B.hour);
  const dom = getField(fields[2], B.dom);
  const month = getField(fields[3], B.month);
  const dow = getField(fields[4], B.dow);
  return {
    minute: minute.values,
    hour: hour.values,
    dom: dom.values,
    month: month.values,
    dow: dow.values,
    domStar: dom.star,
    dowStar: dow.star,
    timeZone,
  };
}

/** Undefined when valid; otherwise robfig/cron's error text. */
export function cronScheduleError(schedule: string): string | undefined {
  try {
    parseCronSchedule(schedule);
    return undefined;
  } catch (e) {
    if (e instanceof CronParseError) return e.message;
    throw e;
  }
}

/** Whether the IANA zone is known to this runtime (`UTC` included). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
