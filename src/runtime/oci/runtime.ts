/**
 * @module runtime/oci/runtime
 * The `oci` RuntimeService: real Linux containers. A sandbox is a set of namespaces wired by the
 * CNI plugins (./sandbox.ts); a container is an OCI bundle whose rootfs is an overlay over the
 * image's read-only filesystem, created by runc under conmon (./conmon.ts), which keeps its exit
 * code, OOM marker and CRI-format log after the agent is gone. State that must survive a restart is
 * in ./records.ts; whether a container runs or exited is read from conmon's exit files, never
 * remembered, so an adopted container is seen exactly as it is.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import {
  RuntimeError,
  type ContainerConfig,
  type ContainerFilter,
  type ContainerStatus,
  type ExecProcess,
  type ExecResult,
  type PodSandboxConfig,
  type PodSandboxStatus,
  type RuntimeEvent,
  type RuntimeService,
  type SandboxFilter,
  type StreamOptions,
} from '../interface.js';
import { containerCgroup } from './cgroups.js';
import { CniPlugins, type CniNetwork } from './cni.js';
import { createWithConmon } from './conmon.js';
import { attachStream, execStream } from './exec-stream.js';
import type { ImageStore } from './images/store.js';
import { readRecords, writeRecord, type ContainerRecord } from './records.js';
import { Runc } from './runc.js';
import { asCreateFailure, writeRunWrapper } from './run-wrapper.js';
import { ExitWatch } from './exit-watch.js';
import { readCriLog } from './log-file.js';
import {
  conmonPaths,
  containerStatusOf,
  makeContainerFiles,
  targetPidNamespace,
  removeContainerFiles,
  type ContainerFilesDeps,
} from './container-files.js';
import { LayerPool } from './layer-pool.js';
import { SandboxPool } from './sandbox-pool.js';
import { labelsMatch, Sandboxes } from './sandboxes.js';
import { containersDirOf } from './state-dir.js';

export interface OciRuntimeServiceOptions {
  /** `<data-dir>/oci`: the containers' writable layers (`layers/<id>`) on disk. */
  root: string;
  /** `<root>/run` on a tmpfs (./state-dir.ts): records, bundles, exit files, sandboxes. */
  stateRoot: string;
  images: ImageStore;
  network: CniNetwork;
  clock: Clock;
  log: Logger;
  runc: Runc;
  runcVersion: string;
  cni: CniPlugins;
  conmonPath?: string;
  /** First path component of the cgroups (`kubeling`). */
  cgroupPrefix?: string;
  /** Pod networks kept prepared (./sandbox-pool.ts); default 2. */
  sandboxPoolSize?: number;
}

const newId = () => randomBytes(16).toString('hex');

export class OciRuntimeService implements RuntimeService {
  readonly name = 'oci';
  readonly version: string;
  private readonly sandboxes: Sandboxes;
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private readonly exitDir: string;
  private readonly sockDir: string;
  private readonly exitWatch: ExitWatch;
  private readonly prefix: string;
  private readonly pool: SandboxPool;
  private readonly layers: LayerPool;
  private readonly files: ContainerFilesDeps;
  /** The runtime conmon runs (./run-wrapper.ts). */
  private readonly runWrapper: string;
  /** Containers whose start is under way. */
  private readonly starting = new Set<string>();
  private readonly quietWaiters: (() => void)[] = [];

