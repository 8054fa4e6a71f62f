/**
 * @module scheduler/queue
 * The scheduling queue, after upstream's PriorityQueue. A pending pod is in exactly one place:
 *
 *   add ──► activeQ ──pop──► in flight ──failed──► unschedulable pods ──matching event──┐
 *   (gated pods wait aside)     ▲                     │ (or event during its cycle)       │
 *                               │                     ▼                                  ▼
 *                               └──── flush (1 s) ── backoffQ ◄── still backing off ── move
 *
 * activeQ pops the highest priority first, then the oldest. A pod that failed waits
 * 1 s · 2^(attempts−1), capped at 10 s, counted from the failure, before it may run again. An
 * unschedulable pod moves on a cluster event registered by one of the plugins that rejected it,
 * or after 5 minutes without one. All timers run on the injected clock.
 */
import type { Pod } from '../api/core/pods/types.js';
import type { Clock } from '../util/clock.js';
import type { ClusterEvent } from './framework/interface.js';
import { podKey } from './framework/node-info.js';
import { Nominator } from './nominator.js';
import { KeyedHeap } from './heap.js';

export interface QueuedPodInfo {
  pod: Pod;
  key: string;
  /** When it last entered the queue (ms); orders activeQ and starts its back-off. */
  timestamp: number;
  /** Scheduling attempts so far (incremented on pop). */
  attempts: number;
  /** Plugins that rejected it in its last attempt; empty after an error (any event moves it). */
  unschedulablePlugins: Set<string>;
}

export interface QueueOptions {
  clock: Clock;
  /** Cluster events each plugin registered, by plugin name. */
  pluginEvents: ReadonlyMap<string, readonly ClusterEvent[]>;
  /** Default 1000 ms. */
  initialBackoffMs?: number;
  /** Default 10000 ms. */
  maxBackoffMs?: number;
  /** How long an unschedulable pod waits without a matching event; default 5 min. */
  maxUnschedulableMs?: number;
}

const priorityOf = (p: Pod) => p.spec.priority ?? 0;

export class SchedulingQueue {
  private readonly active = new KeyedHeap<QueuedPodInfo>((a, b) => {
    const pa = priorityOf(a.pod);
    const pb = priorityOf(b.pod);
    return pa !== pb ? pa > pb : a.timestamp < b.timestamp;
  });
  private readonly backoff = new KeyedHeap<QueuedPodInfo>(
    (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b),
  );
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly gated = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  /** Where pending pods are nominated (see Nominator). */
  readonly nominator = new Nominator();
  private waiters: (() => void)[] = [];
  private cycle = 0;
  private moveRequestCycle = -1;
  private readonly clock: Clock;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly maxUnschedulableMs: number;

  constructor(private readonly opts: QueueOptions) {
    this.clock = opts.clock;
    this.initialMs = opts.initialBackoffMs ?? 1000;
    this.maxMs = opts.maxBackoffMs ?? 10_000;
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 5 * 60_000;
  }

  get schedulingCycle(): number {
    return this.cycle;
  }

  /** Sizes, for tests and logs. */
  stats(): { active: number; backoff: number; unschedulable: number; gated: number; inFlight: number } {
    return {
      active: this.active.size,
      backoff: this.backoff.size,
      unschedulable: this.unschedulable.size,
      gated: this.gated.size,
      inFlight: this.inFlight.size,
    };
  }

  where(pod: Pod): 'active' | 'backoff' | 'unschedulable' | 'gated' | 'inFlight' | undefined {
    const k = podKey(pod);
    if (this.active.has(k)) return 'active';
    if (this.backoff.has(k)) return 'backoff';
    if (this.unschedulable.has(k)) return 'unschedulable';
    if (this.gated.has(k)) return 'gated';
    if (this.inFlight.has(k)) return 'inFlight';
    return undefined;
  }

