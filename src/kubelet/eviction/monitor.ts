/**
 * @module kubelet/eviction/monitor
 * The eviction manager's node conditions: every 10 s it observes the signals, and a pressure
 * condition stays True for the pressure transition period (5 minutes, upstream's default) after
 * its threshold was last met, so that a node does not flap between pressure and none. The period
 * is timed on the monotonic clock: a wall clock stepped forward must not end it early.
 * (Evicting pods under pressure is not done: the conditions and the taints they bring are.)
 */
import type { Clock } from '../../util/clock.js';
import { NO_PRESSURE, pressureOf, type Observations, type Pressure } from './signals.js';
import type { Threshold } from './thresholds.js';

export const MONITORING_INTERVAL_MS = 10_000;
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000;

/** Tracks when each condition was last observed, and answers what to report at a time. */
export class PressureTracker {
  private readonly lastObserved: Partial<Record<keyof Pressure, number>> = {};

  constructor(private readonly transitionMs = PRESSURE_TRANSITION_PERIOD_MS) {}

  observe(now: number, observed: Pressure): void {
    for (const k of Object.keys(NO_PRESSURE) as (keyof Pressure)[])
      if (observed[k]) this.lastObserved[k] = now;
  }

  at(now: number): Pressure {
    const on = (k: keyof Pressure) => {
      const t = this.lastObserved[k];
      return t !== undefined && now - t < this.transitionMs;
    };
    return { memory: on('memory'), disk: on('disk'), pid: on('pid') };
  }
}

export interface PressureMonitorOptions {
  thresholds: Threshold[];
  observe(): Observations;
  clock: Clock;
  intervalMs?: number;
  transitionMs?: number;
}

/** Observes now and every interval until `signal` aborts; `current()` is what the node reports. */
export function startPressureMonitor(
  o: PressureMonitorOptions,
  signal: AbortSignal,
): { current(): Pressure } {
  const tracker = new PressureTracker(o.transitionMs);
  let timer: { cancel(): void } | undefined;
  const tick = () => {
    if (signal.aborted) return;
    tracker.observe(o.clock.monotonicMs(), pressureOf(o.thresholds, o.observe()));
    timer = o.clock.setTimeout(tick, o.intervalMs ?? MONITORING_INTERVAL_MS);
  };
  signal.addEventListener('abort', () => timer?.cancel(), { once: true });
  tick();
  return { current: () => tracker.at(o.clock.monotonicMs()) };
}
