/**
 * @module bench/report
 * The result rows every measurement returns and the plain-text table `npm run bench` prints.
 */

/**
 * PASS/MISS compare a figure with its goal; INFO rows have no goal; FAIL means it could not be
 * measured; SKIP means this host cannot take it (the value says why).
 */
export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'FAIL' | 'SKIP';

export interface Row {
  /** What was measured, e.g. "start-to-ready, fresh dir (median)". */
  name: string;
  /** The figure with its unit, already formatted. */
  value: string;
  /** The goal, e.g. "< 500 ms", or "" for information. */
  goal: string;
  verdict: Verdict;
}

/** A row with a "lower is better" goal: PASS when `value < limit`. */
export function below(name: string, value: number, unit: string, limit: number): Row {
  return {
    name,
    value: fmt(value, unit),
    goal: `< ${limit.toLocaleString('en-US')} ${unit}`,
    verdict: verdictOf(value, value < limit),
  };
}

/** A row with a "higher is better" goal: PASS when `value >= limit`. */
export function atLeast(name: string, value: number, unit: string, limit: number): Row {
  return {
    name,
    value: fmt(value, unit),
    goal: `>= ${limit.toLocaleString('en-US')} ${unit}`,
    verdict: verdictOf(value, value >= limit),
  };
}

/** A row reported for information only. */
export function info(name: string, value: number | string, unit = ''): Row {
  return { name, value: typeof value === 'number' ? fmt(value, unit) : value, goal: '', verdict: 'INFO' };
}

/** A row for a measurement that could not be taken (the benchmark itself failed). */
export function failed(name: string, err: unknown): Row {
  const msg = err instanceof Error ? err.message : String(err);
  return { name, value: msg.split('\n')[0].slice(0, 70), goal: '', verdict: 'FAIL' };
}

/** A row for a measurement this host cannot take, with the reason. */
export function skipped(name: string, reason: string): Row {
  return { name, value: reason.slice(0, 110), goal: '', verdict: 'SKIP' };
}

function verdictOf(value: number, ok: boolean): Verdict {
  if (!Number.isFinite(value)) return 'FAIL';
  return ok ? 'PASS' : 'MISS';
}

function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const s = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${s} ${unit}` : s;
}

/** Renders rows as an aligned text table under a title. */
export function formatTable(title: string, rows: readonly Row[]): string {
  const head: Row = { name: 'measurement', value: 'figure', goal: 'goal', verdict: 'INFO' };
  const all = [head, ...rows];
  const w = (f: (r: Row) => string) => Math.max(...all.map((r) => f(r).length));
  const wn = w((r) => r.name);
  const wv = w((r) => r.value);
  const wg = w((r) => r.goal);
  const line = (r: Row, verdict: string) =>
    `${r.name.padEnd(wn)}  ${r.value.padStart(wv)}  ${r.goal.padEnd(wg)}  ${verdict}`.trimEnd();
  const rule = '-'.repeat(wn + wv + wg + 12);
  return [
    `\n${title}`,
    rule,
    line(head, 'result'),
    rule,
    ...rows.map((r) => line(r, r.verdict === 'INFO' ? '' : r.verdict)),
    rule,
  ].join('\n');
}