  /** A new pending pod. Gated pods (spec.schedulingGates) wait aside until their gates are gone. */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.where(pod)) return this.update(pod, pod);
    this.nominator.upsert(pod);
    const qpi: QueuedPodInfo = {
      pod,
      key,
      timestamp: this.clock.nowMs(),
      attempts: 0,
      unschedulablePlugins: new Set(),
    };
    if (pod.spec.schedulingGates?.length) this.gated.set(key, qpi);
    else this.pushActive(qpi);
  }

  /** The pending pod changed: the stored copy is replaced; a changed spec or labels retries it. */
  update(oldPod: Pod, pod: Pod): void {
    const key = podKey(pod);
    if (oldPod.status?.nominatedNodeName !== pod.status?.nominatedNodeName) this.nominator.upsert(pod);
    const g = this.gated.get(key);
    if (g) {
      g.pod = pod;
      if (!pod.spec.schedulingGates?.length) {
        this.gated.delete(key);
        this.pushActive(g);
      }
      return;
    }
    for (const heap of [this.active, this.backoff]) {
      const q = heap.get(key);
      if (q) {
        q.pod = pod;
        heap.push(key, q);
        return;
      }
    }
    const u = this.unschedulable.get(key);
    if (u) {
      u.pod = pod;
      if (specOrLabelsChanged(oldPod, pod)) {
        this.unschedulable.delete(key);
        this.requeue(u);
      }
      return;
    }
    const f = this.inFlight.get(key);
    if (f) {
      f.pod = pod;
      return;
    }
    this.add(pod);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.nominator.remove(pod);
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.gated.delete(key);
    this.inFlight.delete(key);
  }

  /**
   * The next pod to schedule, waiting while activeQ is empty; undefined once `signal` aborts.
   * The pod counts as in flight until `done`, `addUnschedulable` or `addBackoff`.
   */
  async pop(signal: AbortSignal): Promise<QueuedPodInfo | undefined> {
    while (!this.active.size) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    return this.popNow();
  }

  /** Pops without waiting; undefined when activeQ is empty. */
  popNow(): QueuedPodInfo | undefined {
    const q = this.active.pop();
    if (!q) return undefined;
    q.attempts++;
    this.cycle++;
    this.inFlight.set(q.key, q);
    return q;
  }

  /** The pod's cycle finished (bound or given up). */
  done(pod: Pod): void {
    this.inFlight.delete(podKey(pod));
    this.nominator.remove(pod);
  }

  /**
   * A pod the plugins rejected in cycle `podCycle`. It waits for a matching event, or goes
   * straight to backoffQ when an event arrived since that cycle began.
   */
  addUnschedulable(q: QueuedPodInfo, plugins: Set<string>, podCycle: number): void {
    if (!this.inFlight.delete(q.key)) return; // deleted meanwhile
    q.unschedulablePlugins = plugins;
    q.timestamp = this.clock.nowMs();
    if (this.moveRequestCycle >= podCycle) this.backoff.push(q.key, q);
    else this.unschedulable.set(q.key, q);
  }

  /** A pod whose attempt failed with an error: retried after its back-off. */
  addBackoff(q: QueuedPodInfo): void {
    if (!this.inFlight.delete(q.key)) return;
    q.unschedulablePlugins = new Set();
    q.timestamp = this.clock.nowMs();
    this.backoff.push(q.key, q);
  }

  /** Moves the unschedulable pods that a plugin rejecting them said `event` may help. */
  onEvent(event: ClusterEvent): void {
    this.moveRequestCycle = this.cycle;
    for (const [key, q] of this.unschedulable) {
      if (!this.interested(q, event)) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  backoffDurationMs(q: QueuedPodInfo): number {
    let d = this.initialMs;
    for (let i = 1; i < q.attempts; i++) {
      d *= 2;
      if (d >= this.maxMs) return this.maxMs;
    }
    return Math.min(d, this.maxMs);
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDurationMs(q);
  }

  /** Moves pods whose back-off ended to activeQ (upstream does this every second). */
  flushBackoffCompleted(): void {
    const now = this.clock.nowMs();
    for (;;) {
      const q = this.backoff.peek();
      if (!q || this.backoffExpiry(q) > now) break;
      this.backoff.pop();
      this.pushActive(q);
    }
  }

  /** Retries pods that waited longer than the limit for an event (upstream checks every 30 s). */
  flushUnschedulableLeftover(): void {
    const now = this.clock.nowMs();
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp < this.maxUnschedulableMs) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  /** Runs the two periodic flushes on the clock until `signal` aborts. */
  run(signal: AbortSignal): void {
    const every = (ms: number, fn: () => void) => {
      const tick = () => {
        if (signal.aborted) return;
        fn();
        t = this.clock.setTimeout(tick, ms);
      };
      let t = this.clock.setTimeout(tick, ms);
      signal.addEventListener('abort', () => t.cancel(), { once: true });
    };
    every(1000, () => this.flushBackoffCompleted());
    every(30_000, () => this.flushUnschedulableLeftover());
    signal.addEventListener('abort', () => this.wake(), { once: true });
  }

  private interested(q: QueuedPodInfo, event: ClusterEvent): boolean {
    if (q.unschedulablePlugins.size === 0) return true;
    for (const p of q.unschedulablePlugins) if (this.opts.pluginEvents.get(p)?.includes(event)) return true;
    return false;
  }

  private requeue(q: QueuedPodInfo): void {
    if (this.backoffExpiry(q) > this.clock.nowMs()) this.backoff.push(q.key, q);
    else this.pushActive(q);
  }

  private pushActive(q: QueuedPodInfo): void {
    this.active.push(q.key, q);
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

function specOrLabelsChanged(a: Pod, b: Pod): boolean {
  return (
    JSON.stringify(a.spec) !== JSON.stringify(b.spec) ||
    JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {})
  );
}