  constructor(private readonly o: OciRuntimeServiceOptions) {
    this.version = o.runcVersion;
    this.prefix = o.cgroupPrefix ?? 'kubeling';
    this.exitDir = join(o.stateRoot, 'exits');
    this.sockDir = join(o.stateRoot, 'sock');
    for (const d of [
      this.exitDir,
      this.sockDir,
      join(o.stateRoot, 'sandboxes'),
      containersDirOf(o.stateRoot),
    ])
      mkdirSync(d, { recursive: true });
    this.runWrapper = writeRunWrapper(o.root, o.runc.bin, o.runc.sealedLink);
    // Making a network namespace slows a runc create under way by half: the pools wait for those.
    const whenQuiet = () =>
      this.starting.size === 0 ? Promise.resolve() : new Promise<void>((r) => this.quietWaiters.push(r));
    this.pool = new SandboxPool({
      dir: join(o.stateRoot, 'sandboxes'),
      cni: o.cni,
      network: o.network,
      log: o.log,
      size: o.sandboxPoolSize ?? 2,
      whenQuiet,
    });
    this.layers = new LayerPool({
      dir: join(o.root, 'layers'),
      size: o.sandboxPoolSize ?? 2,
      log: o.log,
      whenQuiet,
    });
    this.files = {
      runc: o.runc,
      layers: this.layers,
      exitDir: this.exitDir,
      sockDir: this.sockDir,
      log: o.log,
    };
    this.sandboxes = new Sandboxes({
      stateRoot: o.stateRoot,
      pool: this.pool,
      cni: o.cni,
      network: o.network,
      clock: o.clock,
      log: o.log,
      cgroupPrefix: this.prefix,
    });
    this.exitWatch = new ExitWatch({
      exitDir: this.exitDir,
      clock: o.clock,
      runc: o.runc,
      containers: this.containers,
      onExit: (rec) => this.emit('ContainerStopped', rec.sandboxId, rec.id),
    });
    for (const c of readRecords<ContainerRecord>(containersDirOf(o.stateRoot))) {
      this.containers.set(c.id, c);
      this.exitWatch.adopt(c);
    }
  }

  /** Stops background work; containers, sandboxes and prepared networks stay for a restart. */
  async close(): Promise<void> {
    this.exitWatch.close();
    await this.pool.stop();
    await this.layers.stop();
  }

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(type: RuntimeEvent['type'], podSandboxId: string, containerId?: string): void {
    const podUid = this.sandboxes.get(podSandboxId)?.config.metadata.uid ?? '';
    for (const l of this.listeners) l({ type, podSandboxId, containerId, podUid });
  }

  // ── sandboxes ─────────────────────────────────────────────────────────────────────────────

  /** Starts keeping prepared pod networks (./sandbox-pool.ts) and container layers (./layer-pool.ts). */
  startPool(): void {
    this.pool.refill();
    this.layers.refill();
  }

  /** Removes writable layers no container record names (./layer-pool.ts). */
  removeOrphanLayers(): Promise<void> {
    return this.layers.removeOrphans((id) => this.containers.has(id));
  }

  /** Tears the prepared pod networks down and removes the spare layers (for reset). */
  async drainPool(): Promise<void> {
    await this.pool.drain();
    await this.layers.drain();
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    return this.sandboxes.open(config);
  }

  async stopPodSandbox(id: string): Promise<void> {
    const rec = this.sandboxes.get(id);
    if (!rec) return;
    const mine = [...this.containers.values()].filter((c) => c.sandboxId === id);
    await Promise.all(mine.map((c) => this.stopContainer(c.id, 0)));
    if (await this.sandboxes.stop(rec)) this.emit('SandboxStopped', id);
  }

  async removePodSandbox(id: string): Promise<void> {
    const rec = this.sandboxes.get(id);
    if (!rec) return;
    await this.stopPodSandbox(id);
    const mine = [...this.containers.values()].filter((c) => c.sandboxId === id);
    for (const c of mine) await this.removeContainer(c.id);
    await this.sandboxes.remove(rec);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const rec = this.sandboxes.get(id);
    if (!rec) throw new RuntimeError('NotFound', `sandbox ${id} not found`);
    return this.sandboxes.status(rec);
  }

  async listPodSandbox(filter?: SandboxFilter): Promise<PodSandboxStatus[]> {
    return this.sandboxes.list(filter);
  }

  // ── containers ────────────────────────────────────────────────────────────────────────────

