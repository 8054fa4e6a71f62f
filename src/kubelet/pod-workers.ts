/**
 * @module kubelet/pod-workers
 * One serialized worker per pod UID, after upstream's pod_workers.go. Updates for a pod never
 * run concurrently; while a sync runs, newer updates coalesce and only the latest is processed.
 *
 * ```
 *              update (pod still wanted)
 *            ┌──────────────┐
 *            ▼              │   syncPod: compute actions, act, write status
 *        [ syncing ] ───────┘
 *            │  deletionTimestamp set, pod removed from the source,
 *            │  or syncPod reports a terminal phase (Succeeded/Failed, deadline)
 *            ▼
 *      [ terminating ]          syncTerminatingPod: preStop hooks, stop containers within
 *            │                  the grace period, stop the sandbox
 *            ▼
 *       [ terminated ] ◄──┐     syncTerminatedPod: final status; when deleted,
 *            │  update    │     StatusWriter.podTerminated removes the API object
 *            │ ───────────┘
 *            │  removed from the source
 *            ▼
 *       (forgotten)             forgetPod: drop caches, probe workers, back-offs
 * ```
 * A terminated pod never goes back to syncing (a pod UID runs once). Sync errors are logged and
 * the pod is retried after `retryMs`. `syncPod` may ask for a resync at a given time (back-off end),
 * and a running pod is synced again every `resyncMs` (upstream's --sync-frequency, 1 minute) plus
 * up to half of that at random, so that periodic syncs of many pods spread out.
 */
import type { Pod } from '../api/core/pods/types.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export type WorkerState = 'syncing' | 'terminating' | 'terminated';

/** Upstream's workerBackOffPeriod. */
export const FAILED_SYNC_BACKOFF_MS = 10_000;

export interface SyncPodResult {
  /** The pod reached a terminal phase: terminate it. */
  terminal: boolean;
  /** Sync again at this time (ms since the epoch) even if nothing changes. */
  retryAtMs?: number;
  /**
   * The sync could not do all it meant to (a sandbox or a container not started): synced again
   * after the failed-sync back-off, as upstream's pod worker requeues on a sync error.
   */
  failed?: boolean;
}

/** The work done in each state; called for one pod at a time. */
export interface PodSyncer {
  syncPod(pod: Pod): Promise<SyncPodResult>;
  syncTerminatingPod(pod: Pod): Promise<void>;
  syncTerminatedPod(pod: Pod): Promise<void>;
  forgetPod(uid: string): void;
  /**
   * Called (without waiting) when an update arrives while `syncTerminatingPod` runs, so a
   * shorter grace period (a forced delete) can bring the kill forward.
   */
  terminatingPodUpdated?(pod: Pod, removed: boolean): void;
}

export interface PodWorkersOptions {
  syncer: PodSyncer;
  clock: Clock;
  log: Logger;
  /** Retry delay after a sync that threw; default 1000 ms. */
  retryMs?: number;
  /**
   * Back-off after a sync that reported `failed`, jittered by up to half: default 10 s, upstream's
   * workerBackOffPeriod. An image imported or a ConfigMap created meanwhile is then acted on,
   * and the failure's events repeat, as on a real node.
   */
  failedSyncBackoffMs?: number;
  /** Periodic resync of a running pod; default 60 000 ms (0 turns it off). */
  resyncMs?: number;
}

interface Worker {
  uid: string;
  state: WorkerState;
  pod: Pod;
  pending: boolean;
  running: boolean;
  removed: boolean;
  timer?: { cancel(): void };
  timerAt?: number;
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly opts: PodWorkersOptions) {}

  /** Queues a sync of the pod's latest spec. `removed`: the pod is no longer wanted on this node. */
  update(pod: Pod, removed = false): void {
    if (this.stopped) return;
    const uid = pod.metadata.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      w = { uid, state: 'syncing', pod, pending: false, running: false, removed: false };
      this.workers.set(uid, w);
    }
    w.pod = pod;
    w.removed ||= removed;
    w.pending = true;
    if (w.state === 'terminating' && w.running) this.opts.syncer.terminatingPodUpdated?.(pod, w.removed);
    if (!w.running) void this.run(w);
  }

  /** Re-syncs a known pod with its latest spec (probe change, runtime event, timer). */
  resync(uid: string): void {
    const w = this.workers.get(uid);
    if (w) this.update(w.pod);
  }

  state(uid: string): WorkerState | undefined {
    return this.workers.get(uid)?.state;
  }

  uids(): string[] {
    return [...this.workers.keys()];
  }

  /** Resolves when no worker has anything running or pending. */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting updates and waits for running syncs. Containers keep running. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.workers.values()) {
      w.pending = false;
      w.timer?.cancel();
    }
    await this.whenIdle();
  }

  private idle(): boolean {
    for (const w of this.workers.values()) if (w.running || w.pending) return false;
    return true;
  }

  private scheduleRetry(w: Worker, atMs: number): void {
    if (w.timer && w.timerAt !== undefined && w.timerAt <= atMs) return;
    w.timer?.cancel();
    w.timerAt = atMs;
    w.timer = this.opts.clock.setTimeout(
      () => {
        w.timer = undefined;
        w.timerAt = undefined;
        if (this.workers.get(w.uid) === w) this.update(w.pod);
      },
      Math.max(0, atMs - this.opts.clock.nowMs()),
    );
  }

  private schedulePeriodicSync(w: Worker): void {
    const every = this.opts.resyncMs ?? 60_000;
    if (every <= 0) return;
    this.scheduleRetry(w, this.opts.clock.nowMs() + every * (1 + Math.random() * 0.5));
  }

  private async run(w: Worker): Promise<void> {
    w.running = true;
    const { syncer, log } = this.opts;
    try {
      while (w.pending && !this.stopped) {
        w.pending = false;
        const pod = w.pod;
        try {
          if (w.state === 'syncing') {
            if (w.removed || pod.metadata.deletionTimestamp) {
              w.state = 'terminating';
            } else {
              const res = await syncer.syncPod(pod);
              if (res.retryAtMs !== undefined) this.scheduleRetry(w, res.retryAtMs);
              if (res.failed) {
                const backoff = this.opts.failedSyncBackoffMs ?? FAILED_SYNC_BACKOFF_MS;
                this.scheduleRetry(w, this.opts.clock.nowMs() + backoff * (1 + 0.5 * Math.random()));
              }
              if (res.terminal) w.state = 'terminating';
              else this.schedulePeriodicSync(w);
            }
          }
          if (w.state === 'terminating') {
            await syncer.syncTerminatingPod(w.pod);
            w.state = 'terminated';
            w.timer?.cancel();
          }
          if (w.state === 'terminated') {
            await syncer.syncTerminatedPod(w.pod);
            if (w.removed) {
              this.workers.delete(w.uid);
              syncer.forgetPod(w.uid);
              break;
            }
          }
        } catch (err) {
          log.warn(
            { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, err: String(err) },
            'pod sync failed',
          );
          this.scheduleRetry(w, this.opts.clock.nowMs() + (this.opts.retryMs ?? 1000));
        }
      }
    } finally {
      w.running = false;
      if (this.idle()) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const f of waiters) f();
      }
    }
  }
}
