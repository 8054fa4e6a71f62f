/**
 * @module kubelet/kubelet
 * The kubelet's composition and sync loop. It wires the pod workers, the pod syncer (runtime
 * manager + status generation) and the status manager, then reacts to:
 * - PodSource changes (add/update → sync; delete → terminate and forget);
 * - probe result flips (`ProbeManager.onChange`) and runtime events (`runtime.subscribe`);
 * - a relist of the runtime every 1 s (like PLEG): pods whose sandboxes/containers changed sync;
 *   a runtime that pushes events is relisted only every 5 minutes, as a safety net (as upstream's
 *   evented PLEG does), since its events already resync the pods;
 * - housekeeping every 10 s: wanted pods the workers do not know yet sync, probe workers of gone
 *   pods stop, dead containers are garbage-collected, static pods' statuses are rewritten, and
 *   runtime pods nobody wants any more (orphans) are stopped and removed. Every running pod also
 *   syncs again about once a minute (the pod workers' periodic resync, as upstream).
 * A restarted kubelet adopts what the runtime still runs: pods are matched by the
 * `io.kubernetes.pod.uid` label and the sync finds nothing to start again.
 * `stop()` ends the loops and waits for running syncs; containers keep running.
 */
import { join } from 'node:path';
import type { Pod } from '../api/core/pods/types.js';
import { sleep } from '../client/backoff.js';
import type { RestClient } from '../client/rest-client.js';
import type { ContainerRuntime } from '../runtime/interface.js';
import type { Clock } from '../util/clock.js';
import { spreadSubdirectories } from '../util/launcher/spread-dirs.js';
import { silentLogger, type Logger } from '../util/logger.js';
import type { EventSink, PodSource, ProbeManager } from './interfaces.js';
import { PodWorkers } from './pod-workers.js';
import {
  apiConfigLookup,
  apiServiceLookup,
  apiVolumeDataLookup,
} from './runtime-manager/api-config-lookup.js';
import { collectGarbage } from './runtime-manager/gc.js';
import { KubeletPodSyncer, type PodSyncerOptions } from './runtime-manager/pod-syncer.js';
import { readAllPodRuntimeStatuses, runtimeFingerprint } from './runtime-manager/pod-runtime-status.js';
import { StatusManager } from './status/manager.js';
import { apiRequestToken, type RequestToken } from './volumes/token.js';
import { VolumeManager } from './volumes/volume-manager.js';
import {
  ContainerLogError,
  logContainerId,
  readContainerLog,
  type LogOptions,
} from './logs/container-logs.js';
import { deepEqual } from '../machinery/patch/json-value.js';
import {
  attachToContainer,
  execInContainer,
  type AttachSession,
  type ExecRequest,
  type ExecSession,
} from './exec/container-exec.js';

export interface KubeletOptions {
  nodeName: string;
  nodeIP: string;
  runtime: ContainerRuntime;
  client: RestClient;
  podSource: PodSource;
  probes: ProbeManager;
  events: EventSink;
  clock: Clock;
  /** Pod logs live under `<rootDir>/pods`. */
  rootDir: string;
  /** Default: silent. */
  log?: Logger;
  /**
   * Pod log directory operations; default node:fs under rootDir. A runtime that writes no log
   * files (sim) can pass no-ops: the mkdir calls are a noticeable share of a sim pod's start.
   */
  logDirs?: PodSyncerOptions['logDirs'];
  /**
   * Materialize pod volumes under `<rootDir>/pods/<uid>` and give containers mounts (volumes,
   * /etc/hosts, termination message files). Default false: the sim runtime touches no disk per
   * pod. A runtime running real containers (oci, process) turns it on.
   */
  volumes?: boolean;
  /** With `volumes`: secret and projected volumes each on a tmpfs (as upstream; needs root). Default false. */
  memoryBackedSecrets?: boolean;
  /** The most processes a pod may run (`--pod-max-pids`, upstream's podPidsLimit); default none. */
  podPidsLimit?: number;
  /** TokenRequest for serviceAccountToken projections; default: through `client`. */
  requestToken?: RequestToken;
  /** Cluster DNS server IPs for ClusterFirst pods; default `['10.43.0.10']`. */
  clusterDNS?: string[];
  /** Default `cluster.local`. */
  clusterDomain?: string;
  /** The host's resolver file pods with dnsPolicy Default inherit; default `/etc/resolv.conf`, `''` = none. */
  resolvConf?: string;
}

