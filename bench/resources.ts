/**
 * @module bench/resources
 * Measurement 5: resident memory of the kubeling process (VmRSS from /proc/PID/status) and its
 * CPU use while the cluster is idle (utime + stime from /proc/PID/stat over a window).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { below, info, type Row } from './report.js';

const SETTLE_MS = 2000;
const IDLE_WINDOW_MS = 10_000;

/** Clock ticks per second for /proc/PID/stat (100 on practically every Linux). */
function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** VmRSS of `pid` in MiB. */
export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/** user + system CPU seconds used so far by `pid`. */
export function cpuSeconds(pid: number, ticks = clockTicks()): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / ticks; // fields 14 and 15 of the full line
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS after a quiet settle, then CPU over the idle window; `label` says what is stored. */
export async function benchResources(pid: number, label: string): Promise<Row[]> {
  await sleep(SETTLE_MS);
  const rss = rssMiB(pid);
  const ticks = clockTicks();
  const c0 = cpuSeconds(pid, ticks);
  const t0 = performance.now();
  await sleep(IDLE_WINDOW_MS);
  const used = cpuSeconds(pid, ticks) - c0;
  const pct = (used / ((performance.now() - t0) / 1000)) * 100;
  return [
    info(`resident memory (VmRSS), ${label}`, rss, 'MiB'),
    below(`idle CPU over ${IDLE_WINDOW_MS / 1000} s, ${label}`, pct, '% of a core', 1),
  ];
}
