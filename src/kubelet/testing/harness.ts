/**
 * @module kubelet/testing/harness
 * The engine under test: FakeRuntime + StubProbeManager + PodWorkers running the real
 * KubeletPodSyncer on a FakeClock, with an in-memory StatusWriter and a recording EventSink.
 * `settle()` lets pending syncs finish, advancing the fake clock in small steps when a sync is
 * waiting on it (grace periods, sleep hooks).
 */
import type { Container, Pod, PodSpec, PodStatus } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import type { EventSink, StatusWriter } from '../interfaces.js';
import { PodWorkers } from '../pod-workers.js';
import { KubeletPodSyncer } from '../runtime-manager/pod-syncer.js';
import { createFakeRuntime, type FakeRuntime } from './fake-runtime.js';
import { StubProbeManager } from './stub-probes.js';

export interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
  fieldPath?: string;
}

export class RecordingEvents implements EventSink {
  readonly list: RecordedEvent[] = [];
  event(_pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    this.list.push({ type, reason, message, fieldPath });
  }
  reasons(): string[] {
    return this.list.map((e) => e.reason);
  }
  find(reason: string): RecordedEvent[] {
    return this.list.filter((e) => e.reason === reason);
  }
}

export class MemoryStatusWriter implements StatusWriter {
  readonly statuses = new Map<string, PodStatus>();
  readonly terminated: string[] = [];
  writes = 0;
  setPodStatus(pod: Pod, status: PodStatus): void {
    this.writes++;
    this.statuses.set(pod.metadata.uid ?? '', structuredClone(status));
  }
  getPodStatus(uid: string): PodStatus | undefined {
    return this.statuses.get(uid);
  }
  podTerminated(pod: Pod): void {
    this.terminated.push(pod.metadata.uid ?? '');
  }
  removePod(uid: string): void {
    this.statuses.delete(uid);
  }
}

let podSeq = 0;

/** A pod with one `app` container (image `nginx:1.27`) unless `spec` says otherwise. */
export function makePod(spec: Partial<PodSpec> = {}, name = 'web'): Pod {
  const n = ++podSeq;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${n}`, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      restartPolicy: 'Always',
      nodeName: 'node-1',
      ...spec,
    },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

export function container(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: 'busybox:1.36', ...extra };
}

export class Harness {
  readonly clock = new FakeClock(Date.UTC(2024, 0, 1));
  readonly rt = createFakeRuntime(this.clock);
  readonly fake: FakeRuntime = this.rt.fake;
  readonly probes = new StubProbeManager();
  readonly events = new RecordingEvents();
  readonly status = new MemoryStatusWriter();
  readonly syncer = new KubeletPodSyncer({
    runtime: this.rt,
    probes: this.probes,
    status: this.status,
    events: this.events,
    clock: this.clock,
    log: silentLogger,
    rootDir: '/tmp/kubeling-test-kubelet',
    nodeIP: '192.168.1.10',
    logDirs: { mkdirp: async () => {}, remove: async () => {} },
  });
  readonly workers = new PodWorkers({ syncer: this.syncer, clock: this.clock, log: silentLogger });

  constructor() {
    this.fake.subscribe((e) => this.workers.resync(e.podUid));
    this.probes.onChange((uid) => this.workers.resync(uid));
  }

  /** Hands the pod to the workers and waits for the syncs to settle. */
  async sync(pod: Pod, removed = false): Promise<PodStatus | undefined> {
    this.workers.update(pod, removed);
    await this.settle();
    return this.statusOf(pod);
  }

  statusOf(pod: Pod): PodStatus | undefined {
    return this.status.getPodStatus(pod.metadata.uid ?? '');
  }

  containerStatus(pod: Pod, name: string) {
    const s = this.statusOf(pod);
    return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? [])].find(
      (c) => c.name === name,
    );
  }

  /** Waits for idle workers; while they are busy, advances the clock `stepMs` at a time (at most `maxMs`). */
  async settle(stepMs = 100, maxMs = 120_000): Promise<void> {
    let advanced = 0;
    for (;;) {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      let idle = false;
      void this.workers.whenIdle().then(() => (idle = true));
      await new Promise((r) => setImmediate(r));
      if (idle) return;
      if (advanced >= maxMs) throw new Error('harness: workers did not settle');
      this.clock.advance(stepMs);
      advanced += stepMs;
    }
  }

  /** Advances the clock (firing resync timers) and settles. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.settle();
  }
}