  async createContainer(
    sandboxId: string,
    config: ContainerConfig,
    sbConfig: PodSandboxConfig,
  ): Promise<string> {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) throw new RuntimeError('NotFound', `sandbox ${sandboxId} not found`);
    if (sb.stopped)
      throw new RuntimeError('CreateContainerFailed', `sandbox ${sandboxId} is not ready: it was stopped`);
    const image = await this.o.images.resolve(config.image);
    if (!image) throw new RuntimeError('CreateContainerFailed', `image "${config.image}" is not present`);
    const id = newId();
    const dir = join(this.o.stateRoot, 'containers', id);
    const layerDir = join(this.o.root, 'layers', id);
    const logPath = join(sbConfig.logDirectory || sb.config.logDirectory, config.logPath);
    const rec: ContainerRecord = {
      id,
      sandboxId,
      podUid: sb.config.metadata.uid,
      config,
      createdAt: this.o.clock.nowMs(),
      startedAt: 0,
      // As containerd's CRI: the status names the image by its first repo tag, not the ref.
      image: image.repoTags[0] ?? config.image,
      imageId: image.id,
      imageRef: image.repoDigests[0] ?? image.id,
      dir,
      layerDir,
      logPath,
      cgroupsPath: containerCgroup(this.prefix, sb.config.metadata.uid, id),
      stopSignal: image.config.StopSignal,
    };
    const pidNamespace = targetPidNamespace(this.containers, sandboxId, config.pidNamespaceTarget);
    try {
      await makeContainerFiles(this.files, rec, config, image, sb, pidNamespace);
    } catch (err) {
      throw new RuntimeError('CreateContainerFailed', (err as Error).message);
    }
    this.containers.set(id, rec);
    this.o.images.markUsed(image.id);
    this.emit('ContainerCreated', sandboxId, id);
    return id;
  }

  private get(id: string): ContainerRecord {
    const rec = this.containers.get(id);
    if (!rec) throw new RuntimeError('NotFound', `container ${id} not found`);
    return rec;
  }

  async startContainer(id: string): Promise<void> {
    const rec = this.get(id);
    // A second start while the first is under way would fail in runc ("already exists") and its
    // failure path would then delete --force the container the first one started.
    const already = () =>
      new RuntimeError('StartContainerFailed', `container ${id} has already been started`);
    if (this.starting.has(id)) throw already();
    this.starting.add(id);
    try {
      // Nothing awaited before runc is on its way: the kubelet's Created event is written meanwhile.
      if (rec.startedAt || rec.failed || this.exitWatch.hasExit(rec)) throw already();
      await this.start(rec);
    } finally {
      this.starting.delete(id);
      if (this.starting.size === 0) for (const w of this.quietWaiters.splice(0)) w();
    }
  }

  private async start(rec: ContainerRecord): Promise<void> {
    const id = rec.id;
    // As containerd does, runc creates the container only now: an executable that is not there
    // fails the start (StartError, exit code 128, then restarts and CrashLoopBackOff), not the create.
    // runc creates and starts it in one call (./run-wrapper.ts).
    const sb = this.sandboxes.get(rec.sandboxId);
    const config = rec.config;
    const fail = async (message: string): Promise<never> => {
      rec.failed = { exitCode: 128, finishedAt: this.o.clock.nowMs(), reason: 'StartError', message };
      writeRecord(join(rec.dir, 'record.json'), rec);
      await this.o.runc.delete(id).catch(() => {});
      this.emit('ContainerStopped', rec.sandboxId, id);
      throw new RuntimeError('StartContainerFailed', message);
    };
    if (!sb || sb.stopped) return fail(`sandbox ${rec.sandboxId} is not ready`);
    try {
      await createWithConmon({
        id,
        name: `k8s_${config.metadata.name}_${sb.config.metadata.name}_${sb.config.metadata.namespace}_${rec.podUid}_${config.metadata.attempt}`,
        paths: conmonPaths(this.files, rec),
        runcPath: this.runWrapper,
        sealedRunc: this.o.runc.sealedLink ? this.o.runc.bin : undefined,
        conmonPath: this.o.conmonPath,
        stdin: config.stdin,
        leaveStdinOpen: !config.stdinOnce,
        terminal: config.tty,
      });
    } catch (err) {
      // containerd's words around runc's, as a kubelet on containerd reports them.
      const runc = asCreateFailure((err as Error).message);
      return fail(
        `failed to create containerd task: failed to create shim task: OCI runtime create failed: ${runc}: unknown`,
      );
    }
    rec.startedAt = this.o.clock.nowMs();
    writeRecord(join(rec.dir, 'record.json'), rec);
    this.emit('ContainerStarted', rec.sandboxId, id);
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const rec = this.get(id);
    if (!rec.startedAt || rec.failed || (await this.exitWatch.observe(rec))) {
      // Created but never started: nothing runs; runc forgets it so it cannot start later.
      if (!rec.startedAt && !rec.failed) {
        rec.failed = { exitCode: 0, finishedAt: this.o.clock.nowMs(), reason: 'Completed', message: '' };
        writeRecord(join(rec.dir, 'record.json'), rec);
        await this.o.runc.delete(id).catch(() => {});
      }
      return;
    }
    if (timeoutSeconds > 0) {
      await this.o.runc.kill(id, rec.stopSignal || 'SIGTERM').catch(() => {});
      if (await this.exitWatch.waitExit(rec, timeoutSeconds * 1000)) return;
    }
    await this.o.runc.kill(id, 'SIGKILL', true).catch(() => {});
    if (!(await this.exitWatch.waitExit(rec, 30_000)))
      throw new RuntimeError('Unavailable', `container ${id} did not exit after SIGKILL`);
  }

  async removeContainer(id: string): Promise<void> {
    const rec = this.containers.get(id);
    if (!rec) return;
    if (rec.startedAt && !(await this.exitWatch.observe(rec))) await this.stopContainer(id, 0);
    // Forgotten before its files go: an exit read still under way then records nothing (and never
    // writes into the directory being removed), and a second remove finds nothing to do.
    if (this.containers.get(id) !== rec) return;
    this.containers.delete(id);
    this.exitWatch.forget(id);
    await removeContainerFiles(this.files, rec);
    this.emit('ContainerDeleted', rec.sandboxId, id);
  }

  async listContainers(filter?: ContainerFilter): Promise<ContainerStatus[]> {
    const out: ContainerStatus[] = [];
    for (const rec of this.containers.values()) {
      if (filter?.podSandboxId && rec.sandboxId !== filter.podSandboxId) continue;
      if (!labelsMatch(rec.config.labels, filter?.labelSelector)) continue;
      const s = await this.status(rec);
      if (!filter?.state || s.state === filter.state) out.push(s);
    }
    return out;
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    return this.status(this.get(id));
  }

  private async status(rec: ContainerRecord): Promise<ContainerStatus> {
    return containerStatusOf(rec, await this.exitWatch.observe(rec));
  }

  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    const rec = this.get(id);
    if (!rec.startedAt || (await this.exitWatch.observe(rec)))
      throw new RuntimeError('Unavailable', `container ${id} is not running`);
    const r = await this.o.runc.exec(id, cmd, timeoutSeconds * 1000);
    return { exitCode: r.timedOut ? -1 : r.code, stdout: r.stdout, stderr: r.stderr };
  }

  /** Streaming exec (./exec-stream.ts). */
  async exec(id: string, cmd: string[], opts: StreamOptions): Promise<ExecProcess> {
    return execStream(this.o.runc, (await this.running(id)).id, cmd, opts);
  }

  /** Streaming attach through conmon (./exec-stream.ts). */
  async attach(id: string, opts: StreamOptions): Promise<ExecProcess> {
    const rec = await this.running(id);
    return attachStream({ bundle: rec.dir, stdinOpen: rec.config.stdin }, opts);
  }

  private async running(id: string): Promise<ContainerRecord> {
    const rec = this.get(id);
    if (!rec.startedAt || (await this.exitWatch.observe(rec)))
      throw new RuntimeError('Unavailable', `container ${id} is not running`);
    return rec;
  }

  /** The CRI-format lines of the container's log file (its last 8 MiB). */
  readLog(id: string): Promise<string[]> {
    return readCriLog(this.get(id).logPath);
  }
}