export interface Kubelet {
  /** Waits for the pod source's first list, then syncs every pod and starts the loops. */
  start(): Promise<void>;
  /** Ends the loops and waits (at most 10 s) for running syncs; containers keep running. Idempotent. */
  stop(): Promise<void>;
  /**
   * A container's log (`kubectl logs`), as chunks of text. Throws ContainerLogError, at once or at
   * the first chunk, for a request naming no log (unknown pod, container waiting to start, …).
   */
  logs(namespace: string, name: string, opts: LogOptions): AsyncIterable<string>;
  /** Runs a command in a running container (`kubectl exec`); throws ContainerExecError when there is none. */
  exec(namespace: string, name: string, req: ExecRequest): Promise<ExecSession>;
  /** Follows a running container's output from now on (`kubectl attach`); throws ContainerExecError when there is none. */
  attach(namespace: string, name: string, container: string): Promise<AttachSession>;
}

const RELIST_MS = 1000;
/** Upstream's relist period with the evented PLEG (5 minutes): events do the work. */
const RELIST_EVENTED_MS = 300_000;

const HOUSEKEEPING_MS = 10_000;
const STOP_WAIT_MS = 10_000;

export function createKubelet(
  opts: KubeletOptions,
): Kubelet & { readonly workers: PodWorkers; readonly statusManager: StatusManager } {
  const log = (opts.log ?? silentLogger).child({ component: 'kubelet' });
  const statusManager = new StatusManager({ client: opts.client, clock: opts.clock, log });
  const volumes = opts.volumes
    ? new VolumeManager({
        rootDir: opts.rootDir,
        lookup: apiVolumeDataLookup(opts.client),
        requestToken: opts.requestToken ?? apiRequestToken(opts.client),
        clock: opts.clock,
        log,
        memoryBackedSecrets: opts.memoryBackedSecrets,
      })
    : undefined;
  const syncer = new KubeletPodSyncer({
    runtime: opts.runtime,
    probes: opts.probes,
    status: statusManager,
    events: opts.events,
    clock: opts.clock,
    log,
    rootDir: opts.rootDir,
    nodeIP: opts.nodeIP,
    configLookup: apiConfigLookup(opts.client),
    serviceLookup: apiServiceLookup(opts.client),
    podPidsLimit: opts.podPidsLimit,
    logDirs: opts.logDirs,
    volumes,
    dns: { clusterDNS: opts.clusterDNS, clusterDomain: opts.clusterDomain, resolvConf: opts.resolvConf },
  });
  const workers = new PodWorkers({ syncer, clock: opts.clock, log });
  const cleanups: (() => void)[] = [];
  const fingerprints = new Map<string, string>();
  let running = false;
  let relisting = false;

  // Our own status writes come back as updates; only spec/metadata changes need a sync.
  // The parts compared are kept by reference: the pod source shares unchanged subtrees between
  // versions, so the comparison is usually one `===` per part.
  const lastSeen = new Map<string, unknown[]>();
  const onSourceChange = (pod: Pod, type: 'add' | 'update' | 'delete') => {
    const uid = pod.metadata.uid ?? '';
    if (type === 'delete') {
      lastSeen.delete(uid);
      // Never ran here: nothing to stop (housekeeping removes any runtime leftovers).
      if (workers.state(uid) === undefined) return;
      return workers.update(pod, true);
    }
    const m = pod.metadata;
    const key = [pod.spec, m.deletionTimestamp, m.deletionGracePeriodSeconds, m.labels, m.annotations];
    const seen = lastSeen.get(uid);
    if (type === 'update' && seen && deepEqual(seen, key) && workers.state(uid) !== undefined) return;
    lastSeen.set(uid, key);
    workers.update(pod);
  };

  const wanted = () => new Map(opts.podSource.pods().map((p) => [p.metadata.uid ?? '', p] as [string, Pod]));

  async function relist(): Promise<void> {
    if (relisting) return;
    relisting = true;
    try {
      const all = await readAllPodRuntimeStatuses(opts.runtime.runtime);
      for (const [uid, s] of all) {
        const fp = runtimeFingerprint(s);
        if (fingerprints.get(uid) !== fp) {
          fingerprints.set(uid, fp);
          workers.resync(uid);
        }
      }
      for (const uid of fingerprints.keys()) if (!all.has(uid)) fingerprints.delete(uid);
    } catch (err) {
      log.warn({ err: String(err) }, 'runtime relist failed');
    } finally {
      relisting = false;
    }
  }

  async function housekeeping(): Promise<void> {
    const pods = wanted();
    // Pods the workers do not know yet (a missed event); known ones resync on their own schedule.
    for (const [uid, pod] of pods) if (workers.state(uid) === undefined) workers.update(pod);
    const keep = new Set([...pods.keys(), ...workers.uids()]);
    opts.probes.cleanupPods(keep);
    // Pod directories left by pods that went while the kubelet was down.
    const kept = (uid: string) => keep.has(uid) || workers.state(uid) !== undefined || wanted().has(uid);
    await volumes
      ?.cleanupOrphans(kept)
      .catch((err) => log.warn({ err: String(err) }, 'pod directory cleanup failed'));
    statusManager.resyncStaticPods();
    try {
      const all = await readAllPodRuntimeStatuses(opts.runtime.runtime);
      for (const [uid, s] of all) {
        if (workers.state(uid) === 'syncing') await collectGarbage(opts.runtime.runtime, s);
        if (pods.has(uid) || workers.state(uid) !== undefined) continue;
        for (const sb of s.sandboxes) {
          log.info({ uid, sandbox: sb.id }, 'removing orphaned pod sandbox');
          await opts.runtime.runtime.stopPodSandbox(sb.id);
          await opts.runtime.runtime.removePodSandbox(sb.id);
        }
      }
    } catch (err) {
      log.warn({ err: String(err) }, 'housekeeping failed');
    }
  }

  function every(ms: number, fn: () => Promise<void>): void {
    let t: { cancel(): void } | undefined;
    const tick = () => {
      if (!running) return;
      void fn().finally(() => {
        if (running) t = opts.clock.setTimeout(tick, ms);
      });
    };
    t = opts.clock.setTimeout(tick, ms);
    cleanups.push(() => t?.cancel());
  }

  const podNamed = (namespace: string, name: string) =>
    opts.podSource
      .pods()
      .find((p) => p.metadata.name === name && (p.metadata.namespace ?? 'default') === namespace);

  return {
    workers,
    statusManager,
    logs(namespace, name, o) {
      const pod = podNamed(namespace, name);
      if (!pod)
        throw new ContainerLogError(`pod ${JSON.stringify(name)} cannot be found - no logs available`);
      const status = statusManager.getPodStatus(pod.metadata.uid ?? '') ?? pod.status ?? {};
      const id = logContainerId(name, status, o.container, !!o.previous);
      return readContainerLog({ runtime: opts.runtime.runtime, clock: opts.clock }, id, o, o.signal);
    },
    exec(namespace, name, req) {
      return execInContainer(opts.runtime.runtime, podNamed(namespace, name)?.metadata.uid, req);
    },
    attach(namespace, name, container) {
      const runtime = opts.runtime.runtime;
      return attachToContainer(
        { runtime, clock: opts.clock },
        // The kubelet's pod full name: NAME_NAMESPACE.
        { uid: podNamed(namespace, name)?.metadata.uid, fullName: `${name}_${namespace}` },
        container,
      );
    },
    async start() {
      if (running) return;
      running = true;
      cleanups.push(opts.podSource.onChange(onSourceChange));
      cleanups.push(opts.probes.onChange((uid) => workers.resync(uid)));
      const unsubscribe = opts.runtime.runtime.subscribe?.((e) => workers.resync(e.podUid));
      if (unsubscribe) cleanups.push(unsubscribe);
      // Every pod's directories come and go under this one (see spreadSubdirectories).
      if (opts.volumes) await spreadSubdirectories(join(opts.rootDir, 'pods'), log);
      await opts.podSource.synced();
      for (const pod of opts.podSource.pods()) workers.update(pod);
      every(unsubscribe ? RELIST_EVENTED_MS : RELIST_MS, relist);
      every(HOUSEKEEPING_MS, housekeeping);
      log.info({ node: opts.nodeName }, 'kubelet started');
    },
    async stop() {
      if (!running) return;
      running = false;
      for (const f of cleanups.splice(0)) f();
      // A long preStop or grace period must not hold the agent's shutdown.
      await Promise.race([workers.stop(), sleep(opts.clock, STOP_WAIT_MS)]);
    },
  };
}
