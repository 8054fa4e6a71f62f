/**
 * @module kubelet/prober/worker
 * One probe worker per (pod, container, probe kind), after upstream's worker.go.
 *
 * ```
 *  start ──(jitter: random part of the period, only while the kubelet is young)──► probing loop
 *  probing loop: probe now, then on every period tick (and on a manual trigger from
 *  updatePodStatus for a not-yet-ready readiness probe); ends when the pod finishes, the
 *  container terminated for good, the pod is being deleted (liveness/startup), or stop().
 * ```
 *
 * Each probe round (`doProbe`) reads the pod status last handed to `updatePodStatus`:
 *  - no status / container without an ID yet → wait;
 *  - a new container ID → forget the old result, store the initial one (readiness: failure,
 *    liveness: success, startup: none), reset the counters and leave the hold;
 *  - on hold (after a liveness/startup failure was reported) → wait for a new container;
 *  - container not running → result failure, keep waiting unless it will never restart;
 *  - before initialDelaySeconds since the container started → wait;
 *  - startup probes run only until the container counts as started; the other kinds only after;
 *  - a probe result changes the stored result only after failureThreshold / successThreshold
 *    identical results in a row.
 */
import type { Container, ContainerStatus, Pod, PodStatus, Probe } from '../../api/core/pods/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { ProbeKind, ProbeOutcome } from '../interfaces.js';
import { runProbe, type ProberDeps } from './prober.js';
import type { ResultsStore } from './results.js';

/** What a worker needs from its manager. */
export interface WorkerHost {
  readonly deps: ProberDeps;
  readonly results: ResultsStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** When the manager was created (ms): jitter applies only within one period of it. */
  readonly startedAtMs: number;
  readonly jitter: boolean;
  readonly random: () => number;
  /** The latest pod object and status handed to updatePodStatus, if any. */
  latest(podUid: string): { pod: Pod; status?: PodStatus } | undefined;
  /** Called once when a worker ends on its own (not when the manager stopped it). */
  workerEnded(worker: ProbeWorker): void;
}

const INITIAL: Record<ProbeKind, ProbeOutcome | undefined> = {
  readiness: 'failure',
  liveness: 'success',
  startup: undefined,
};

/** `sim://abc` → `abc`: the runtime's ID is what follows the scheme. */
export function runtimeContainerId(statusId: string): string {
  const i = statusId.indexOf('://');
  return i < 0 ? statusId : statusId.slice(i + 3);
}

export class ProbeWorker {
  readonly podUid: string;
  private readonly probe: Probe;
  private readonly periodMs: number;
  private statusContainerId = '';
  private containerId = '';
  private lastResult: ProbeOutcome | undefined;
  private resultRun = 0;
  private onHold = false;
  private timer: { cancel(): void } | undefined;
  private triggerTimer: { cancel(): void } | undefined;
  private looping = false;
  private running = false;
  private pending = false;
  private stopped = false;

  constructor(
    private readonly host: WorkerHost,
    readonly kind: ProbeKind,
    pod: Pod,
    readonly container: Container,
    private readonly isInit: boolean,
  ) {
    this.podUid = pod.metadata.uid ?? '';
    this.probe = probeOf(container, kind)!;
    this.periodMs = (this.probe.periodSeconds || 10) * 1000;
  }

  start(): void {
    const { clock } = this.host;
    // A kubelet that just (re)started would otherwise fire every probe at once.
    const young = clock.nowMs() - this.host.startedAtMs < this.periodMs;
    const delay = this.host.jitter && young ? Math.floor(this.host.random() * this.periodMs) : 0;
    this.timer = clock.setTimeout(() => {
      this.looping = true;
      this.tick();
    }, delay);
  }

  /** Ends the worker and forgets its result. Safe to call more than once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.timer?.cancel();
    this.triggerTimer?.cancel();
    if (this.containerId) this.host.results.remove(this.containerId, this.kind);
  }

  /** Asks for a probe round now (upstream's manual trigger); ignored before the loop runs. */
  trigger(): void {
    if (!this.looping || this.stopped || this.triggerTimer) return;
    this.triggerTimer = this.host.clock.setTimeout(() => {
      this.triggerTimer = undefined;
      this.fire();
    }, 0);
  }

