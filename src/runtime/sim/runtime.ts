/**
 * @module runtime/sim/runtime
 * The sim RuntimeService: sandboxes and containers that exist only in memory and follow the pod's
 * `sim.kubeling.io/…` script (./README.md, ./script.ts). All timing goes through one TimerQueue on
 * the injected clock; lookups are Map-based so 10,000 containers cost little.
 *
 * Container states (CRI):
 *
 *   createContainer → CREATED ──startContainer (after start delay)──▶ RUNNING
 *   RUNNING ──scripted exit / OOM / stopContainer / stopPodSandbox──▶ EXITED
 *   stopContainer: SIGTERM → exits after the scripted term delay, or SIGKILL (137) at the timeout.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../util/clock.js';
import {
  RuntimeError,
  type ContainerConfig,
  type ContainerFilter,
  type ContainerStatus,
  type ExecResult,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type RuntimeEvent,
  type RuntimeService,
  type SandboxFilter,
  type ScriptedProbe,
} from '../interface.js';
import type { SimImageService } from './images.js';
import { normalizeImageRef } from './images.js';
import type { IpPool } from './ip-pool.js';
import {
  containerMatches,
  copyContainer,
  copySandbox,
  notFoundContainer,
  notFoundSandbox,
  PodIndex,
  sandboxMatches,
  type ContainerRecord,
  type SandboxRecord,
} from './records.js';
import { parseContainerScript, parsePullFailList, probeAt, ScriptError } from './script.js';
import type { TimerQueue } from './timer-queue.js';
import { ContainerTransitions } from './transitions.js';

export interface SimRuntimeServiceOptions {
  clock: Clock;
  queue: TimerQueue;
  images: SimImageService;
  pool: IpPool;
  startDelayMs: number;
  /** What scriptedProbe answers for a probe the pod does not script: `run` = undefined (the kubelet probes). */
  unscriptedProbes: 'run' | 'success';
  /** How many recent log lines each container keeps. */
  logLines: number;
}

// Random 64-hex IDs as containerd's, drawn from a pooled buffer: one randomBytes call per 256 IDs.
let idPool = Buffer.alloc(0);
let idOffset = 0;
function newId(): string {
  if (idOffset >= idPool.length) {
    idPool = randomBytes(32 * 256);
    idOffset = 0;
  }
  idOffset += 32;
  return idPool.toString('hex', idOffset - 32, idOffset);
}

export class SimRuntimeService implements RuntimeService {
  readonly name = 'sim';
  readonly version = '0.1.0';
  /** Sim pod IPs are made up: the kubelet must never connect to them. */
  readonly simulatedNetwork = true;
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  /** Sandbox and container IDs by their pod UID label, so a per-pod list costs O(pod's objects). */
  private readonly sandboxesByPod = new PodIndex();
  private readonly containersByPod = new PodIndex();
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();

  private readonly tx: ContainerTransitions;

  constructor(private readonly opts: SimRuntimeServiceOptions) {
    this.tx = new ContainerTransitions({ ...opts, emit: (e) => this.emit(e) });
  }

  private now(): number {
    return this.opts.clock.nowMs();
  }

