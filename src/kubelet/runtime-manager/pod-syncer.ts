/**
 * @module kubelet/runtime-manager/pod-syncer
 * What the pod workers run in each state (PodSyncer), gluing runtime, probes and status:
 * - `syncPod`: read the runtime, generate and hand in the status (failing the pod with
 *   DeadlineExceeded once activeDeadlineSeconds has passed since startTime), report terminal
 *   phases, else compute the actions, carry them out, and hand in the refreshed status;
 * - `syncTerminatingPod`: stop every container (preStop, grace) and the sandbox;
 * - `syncTerminatedPod`: final status, and `podTerminated` when the pod is being deleted;
 * - `forgetPod`: the pod left the node: drop its caches and remove its runtime objects.
 * With a VolumeManager (real runtimes), `syncPod` first sets up or refreshes the pod's volumes:
 * failures are FailedMount events, and a pod whose volumes were never all set up goes no further
 * (its containers wait in ContainerCreating) and is retried with a back-off (0.5 s doubling to
 * 2m2s, as upstream's volume reconciler). Exited containers' termination messages are read from
 * their files; a terminated pod's volumes are torn down and a forgotten pod's directory removed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Pod } from '../../api/core/pods/types.js';
import type { ContainerRuntime, PodSandboxStatus } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { ImageManager } from '../images/image-manager.js';
import type { EventSink, ProbeKind, ProbeManager, StatusWriter } from '../interfaces.js';
import { HookRunner } from '../lifecycle/hooks.js';
import type { PodSyncer, SyncPodResult } from '../pod-workers.js';
import { generatePodStatus } from '../status/generate.js';
import { ReasonCache } from '../status/reason-cache.js';
import { terminationMessage, withTerminationMessage } from '../volumes/termination-message.js';
import type { VolumeManager } from '../volumes/volume-manager.js';
import { Backoff } from './backoff.js';
import { computePodActions, type PodActions } from './compute-pod-actions.js';
import { podLogDirectory } from './container-config.js';
import { createDnsConfigurer } from './dns.js';
import type { ConfigLookup } from './env.js';
import type { ServiceLookup } from './service-env.js';
import { killPod, terminationGracePeriod } from './kill-pod.js';
import { readPodRuntimeStatus, type PodRuntimeStatus } from './pod-runtime-status.js';
import { syncPod, type SyncDeps } from './sync-pod.js';

export interface PodSyncerOptions {
  runtime: ContainerRuntime;
  probes: ProbeManager;
  status: StatusWriter;
  events: EventSink;
  clock: Clock;
  log: Logger;
  rootDir: string;
  nodeIP: string;
  /** ConfigMap/Secret reads for container env; default: every source is missing. */
  configLookup?: ConfigLookup;
  /** A namespace's services for the service env vars; default none. */
  serviceLookup?: ServiceLookup;
  /** Log directory operations; default node:fs under rootDir (tests pass no-ops). */
  logDirs?: { mkdirp(path: string): Promise<void>; remove(path: string): Promise<void> };
  /** Materializes volumes and gives containers mounts; default none (sim: nothing on disk per pod). */
  volumes?: VolumeManager;
  /** Pod DNS: cluster DNS servers (default `10.43.0.10`), domain (`cluster.local`), host resolv.conf (`/etc/resolv.conf`; `''` = none). */
  dns?: { clusterDNS?: string[]; clusterDomain?: string; resolvConf?: string };
  /** The most processes a pod may run (`--pod-max-pids`); default none. */
  podPidsLimit?: number;
}

export const DEFAULT_CLUSTER_DNS = ['10.43.0.10'];
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const DEFAULT_RESOLV_CONF = '/etc/resolv.conf';

/** Upstream's volume reconciler back-off: 500 ms doubling up to 2m2s. */
const MOUNT_BACKOFF_INITIAL_MS = 500;
const MOUNT_BACKOFF_MAX_MS = 122_000;

const nodeLogDirs = {
  mkdirp: async (path: string) => void (await mkdir(path, { recursive: true })),
  remove: (path: string) => rm(path, { recursive: true, force: true }),
};

