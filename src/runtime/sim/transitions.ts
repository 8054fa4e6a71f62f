/**
 * @module runtime/sim/transitions
 * The timed state changes of sim containers: start after a delay, scripted exits and OOM kills,
 * SIGTERM handling with a SIGKILL deadline. The runtime validates requests; this module moves
 * records between states on the timer queue and reports each change through `emit`.
 */
import type { Clock } from '../../util/clock.js';
import { RuntimeError, type RuntimeEvent } from '../interface.js';
import { criLogLine, exitReason, type ContainerRecord } from './records.js';
import { exitForAttempt } from './script.js';
import type { TimerQueue } from './timer-queue.js';

export interface TransitionsOptions {
  clock: Clock;
  queue: TimerQueue;
  logLines: number;
  emit: (e: RuntimeEvent) => void;
}

export class ContainerTransitions {
  constructor(private readonly opts: TransitionsOptions) {}

  /** CREATED → RUNNING after `delayMs`. Rejects with StartContainerFailed if killed meanwhile. */
  start(rec: ContainerRecord, delayMs: number): Promise<void> {
    if (delayMs <= 0) {
      this.run(rec);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      // Runs inside the timer so startedAt and scripted exits are exact even when a fake clock jumps.
      const timer = this.opts.queue.after(delayMs, () => {
        rec.starting = undefined;
        this.run(rec);
        resolve();
      });
      rec.starting = {
        timer,
        fail: (message) => {
          timer.cancel();
          rec.starting = undefined;
          reject(new RuntimeError('StartContainerFailed', message));
        },
      };
    });
  }

  /**
   * SIGTERM now, SIGKILL `timeoutSeconds` later (0 = at once). The scripted term delay decides when
   * the container gives in to SIGTERM; a later stop can only bring the SIGKILL forward.
   * Resolves once exited; CREATED and EXITED containers are left alone.
   */
  async stop(rec: ContainerRecord, timeoutSeconds: number): Promise<void> {
    if (rec.starting) {
      this.kill(rec);
      return;
    }
    if (rec.status.state !== 'CONTAINER_RUNNING') return;
    const exited = new Promise<void>((resolve) => rec.exitWaiters.push(resolve));
    const now = this.opts.clock.nowMs();
    const termAt = rec.stopping?.termAt ?? now + rec.script.term.delayMs;
    const killAt = Math.min(rec.stopping?.killAt ?? Infinity, now + Math.max(0, timeoutSeconds) * 1000);
    rec.stopping?.timer?.cancel();
    rec.stopping = { termAt, killAt };
    if (timeoutSeconds <= 0 || killAt < termAt) {
      if (killAt <= now) this.kill(rec);
      else rec.stopping.timer = this.opts.queue.at(killAt, () => this.kill(rec));
    } else {
      const { exitCode } = rec.script.term;
      const exit = () => this.exit(rec, exitCode, exitReason(exitCode));
      if (termAt <= now) exit();
      else rec.stopping.timer = this.opts.queue.at(termAt, exit);
    }
    await exited;
  }

  /** SIGKILL: a running or starting container exits 137 now (a pending start fails). */
  kill(rec: ContainerRecord): void {
    if (rec.starting) {
      rec.starting.fail(`container "${rec.status.id}" was killed while starting`);
      this.exit(rec, 137, 'Error');
    } else if (rec.status.state === 'CONTAINER_RUNNING') {
      this.exit(rec, 137, 'Error');
    }
  }

  private run(rec: ContainerRecord): void {
    const { status, script } = rec;
    status.state = 'CONTAINER_RUNNING';
    status.startedAt = this.opts.clock.nowMs();
    for (const line of script.logLines) this.log(rec, line);
    this.opts.emit({
      type: 'ContainerStarted',
      containerId: status.id,
      podSandboxId: status.podSandboxId,
      podUid: rec.podUid,
    });
    if (script.oomAfterMs !== undefined) {
      rec.timers.push(this.opts.queue.after(script.oomAfterMs, () => this.exit(rec, 137, 'OOMKilled')));
    }
    const step = exitForAttempt(script, status.metadata.attempt);
    if (step && !step.forever) {
      const fire = () => this.exit(rec, step.exitCode, exitReason(step.exitCode));
      if (step.afterMs <= 0 && script.oomAfterMs === undefined) fire();
      else rec.timers.push(this.opts.queue.after(step.afterMs, fire));
    }
  }

  private exit(rec: ContainerRecord, exitCode: number, reason: string): void {
    const { status } = rec;
    if (status.state === 'CONTAINER_EXITED') return;
    for (const t of rec.timers) t.cancel();
    rec.timers = [];
    rec.stopping?.timer?.cancel();
    rec.stopping = undefined;
    status.state = 'CONTAINER_EXITED';
    status.finishedAt = this.opts.clock.nowMs();
    status.exitCode = exitCode;
    status.reason = reason;
    const waiters = rec.exitWaiters;
    rec.exitWaiters = [];
    for (const w of waiters) w();
    this.opts.emit({
      type: 'ContainerStopped',
      containerId: status.id,
      podSandboxId: status.podSandboxId,
      podUid: rec.podUid,
    });
  }

  private log(rec: ContainerRecord, message: string): void {
    const log = (rec.log ??= []);
    log.push(criLogLine(this.opts.clock.nowMs(), 'stdout', message));
    if (log.length > this.opts.logLines) log.splice(0, log.length - this.opts.logLines);
  }
}
