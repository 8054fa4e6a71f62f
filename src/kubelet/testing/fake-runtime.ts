/**
 * @module kubelet/testing/fake-runtime
 * An in-memory RuntimeService + ImageService for the kubelet's unit tests, on an injected
 * (fake) clock. Nothing runs by itself: tests decide when containers exit (`exit`), which image
 * pulls fail (`failPull`), which images exist (`addImage`), what exec returns (`execResult`),
 * which starts fail (`failStart`) and which containers ignore SIGTERM (`ignoreSigterm`, so
 * stopContainer waits the whole timeout on the clock and then SIGKILLs with 137). `calls` logs
 * every mutating call in order (`runPodSandbox web`, `start web`, `stop web 30`, …).
 */
import {
  RuntimeError,
  type ContainerConfig,
  type ContainerFilter,
  type ContainerRuntime,
  type ContainerStatus,
  type ExecResult,
  type ImageService,
  type ImageStatus,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type RuntimeEvent,
  type RuntimeService,
  type SandboxFilter,
} from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import { CONTAINER_NAME_LABEL, POD_UID_LABEL } from '../runtime-manager/labels.js';

function matches(labels: Record<string, string>, selector?: Record<string, string>): boolean {
  return !selector || Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export class FakeRuntime implements RuntimeService, ImageService {
  readonly name = 'sim';
  readonly version = '0.0.0-fake';
  readonly calls: string[] = [];
  /** The configs sandboxes and containers were made with, by id. */
  readonly sandboxConfigs = new Map<string, PodSandboxConfig>();
  readonly containerConfigs = new Map<string, ContainerConfig>();
  readonly sandboxes = new Map<string, PodSandboxStatus>();
  readonly containers = new Map<string, ContainerStatus>();
  private readonly images = new Map<string, ImageStatus>();
  private readonly pullFailures = new Map<string, string>();
  private readonly startFailures = new Map<string, string>();
  private readonly sigtermIgnored = new Set<string>();
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private execAnswer: (containerId: string, cmd: string[]) => ExecResult = () => ({
    exitCode: 0,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
  });
  /** Exit code of a container that stops on SIGTERM. */
  termExitCode = 0;
  /** Reported duration of every pull. */
  pullDurationMs = 1200;
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  // --- test controls -------------------------------------------------------------------------

  addImage(image: string, size = 1000): void {
    this.images.set(image, {
      id: `sha256:${image.length}${image}`,
      repoTags: [image],
      repoDigests: [`${image}@sha256:fake`],
      size,
    });
  }
  failPull(image: string, message: string | undefined): void {
    if (message === undefined) this.pullFailures.delete(image);
    else this.pullFailures.set(image, message);
  }
  failStart(containerName: string, message: string | undefined): void {
    if (message === undefined) this.startFailures.delete(containerName);
    else this.startFailures.set(containerName, message);
  }
  ignoreSigterm(containerName: string): void {
    this.sigtermIgnored.add(containerName);
  }
  execResult(fn: (containerId: string, cmd: string[]) => ExecResult): void {
    this.execAnswer = fn;
  }
  /** The newest container with this name (optionally in this pod). */
  latest(name: string, podUid?: string): ContainerStatus | undefined {
    return [...this.containers.values()]
      .filter(
        (c) => c.labels[CONTAINER_NAME_LABEL] === name && (!podUid || c.labels[POD_UID_LABEL] === podUid),
      )
      .sort((a, b) => b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt)[0];
  }
  /** Makes the newest running container with this name exit. */
  exit(name: string, exitCode: number, reason = ''): void {
    const c = this.latest(name);
    if (!c || c.state !== 'CONTAINER_RUNNING') throw new Error(`fake runtime: ${name} is not running`);
    this.finish(c, exitCode, reason);
  }

  // --- RuntimeService ------------------------------------------------------------------------

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(type: RuntimeEvent['type'], c: ContainerStatus): void {
    for (const l of this.listeners)
      l({ type, containerId: c.id, podSandboxId: c.podSandboxId, podUid: c.labels[POD_UID_LABEL] ?? '' });
  }

  private readonly exitWaiters = new Map<string, (() => void)[]>();

  private finish(c: ContainerStatus, exitCode: number, reason: string): void {
    for (const f of this.exitWaiters.get(c.id) ?? []) f();
    this.exitWaiters.delete(c.id);
    c.state = 'CONTAINER_EXITED';
    c.exitCode = exitCode;
    c.reason = reason;
    c.finishedAt = this.clock.nowMs();
    this.emit('ContainerStopped', c);
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = `sb${++this.seq}`;
    this.calls.push(`runPodSandbox ${config.metadata.name} ${config.metadata.attempt}`);
    this.sandboxConfigs.set(id, config);
    this.sandboxes.set(id, {
      id,
      metadata: { ...config.metadata },
      state: 'SANDBOX_READY',
      createdAt: this.clock.nowMs() + this.seq / 1000,
      ip: config.hostNetwork ? '' : `10.88.0.${this.seq}`,
      additionalIps: [],
      labels: { ...config.labels },
      annotations: { ...config.annotations },
    });
    return id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    const s = this.sandboxes.get(id);
    if (!s) return;
    this.calls.push(`stopPodSandbox ${s.metadata.name}`);
    s.state = 'SANDBOX_NOTREADY';
    for (const c of this.containers.values())
      if (c.podSandboxId === id && c.state !== 'CONTAINER_EXITED') this.finish(c, 137, 'Error');
  }

  async removePodSandbox(id: string): Promise<void> {
    this.sandboxes.delete(id);
    for (const [cid, c] of this.containers) if (c.podSandboxId === id) this.containers.delete(cid);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const s = this.sandboxes.get(id);
    if (!s) throw new RuntimeError('NotFound', `sandbox ${id} not found`);
    return structuredClone(s);
  }

  async listPodSandbox(filter?: SandboxFilter): Promise<PodSandboxStatus[]> {
    return [...this.sandboxes.values()]
      .filter((s) => (!filter?.state || s.state === filter.state) && matches(s.labels, filter?.labelSelector))
      .map((s) => structuredClone(s));
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    if (!this.sandboxes.has(sandboxId)) throw new RuntimeError('NotFound', `sandbox ${sandboxId} not found`);
    const id = `c${++this.seq}`;
    this.calls.push(`create ${config.metadata.name} ${config.metadata.attempt}`);
    this.containerConfigs.set(id, config);
    this.containers.set(id, {
      id,
      podSandboxId: sandboxId,
      metadata: { ...config.metadata },
      state: 'CONTAINER_CREATED',
      createdAt: this.clock.nowMs() + this.seq / 1000,
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      // As CRI runtimes report it: the image's repo tag, even when created from its digest.
      image: config.image.replace(/@sha256:fake$/, ''),
      imageRef: config.image.includes('@') ? config.image : `${config.image}@sha256:fake`,
      labels: { ...config.labels },
      annotations: { ...config.annotations },
      logPath: config.logPath,
    });
    return id;
  }

  private get(id: string): ContainerStatus {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError('NotFound', `container ${id} not found`);
    return c;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.get(id);
    this.calls.push(`start ${c.metadata.name}`);
    const failure = this.startFailures.get(c.metadata.name);
    if (failure) {
      this.finish(c, 128, 'ContainerCannotRun');
      throw new RuntimeError('StartContainerFailed', failure);
    }
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = this.clock.nowMs();
    this.emit('ContainerStarted', c);
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.get(id);
    this.calls.push(`stop ${c.metadata.name} ${timeoutSeconds}`);
    if (c.state !== 'CONTAINER_RUNNING') {
      if (c.state === 'CONTAINER_CREATED') this.finish(c, 0, '');
      return;
    }
    if (this.sigtermIgnored.has(c.metadata.name) && timeoutSeconds > 0) {
      // SIGKILL when the timeout runs out, or earlier if another stop kills it first.
      await new Promise<void>((resolve) => {
        const t = this.clock.setTimeout(resolve, timeoutSeconds * 1000);
        const waiters = this.exitWaiters.get(c.id) ?? [];
        waiters.push(() => (t.cancel(), resolve()));
        this.exitWaiters.set(c.id, waiters);
      });
      if (c.state === 'CONTAINER_RUNNING') this.finish(c, 137, 'Error');
      return;
    }
    this.finish(c, this.sigtermIgnored.has(c.metadata.name) ? 137 : this.termExitCode, '');
  }

  async removeContainer(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (c) this.calls.push(`remove ${c.metadata.name}`);
    this.containers.delete(id);
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    return [...this.containers.values()]
      .filter(
        (c) =>
          (!filter?.podSandboxId || c.podSandboxId === filter.podSandboxId) &&
          (!filter?.state || c.state === filter.state) &&
          matches(c.labels, filter?.labelSelector),
      )
      .map((c) => structuredClone(c));
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    return structuredClone(this.get(id));
  }

  async execSync(id: string, cmd: string[]): Promise<ExecResult> {
    const c = this.get(id);
    this.calls.push(`exec ${c.metadata.name} ${cmd.join(' ')}`);
    return this.execAnswer(id, cmd);
  }

  // --- ImageService --------------------------------------------------------------------------

  async pullImage(image: string): Promise<{ ref: string; size: number; durationMs: number }> {
    this.calls.push(`pull ${image}`);
    const failure = this.pullFailures.get(image);
    if (failure) throw new RuntimeError('ImagePullFailed', failure);
    if (!this.images.has(image)) this.addImage(image);
    return {
      ref: `${image}@sha256:fake`,
      size: this.images.get(image)!.size,
      durationMs: this.pullDurationMs,
    };
  }

  async imageStatus(image: string): Promise<ImageStatus | undefined> {
    return this.images.get(image);
  }

  async listImages(): Promise<ImageStatus[]> {
    return [...this.images.values()];
  }

  async removeImage(image: string): Promise<void> {
    this.images.delete(image);
  }
}

export function createFakeRuntime(clock: Clock): ContainerRuntime & { fake: FakeRuntime } {
  const fake = new FakeRuntime(clock);
  return { fake, runtime: fake, images: fake, close: async () => {} };
}
