/**
 * @module kubelet/prober/manager
 * The kubelet's probe manager (upstream's prober_manager.go): starts one worker per probe of
 * every regular container and every restartable init container (sidecar), keeps the latest pod
 * and status the engine generated so workers can see container IDs and start times, and fills
 * `ready` and `started` into that status from the cached results.
 *
 * All methods are synchronous and cheap; probes run on timers from the injected clock.
 */
import type { Container, ContainerStatus, Pod, PodStatus } from '../../api/core/pods/types.js';
import type { RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import { silentLogger, type Logger } from '../../util/logger.js';
import type { EventSink, ProbeKind, ProbeManager } from '../interfaces.js';
import { ResultsStore } from './results.js';
import { ProbeWorker, probeOf, runtimeContainerId, type WorkerHost } from './worker.js';

export interface ProbeManagerOptions {
  runtime: RuntimeService;
  events: EventSink;
  clock: Clock;
  /** Probe host for pods without an IP of their own. Default: the pod IP or 127.0.0.1. */
  nodeIP?: string;
  /** Default: silent. */
  log?: Logger;
  /**
   * Whether a worker started within one period of the manager waits a random part of the
   * period before its first probe, as upstream does after a kubelet restart. Default true;
   * tests turn it off to get exact timings.
   */
  jitter?: boolean;
  /** Source of randomness for the jitter. Default Math.random. */
  random?: () => number;
}

/** Upstream adds workers in this order; it only matters for who probes first. */
const KINDS: ProbeKind[] = ['startup', 'readiness', 'liveness'];

export function createProbeManager(opts: ProbeManagerOptions): ProberManager {
  return new ProberManager(opts);
}

export class ProberManager implements ProbeManager {
  readonly results = new ResultsStore();
  private readonly workers = new Map<string, ProbeWorker>();
  private readonly pods = new Map<string, { pod: Pod; status?: PodStatus }>();
  private readonly host: WorkerHost;

  constructor(opts: ProbeManagerOptions) {
    const clock = opts.clock;
    this.host = {
      deps: { runtime: opts.runtime, events: opts.events, clock, nodeIP: opts.nodeIP },
      results: this.results,
      clock,
      log: opts.log ?? silentLogger,
      startedAtMs: clock.nowMs(),
      jitter: opts.jitter ?? true,
      random: opts.random ?? Math.random,
      latest: (uid) => this.pods.get(uid),
      workerEnded: (w) => {
        const key = workerKey(w.podUid, w.container.name, w.kind);
        if (this.workers.get(key) === w) this.workers.delete(key);
      },
    };
  }

  /** Starts workers for every probe of the pod's containers; probes already running are kept. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const entry = this.pods.get(uid);
    if (entry) entry.pod = pod;
    else this.pods.set(uid, { pod });
    const targets: [Container, boolean][] = [
      ...(pod.spec.initContainers ?? [])
        .filter((c) => c.restartPolicy === 'Always')
        .map((c) => [c, true] as [Container, boolean]),
      ...pod.spec.containers.map((c) => [c, false] as [Container, boolean]),
    ];
    for (const [container, isInit] of targets) {
      for (const kind of KINDS) {
        if (!probeOf(container, kind)) continue;
        const key = workerKey(uid, container.name, kind);
        if (this.workers.has(key)) continue;
        const w = new ProbeWorker(this.host, kind, pod, container, isInit);
        this.workers.set(key, w);
        w.start();
      }
    }
  }

  /** Stops the pod's workers and forgets their results. Unknown UIDs are ignored. */
  removePod(podUid: string): void {
    for (const [key, w] of this.workers) {
      if (w.podUid === podUid) {
        w.stop();
        this.workers.delete(key);
      }
    }
    this.pods.delete(podUid);
  }

  cleanupPods(keep: Set<string>): void {
    for (const uid of new Set([...this.pods.keys(), ...[...this.workers.values()].map((w) => w.podUid)])) {
      if (!keep.has(uid)) this.removePod(uid);
    }
  }

  /**
   * Remembers the pod and status for its workers (only for pods added with addPod) and sets
   * `started` and `ready` of regular containers and sidecars, and `ready` of ordinary init
   * containers (true once they exited 0), as upstream's UpdatePodStatus. Mutates `status`.
   */
  updatePodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid ?? '';
    const entry = this.pods.get(uid);
    if (entry) {
      entry.pod = pod;
      entry.status = status;
    }
    for (const c of status.containerStatuses ?? []) this.fillProbed(uid, c);
    const inits = pod.spec.initContainers ?? [];
    for (const c of status.initContainerStatuses ?? []) {
      const spec = inits.find((i) => i.name === c.name);
      if (spec?.restartPolicy === 'Always') this.fillProbed(uid, c);
      else {
        c.started = c.state?.running !== undefined;
        c.ready = c.state?.terminated !== undefined && c.state.terminated.exitCode === 0;
      }
    }
  }

  onChange(listener: (podUid: string) => void): () => void {
    return this.results.onChange(listener);
  }

  stop(): void {
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
    this.pods.clear();
  }

  /** How many workers run (tests and debugging). */
  workerCount(): number {
    return this.workers.size;
  }

  private fillProbed(uid: string, c: ContainerStatus): void {
    const running = c.state?.running !== undefined;
    const id = c.containerID ? runtimeContainerId(c.containerID) : '';
    let started = false;
    if (running) {
      const startup = this.results.get(id, 'startup');
      // Without a result, the container counts as started only if it has no startup probe.
      started =
        startup !== undefined ? startup === 'success' : !this.workers.has(workerKey(uid, c.name, 'startup'));
    }
    c.started = started;
    if (!started) {
      c.ready = false;
      return;
    }
    if (this.results.get(id, 'readiness') === 'success') {
      c.ready = true;
      return;
    }
    const readiness = this.workers.get(workerKey(uid, c.name, 'readiness'));
    c.ready = readiness === undefined;
    // Not ready yet: probe again now rather than a period later.
    readiness?.trigger();
  }
}

function workerKey(uid: string, container: string, kind: ProbeKind): string {
  return `${uid}\u0000${container}\u0000${kind}`;
}