  // ---- sandboxes ----

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = newId();
    let ip = '';
    if (!config.hostNetwork) {
      ip = this.opts.pool.allocate() ?? '';
      if (!ip) {
        throw new RuntimeError(
          'SandboxFailed',
          `failed to setup network for sandbox "${id}": plugin type="bridge" name="kubeling" failed (add): ` +
            `failed to allocate for range 0: no IP addresses available in range set: ${this.opts.pool.range}`,
        );
      }
    }
    const status: PodSandboxStatus = {
      id,
      metadata: { ...config.metadata },
      state: 'SANDBOX_READY',
      createdAt: this.now(),
      ip,
      additionalIps: [],
      labels: { ...config.labels },
      annotations: { ...config.annotations },
    };
    const pullFail = new Set(parsePullFailList(config.annotations).map(normalizeImageRef));
    this.sandboxes.set(id, { status, containers: new Set(), pullFail });
    this.sandboxesByPod.add(status.labels, id);
    return id;
  }

  /** Kills the sandbox's running containers at once (exit 137) and marks it NOTREADY. Unknown IDs are fine. */
  async stopPodSandbox(id: string): Promise<void> {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    for (const cid of sb.containers) this.tx.kill(this.containers.get(cid)!);
    if (sb.status.state === 'SANDBOX_READY') {
      sb.status.state = 'SANDBOX_NOTREADY';
      this.emit({ type: 'SandboxStopped', podSandboxId: id, podUid: sb.status.metadata.uid });
    }
  }

  /** Stops it if needed, removes its containers and frees its IP. Idempotent. */
  async removePodSandbox(id: string): Promise<void> {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    await this.stopPodSandbox(id);
    for (const cid of [...sb.containers]) await this.removeContainer(cid);
    this.opts.pool.release(sb.status.ip);
    this.sandboxes.delete(id);
    this.sandboxesByPod.delete(sb.status.labels, id);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const sb = this.sandboxes.get(id);
    if (!sb) throw new RuntimeError('NotFound', notFoundSandbox(id));
    return copySandbox(sb.status);
  }

  async listPodSandbox(filter?: SandboxFilter): Promise<PodSandboxStatus[]> {
    const out: PodSandboxStatus[] = [];
    const ids = this.sandboxesByPod.lookup(filter?.labelSelector);
    if (ids) {
      for (const id of ids) {
        const s = this.sandboxes.get(id)!.status;
        if (sandboxMatches(s, filter)) out.push(copySandbox(s));
      }
      return out;
    }
    for (const sb of this.sandboxes.values())
      if (sandboxMatches(sb.status, filter)) out.push(copySandbox(sb.status));
    return out;
  }

  /** Whether a pull of `normalized` must fail for this pod (or, without a sandbox, for any live pod). */
  pullFailScripted(normalized: string, sandbox?: PodSandboxConfig): boolean {
    if (sandbox)
      return parsePullFailList(sandbox.annotations).some((i) => normalizeImageRef(i) === normalized);
    for (const sb of this.sandboxes.values()) if (sb.pullFail.has(normalized)) return true;
    return false;
  }

  // ---- containers ----

  /**
   * Throws NotFound for an unknown sandbox, CreateContainerFailed when the sandbox is not ready,
   * the image is not present, or the pod's sim annotations for this container are invalid.
   */
  async createContainer(
    sandboxId: string,
    config: ContainerConfig,
    sandboxConfig: PodSandboxConfig,
  ): Promise<string> {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) throw new RuntimeError('NotFound', notFoundSandbox(sandboxId));
    const name = config.metadata.name;
    if (sb.status.state !== 'SANDBOX_READY') {
      throw new RuntimeError(
        'CreateContainerFailed',
        `failed to create container "${name}": sandbox "${sandboxId}" is not ready`,
      );
    }
    const image = this.opts.images.resolve(config.image);
    if (!image) {
      throw new RuntimeError(
        'CreateContainerFailed',
        `failed to get image "${config.image}": image not present; pull it first`,
      );
    }
    let script;
    try {
      script = parseContainerScript(name, { ...sandboxConfig.annotations, ...config.annotations });
    } catch (e) {
      if (e instanceof ScriptError)
        throw new RuntimeError('CreateContainerFailed', `invalid sim script: ${e.message}`);
      throw e;
    }
    const id = newId();
    const repoTag = image.repoTags.includes(normalizeImageRef(config.image))
      ? normalizeImageRef(config.image)
      : image.repoTags[0];
    const status: ContainerStatus = {
      id,
      podSandboxId: sandboxId,
      metadata: { ...config.metadata },
      state: 'CONTAINER_CREATED',
      createdAt: this.now(),
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      image: repoTag ?? image.id,
      imageRef: image.repoDigests[0] ?? image.id,
      labels: { ...config.labels },
      annotations: { ...config.annotations },
      logPath: '',
    };
    this.containers.set(id, { status, podUid: sb.status.metadata.uid, script, timers: [], exitWaiters: [] });
    sb.containers.add(id);
    this.containersByPod.add(status.labels, id);
    this.emit({
      type: 'ContainerCreated',
      containerId: id,
      podSandboxId: sandboxId,
      podUid: sb.status.metadata.uid,
    });
    return id;
  }

  /**
   * Resolves once the container runs (after its start delay). Throws NotFound, or
   * StartContainerFailed when it is not CREATED, its sandbox is not ready, or it is stopped while starting.
   */
  async startContainer(id: string): Promise<void> {
    const rec = this.get(id);
    const { status } = rec;
    if (status.state !== 'CONTAINER_CREATED' || rec.starting) {
      throw new RuntimeError('StartContainerFailed', `container "${id}" is in ${status.state} state`);
    }
    if (this.sandboxes.get(status.podSandboxId)?.status.state !== 'SANDBOX_READY') {
      throw new RuntimeError('StartContainerFailed', `sandbox "${status.podSandboxId}" is not ready`);
    }
    return this.tx.start(rec, rec.script.startDelayMs ?? this.opts.startDelayMs);
  }

  /**
   * SIGTERM, then SIGKILL after `timeoutSeconds` (0 = SIGKILL at once). With a scripted term delay
   * the container exits that long after the first SIGTERM (code from the script, default 0), or
   * with 137 when the timeout comes first. Resolves once exited; no-op for CREATED/EXITED containers.
   * Throws NotFound for unknown IDs.
   */
  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    return this.tx.stop(this.get(id), timeoutSeconds);
  }

  /** Kills it if it runs, then forgets it. Idempotent. */
  async removeContainer(id: string): Promise<void> {
    const rec = this.containers.get(id);
    if (!rec) return;
    rec.starting?.fail(`container "${id}" was removed while starting`);
    this.tx.kill(rec);
    this.containers.delete(id);
    this.containersByPod.delete(rec.status.labels, id);
    this.sandboxes.get(rec.status.podSandboxId)?.containers.delete(id);
    this.emit({
      type: 'ContainerDeleted',
      containerId: id,
      podSandboxId: rec.status.podSandboxId,
      podUid: rec.podUid,
    });
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    const out: ContainerStatus[] = [];
    if (filter?.podSandboxId) {
      for (const cid of this.sandboxes.get(filter.podSandboxId)?.containers ?? []) {
        const s = this.containers.get(cid)!.status;
        if (containerMatches(s, filter)) out.push(copyContainer(s));
      }
      return out;
    }
    const ids = this.containersByPod.lookup(filter?.labelSelector);
    if (ids) {
      for (const cid of ids) {
        const s = this.containers.get(cid)!.status;
        if (containerMatches(s, filter)) out.push(copyContainer(s));
      }
      return out;
    }
    for (const rec of this.containers.values())
      if (containerMatches(rec.status, filter)) out.push(copyContainer(rec.status));
    return out;
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    return copyContainer(this.get(id).status);
  }

  /**
   * Answers the scripted exec result (`<container>.exec`, default 0 at once) whatever the command.
   * A scripted duration beyond `timeoutSeconds` answers -1 at the timeout. Throws NotFound, or
   * Unavailable when the container is not running.
   */
  async execSync(id: string, _cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    const rec = this.get(id);
    if (rec.status.state !== 'CONTAINER_RUNNING') {
      throw new RuntimeError('Unavailable', `container "${id}" is in ${rec.status.state} state: cannot exec`);
    }
    const { exitCode, durationMs } = rec.script.exec;
    const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : Infinity;
    const timedOut = durationMs > timeoutMs;
    const wait = timedOut ? timeoutMs : durationMs;
    if (wait > 0) await new Promise<void>((resolve) => this.opts.queue.after(wait, resolve));
    if (timedOut) {
      return {
        exitCode: -1,
        stdout: Buffer.alloc(0),
        stderr: Buffer.from(`command timed out after ${timeoutSeconds}s\n`),
      };
    }
    return { exitCode, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  }

  /** The scripted probe answer; undefined for unknown containers and (by default) unscripted probes. */
  readonly scriptedProbe: ScriptedProbe = async (containerId, kind) => {
    const rec = this.containers.get(containerId);
    if (!rec) return undefined;
    const steps = rec.script.probes[kind];
    if (!steps) return this.opts.unscriptedProbes === 'success' ? 'success' : undefined;
    if (rec.status.state !== 'CONTAINER_RUNNING') return 'failure';
    return probeAt(steps, this.now() - rec.status.startedAt);
  };

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The container's recent CRI-format log lines (oldest first). Throws NotFound. */
  readLog(id: string): string[] {
    return [...(this.get(id).log ?? [])];
  }

  /** Counts, for tests and benchmarks. */
  stats(): { sandboxes: number; containers: number; timers: number } {
    return { sandboxes: this.sandboxes.size, containers: this.containers.size, timers: this.opts.queue.size };
  }

  close(): void {
    this.listeners.clear();
  }

  // ---- internals ----

  private get(id: string): ContainerRecord {
    const rec = this.containers.get(id);
    if (!rec) throw new RuntimeError('NotFound', notFoundContainer(id));
    return rec;
  }

  private emit(e: RuntimeEvent): void {
    if (this.listeners.size === 0) return;
    // Delivered after the current call finishes, so listeners never see a half-done transition.
    queueMicrotask(() => {
      for (const l of this.listeners) {
        try {
          l(e);
        } catch {
          // A listener's failure is its own business.
        }
      }
    });
  }
}
