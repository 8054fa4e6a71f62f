/**
 * @module kubelet/eviction/signals
 * The eviction manager's observations of the machine, and which node conditions they put under
 * pressure. `readSignals` reads the host (MemAvailable from /proc/meminfo; statfs of the data
 * dir, which holds both the node's and the images' files, so nodefs and imagefs are one
 * filesystem here; PIDs as upstream counts them: the lower of kernel.pid_max and
 * kernel.threads-max, less the tasks /proc/loadavg counts); `pressureOf` is the pure decision.
 */
import { readFileSync, statfsSync } from 'node:fs';
import type { Signal, Threshold } from './thresholds.js';

/** Available amount and capacity per signal; a signal that could not be read is absent. */
export type Observations = Partial<Record<Signal, { available: number; capacity: number }>>;

export interface Pressure {
  memory: boolean;
  disk: boolean;
  pid: boolean;
}

export const NO_PRESSURE: Pressure = { memory: false, disk: false, pid: false };

/** MemTotal and MemAvailable of a /proc/meminfo text, in bytes. */
export function parseMeminfo(text: string): { total: number; available: number } | undefined {
  const kb = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const total = kb('MemTotal');
  const available = kb('MemAvailable');
  return total === undefined || available === undefined ? undefined : { total, available };
}

/** The total task count of a /proc/loadavg text (`0.69 1.35 1.43 2/79 25737` → 79). */
export function parseLoadavgTasks(text: string): number | undefined {
  const m = /^\S+ \S+ \S+ \d+\/(\d+) /.exec(text);
  return m ? Number(m[1]) : undefined;
}

function readNumber(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function readSignals(dataDir: string): Observations {
  const out: Observations = {};
  try {
    const mem = parseMeminfo(readFileSync('/proc/meminfo', 'utf8'));
    if (mem) out['memory.available'] = { available: mem.available, capacity: mem.total };
  } catch {
    /* not Linux: no memory signal */
  }
  try {
    const fs = statfsSync(dataDir);
    const bytes = { available: fs.bavail * fs.bsize, capacity: fs.blocks * fs.bsize };
    out['nodefs.available'] = bytes;
    out['imagefs.available'] = bytes;
    if (fs.files > 0) {
      const inodes = { available: fs.ffree, capacity: fs.files };
      out['nodefs.inodesFree'] = inodes;
      out['imagefs.inodesFree'] = inodes;
    }
  } catch {
    /* the data dir is not there (yet) */
  }
  const limits = [readNumber('/proc/sys/kernel/pid_max'), readNumber('/proc/sys/kernel/threads-max')];
  const maxPid = Math.min(...limits.filter((n): n is number => n !== undefined));
  let tasks: number | undefined;
  try {
    tasks = parseLoadavgTasks(readFileSync('/proc/loadavg', 'utf8'));
  } catch {
    tasks = undefined;
  }
  if (Number.isFinite(maxPid) && tasks !== undefined)
    out['pid.available'] = { available: maxPid - tasks, capacity: maxPid };
  return out;
}

/** Whether `t` is met by the observations (a signal not observed never meets it). */
export function thresholdMet(t: Threshold, obs: Observations): boolean {
  const o = obs[t.signal];
  if (!o) return false;
  const limit = t.quantity ?? (t.percentage ?? 0) * o.capacity;
  return o.available < limit;
}

const CONDITION_OF: Record<Signal, keyof Pressure> = {
  'memory.available': 'memory',
  'nodefs.available': 'disk',
  'nodefs.inodesFree': 'disk',
  'imagefs.available': 'disk',
  'imagefs.inodesFree': 'disk',
  'pid.available': 'pid',
};

/** The pressure the met thresholds signal right now. */
export function pressureOf(thresholds: Threshold[], obs: Observations): Pressure {
  const p: Pressure = { ...NO_PRESSURE };
  for (const t of thresholds) if (thresholdMet(t, obs)) p[CONDITION_OF[t.signal]] = true;
  return p;
}