export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** Whether activeDeadlineSeconds has run out (upstream's activeDeadlineHandler). */
export function pastActiveDeadline(pod: Pod, startTime: string | undefined, nowMs: number): boolean {
  const limit = pod.spec.activeDeadlineSeconds;
  if (limit === undefined || !startTime) return false;
  return nowMs - Date.parse(startTime) >= limit * 1000;
}

function nothingToDo(a: PodActions): boolean {
  return (
    !a.killPod &&
    !a.createSandbox &&
    a.containersToKill.length === 0 &&
    a.initContainersToStart.length === 0 &&
    a.ephemeralContainersToStart.length === 0 &&
    a.containersToStart.length === 0 &&
    a.backOff.length === 0
  );
}

export class KubeletPodSyncer implements PodSyncer {
  readonly reasons = new ReasonCache();
  readonly crashBackoff: Backoff;
  readonly deps: SyncDeps;
  private readonly probesAdded = new Set<string>();
  /** Grace period of the kill in progress per pod, to detect shorter ones (forced deletes). */
  private readonly terminatingGrace = new Map<string, number>();
  /** Log directories made so far: a container restart or a second sync need no mkdir call. */
  private readonly madeDirs = new Set<string>();
  /** Pods whose volumes were all set up once (a later refresh failure no longer blocks them). */
  private readonly volumesReady = new Set<string>();
  private readonly mountBackoff = new Map<string, number>();
  /** Termination messages of exited containers by pod UID and container ID (they never change). */
  private readonly messages = new Map<string, Map<string, string>>();

  constructor(private readonly opts: PodSyncerOptions) {
    this.crashBackoff = new Backoff(opts.clock, 10_000, 300_000);
    this.deps = {
      runtime: opts.runtime.runtime,
      hooks: new HookRunner({ runtime: opts.runtime.runtime, clock: opts.clock }),
      events: opts.events,
      clock: opts.clock,
      log: opts.log,
      images: new ImageManager({ images: opts.runtime.images, events: opts.events, clock: opts.clock }),
      crashBackoff: this.crashBackoff,
      reasons: this.reasons,
      rootDir: opts.rootDir,
      nodeIP: opts.nodeIP,
      mkdirp: async (path) => {
        if (this.madeDirs.has(path)) return;
        await (opts.logDirs ?? nodeLogDirs).mkdirp(path);
        this.madeDirs.add(path);
      },
      configLookup: opts.configLookup ?? (async () => undefined),
      serviceLookup: opts.serviceLookup,
      attempts: new Map(),
      imageStatus: (ref) => opts.runtime.images.imageStatus(ref),
      unknownImageUserIsRoot: !opts.runtime.runtime.simulatedNetwork,
      podPidsLimit: opts.podPidsLimit,
      dns: createDnsConfigurer({
        clusterDNS: opts.dns?.clusterDNS ?? DEFAULT_CLUSTER_DNS,
        clusterDomain: opts.dns?.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
        resolvConf: opts.dns?.resolvConf ?? DEFAULT_RESOLV_CONF,
        nodeIPs: [opts.nodeIP],
        nowMs: () => opts.clock.nowMs(),
        readFile: (path) => readFileSync(path, 'utf8'),
      }),
      clusterDomain: opts.dns?.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
      volumes: opts.volumes,
    };
  }

  /** The pod's runtime state, exited containers carrying their termination messages. */
  private async readRuntime(uid: string): Promise<PodRuntimeStatus> {
    const rs = await readPodRuntimeStatus(this.opts.runtime.runtime, uid);
    if (!this.opts.volumes) return rs;
    let cache = this.messages.get(uid);
    for (let i = 0; i < rs.containers.length; i++) {
      const c = rs.containers[i];
      if (c.state !== 'CONTAINER_EXITED') continue;
      let text = cache?.get(c.id);
      if (text === undefined) {
        text = (await terminationMessage(c, this.opts.runtime.runtime).catch(() => undefined)) ?? '';
        if (!cache) this.messages.set(uid, (cache = new Map()));
        cache.set(c.id, text);
      }
      rs.containers[i] = withTerminationMessage(c, text);
    }
    return rs;
  }

  /**
   * Sets up the pod's volumes; false when the pod cannot go on (some volume was never set up).
   * Each failure is a FailedMount event.
   */
  private async setUpVolumes(pod: Pod): Promise<{ ok: boolean; retryAtMs?: number }> {
    const volumes = this.opts.volumes;
    if (!volumes) return { ok: true };
    const uid = pod.metadata.uid ?? '';
    const { errors } = await volumes.setUpPod(pod);
    for (const e of errors) this.opts.events.event(pod, 'Warning', 'FailedMount', e.message);
    if (errors.length === 0) {
      this.volumesReady.add(uid);
      this.mountBackoff.delete(uid);
      return { ok: true };
    }
    const delay = this.mountBackoff.get(uid) ?? MOUNT_BACKOFF_INITIAL_MS;
    this.mountBackoff.set(uid, Math.min(delay * 2, MOUNT_BACKOFF_MAX_MS));
    const retryAtMs = this.opts.clock.nowMs() + delay;
    return { ok: this.volumesReady.has(uid), retryAtMs };
  }

  private probe = (id: string, kind: ProbeKind) => {
    const r = this.opts.probes.results;
    return r.get(id, kind) ?? r.get(`${this.opts.runtime.runtime.name}://${id}`, kind);
  };

  private writeStatus(
    pod: Pod,
    rs: PodRuntimeStatus,
    podIsTerminal: boolean,
    evict?: { reason: string; message: string },
  ) {
    const uid = pod.metadata.uid ?? '';
    const status = generatePodStatus({
      pod,
      previous: this.opts.status.getPodStatus(uid),
      runtime: rs,
      runtimeName: this.opts.runtime.runtime.name,
      reasons: (name) => this.reasons.get(uid, name),
      nodeIP: this.opts.nodeIP,
      now: this.opts.clock.now(),
      podIsTerminal,
      evict,
      updateProbeStatus: (s) => this.opts.probes.updatePodStatus(pod, s),
    });
    this.opts.status.setPodStatus(pod, status);
    return status;
  }

  async syncPod(pod: Pod): Promise<SyncPodResult> {
    const uid = pod.metadata.uid ?? '';
    if (!this.probesAdded.has(uid)) {
      this.probesAdded.add(uid);
      this.opts.probes.addPod(pod);
    }
    const rs = await this.readRuntime(uid);
    const previous = this.opts.status.getPodStatus(uid) ?? pod.status;
    let evict: { reason: string; message: string } | undefined;
    if (pastActiveDeadline(pod, previous?.startTime, this.opts.clock.nowMs())) {
      evict = { reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
      this.opts.events.event(pod, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
    }
    const status = this.writeStatus(pod, rs, false, evict);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return { terminal: true };
    const mounted = await this.setUpVolumes(pod);
    if (!mounted.ok) return { terminal: false, retryAtMs: mounted.retryAtMs };

    const actions = computePodActions({
      pod,
      status: rs,
      probe: this.probe,
      backoff: (key, exitMs) => ({
        inBackOff: this.crashBackoff.inBackOffSince(key, exitMs),
        delayMs: this.crashBackoff.get(key),
      }),
    });
    let retryAtMs: number | undefined;
    if (pod.spec.activeDeadlineSeconds !== undefined && status.startTime)
      retryAtMs = Date.parse(status.startTime) + pod.spec.activeDeadlineSeconds * 1000;
    if (mounted.retryAtMs !== undefined) retryAtMs = Math.min(retryAtMs ?? Infinity, mounted.retryAtMs);
    if (nothingToDo(actions)) return { terminal: false, retryAtMs };
    const outcome = await syncPod(this.deps, pod, rs, actions);
    if (outcome.retryAtMs !== undefined) retryAtMs = Math.min(retryAtMs ?? Infinity, outcome.retryAtMs);
    const after = this.writeStatus(pod, await this.readRuntime(uid), false);
    return {
      terminal: after.phase === 'Succeeded' || after.phase === 'Failed',
      retryAtMs,
      ...(outcome.failed ? { failed: true } : {}),
    };
  }

  async syncTerminatingPod(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const rs = await this.readRuntime(uid);
    this.terminatingGrace.set(uid, terminationGracePeriod(pod, undefined, undefined));
    try {
      await killPod(this.deps, pod, rs);
    } finally {
      this.terminatingGrace.delete(uid);
    }
    this.writeStatus(pod, await this.readRuntime(uid), true);
  }

  terminatingPodUpdated(pod: Pod, removed: boolean): void {
    const uid = pod.metadata.uid ?? '';
    const grace = pod.metadata.deletionGracePeriodSeconds ?? (removed ? 1 : undefined);
    const current = this.terminatingGrace.get(uid);
    if (grace === undefined || current === undefined || grace >= current) return;
    this.terminatingGrace.set(uid, grace);
    void (async () => {
      const rs = await readPodRuntimeStatus(this.opts.runtime.runtime, uid);
      for (const c of rs.containers) {
        // The runtime brings the SIGKILL forward when a second stop has a shorter timeout.
        if (c.state === 'CONTAINER_RUNNING') await this.opts.runtime.runtime.stopContainer(c.id, grace);
      }
    })().catch((err) => this.opts.log.debug({ err: String(err) }, 'shortening grace period failed'));
  }

  async syncTerminatedPod(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    this.writeStatus(pod, await this.readRuntime(uid), true);
    if (this.opts.volumes) {
      this.volumesReady.delete(uid);
      await this.opts.volumes
        .tearDownVolumes(uid)
        .catch((err) => this.opts.log.warn({ uid, err: String(err) }, 'tearing down volumes failed'));
    }
    if (this.probesAdded.delete(uid)) this.opts.probes.removePod(uid);
    if (pod.metadata.deletionTimestamp) this.opts.status.podTerminated(pod);
  }

  forgetPod(uid: string): void {
    if (this.probesAdded.delete(uid)) this.opts.probes.removePod(uid);
    this.reasons.forgetPod(uid);
    this.crashBackoff.forgetPrefix(`${uid}/`);
    this.deps.images.forgetPod(uid);
    for (const k of this.deps.attempts.keys()) if (k.startsWith(`${uid}/`)) this.deps.attempts.delete(k);
    this.opts.status.removePod(uid);
    // Pod log directories are named `<namespace>_<name>_<uid>`.
    for (const d of this.madeDirs) if (d.includes(`_${uid}`)) this.madeDirs.delete(d);
    this.volumesReady.delete(uid);
    this.mountBackoff.delete(uid);
    this.messages.delete(uid);
    void this.removeRuntimeObjects(uid).then(() => this.removePodDir(uid));
  }

  /** After the runtime let go of the pod: its volumes and `<rootDir>/pods/<uid>`. */
  private async removePodDir(uid: string): Promise<void> {
    try {
      await this.opts.volumes?.removePod(uid);
    } catch (err) {
      this.opts.log.warn({ uid, err: String(err) }, 'removing pod directory failed');
    }
  }

  private async removeRuntimeObjects(uid: string): Promise<void> {
    try {
      const rs = await readPodRuntimeStatus(this.opts.runtime.runtime, uid);
      const logDir = rs.sandboxes.map((s) => podLogDirectory(this.opts.rootDir, podOfSandbox(s)))[0];
      for (const s of rs.sandboxes) {
        await this.opts.runtime.runtime.stopPodSandbox(s.id);
        await this.opts.runtime.runtime.removePodSandbox(s.id);
      }
      if (logDir) await (this.opts.logDirs ?? nodeLogDirs).remove(logDir);
    } catch (err) {
      this.opts.log.debug({ uid, err: String(err) }, 'removing pod from runtime failed');
    }
  }
}

function podOfSandbox(s: PodSandboxStatus): Pod {
  const m = s.metadata;
  return { metadata: { name: m.name, namespace: m.namespace, uid: m.uid }, spec: { containers: [] } };
}
