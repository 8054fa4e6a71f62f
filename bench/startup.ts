/**
 * @module bench/startup
 * Measurement 1: start-to-ready time of the real `kubeling up`, on fresh data dirs (credentials
 * generated) and on an existing one (credentials and state reused). Time runs from spawn until
 * /readyz answers `ok` over HTTPS, and until the "kubeling is ready" line is printed.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { startCluster } from './cluster.js';
import { below, info, type Row } from './report.js';
import { max, median } from './stats.js';

const RUNS = 5;
const GOAL_MS = 500;

export interface StartSample {
  readyzMs: number;
  readyLineMs: number;
  selfReportedMs: number;
}

/** Starts kubeling on `dataDir`, records both ready times, stops it again. */
export async function timeStart(dataDir: string): Promise<StartSample> {
  const c = await startCluster({ dataDir });
  try {
    return { readyzMs: c.readyzMs, readyLineMs: c.readyLineMs, selfReportedMs: c.selfReportedMs };
  } finally {
    await c.stop();
  }
}

/** Runs RUNS fresh starts and RUNS starts on the data dir of the first fresh one. */
export async function benchStartup(tmpRoot: string, log: (s: string) => void): Promise<Row[]> {
  const fresh: StartSample[] = [];
  let existingDir = '';
  for (let i = 0; i < RUNS; i++) {
    const dir = await mkdtemp(join(tmpRoot, 'fresh-'));
    if (i === 0) existingDir = dir;
    fresh.push(await timeStart(dir));
  }
  const existing: StartSample[] = [];
  for (let i = 0; i < RUNS; i++) existing.push(await timeStart(existingDir));
  log(`  fresh readyz ms: ${fresh.map((s) => s.readyzMs.toFixed(0)).join(' ')}`);
  log(`  existing readyz ms: ${existing.map((s) => s.readyzMs.toFixed(0)).join(' ')}`);
  return [...rowsFor('fresh data dir', fresh), ...rowsFor('existing data dir', existing)];
}

/**
 * Rows for one set of starts: medians and maxima of both signals; the medians are judged against
 * the goal unless `judged` is false (then every row is information).
 */
export function rowsFor(label: string, s: StartSample[], judged = true): Row[] {
  const readyz = s.map((x) => x.readyzMs);
  const line = s.map((x) => x.readyLineMs);
  const self = s.map((x) => x.selfReportedMs);
  const goal = (name: string, v: number) => (judged ? below(name, v, 'ms', GOAL_MS) : info(name, v, 'ms'));
  return [
    goal(`start-to-ready /readyz, ${label} (median of ${s.length})`, median(readyz)),
    info(`start-to-ready /readyz, ${label} (max)`, max(readyz), 'ms'),
    goal(`start-to-ready line, ${label} (median of ${s.length})`, median(line)),
    info(`start-to-ready line, ${label} (max)`, max(line), 'ms'),
    info(`  time kubeling itself reports, ${label} (median)`, median(self), 'ms'),
  ];
}