  private tick(): void {
    this.timer = this.host.clock.setTimeout(() => this.tick(), this.periodMs);
    this.fire();
  }

  private fire(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    this.doProbe()
      .catch((err) => {
        this.host.log.error({ err, pod: this.podUid, container: this.container.name }, 'probe worker failed');
        return true;
      })
      .then((keepGoing) => {
        this.running = false;
        if (this.stopped) return;
        if (!keepGoing) {
          this.stop();
          this.host.workerEnded(this);
        } else if (this.pending) {
          this.pending = false;
          this.fire();
        }
      });
  }

  /** One round; resolves with whether the worker should keep going. */
  private async doProbe(): Promise<boolean> {
    const latest = this.host.latest(this.podUid);
    const status = latest?.status;
    if (!latest || !status) return true;
    const pod = latest.pod;
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return false;

    const c = findStatus(status, this.container.name, this.isInit);
    if (!c?.containerID) return true;
    const { results } = this.host;
    if (c.containerID !== this.statusContainerId) {
      if (this.containerId) results.remove(this.containerId, this.kind);
      this.statusContainerId = c.containerID;
      this.containerId = runtimeContainerId(c.containerID);
      const initial = INITIAL[this.kind];
      if (initial) results.set(this.containerId, this.kind, initial, this.podUid);
      this.onHold = false;
      this.resultRun = 0;
      this.lastResult = undefined;
    }
    if (this.onHold) return true;

    const running = c.state?.running;
    if (!running) {
      results.set(this.containerId, this.kind, 'failure', this.podUid);
      const restarts = this.isInit || (pod.spec.restartPolicy ?? 'Always') !== 'Never';
      return !c.state?.terminated || restarts;
    }

    if (pod.metadata.deletionTimestamp && this.kind !== 'readiness') {
      // Quiet shutdown: a pod on its way out is not killed for failing liveness.
      results.set(this.containerId, this.kind, 'success', this.podUid);
      return false;
    }

    const startedAt = running.startedAt ? Date.parse(running.startedAt) : NaN;
    const sinceStart = Math.floor((this.host.clock.nowMs() - startedAt) / 1000);
    if (Number.isFinite(sinceStart) && sinceStart < (this.probe.initialDelaySeconds ?? 0)) return true;

    if (c.started === true) {
      if (this.kind === 'startup') return true;
    } else if (this.kind !== 'startup') return true;

    const containerId = this.containerId;
    const verdict = await runProbe(this.host.deps, {
      kind: this.kind,
      probe: this.probe,
      pod,
      status,
      container: this.container,
      isInit: this.isInit,
      containerId,
    });
    // Stopped, or a newer round saw another container meanwhile: this answer is stale.
    if (this.stopped || containerId !== this.containerId) return true;
    if (verdict === 'error') return true;

    if (this.lastResult === verdict) this.resultRun++;
    else {
      this.lastResult = verdict;
      this.resultRun = 1;
    }
    const failureThreshold = this.probe.failureThreshold || 3;
    const successThreshold = this.probe.successThreshold || 1;
    if (
      (verdict === 'failure' && this.resultRun < failureThreshold) ||
      (verdict === 'success' && this.resultRun < successThreshold)
    ) {
      return true;
    }
    results.set(containerId, this.kind, verdict, this.podUid);
    if (verdict === 'failure' && this.kind !== 'readiness') {
      // The container is about to be killed: stop probing it until a new one appears.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}

export function probeOf(container: Container, kind: ProbeKind): Probe | undefined {
  if (kind === 'liveness') return container.livenessProbe;
  if (kind === 'readiness') return container.readinessProbe;
  return container.startupProbe;
}

function findStatus(status: PodStatus, name: string, isInit: boolean): ContainerStatus | undefined {
  const list = isInit ? status.initContainerStatuses : status.containerStatuses;
  return list?.find((s) => s.name === name);
}
