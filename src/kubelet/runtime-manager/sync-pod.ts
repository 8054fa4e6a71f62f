/**
 * @module kubelet/runtime-manager/sync-pod
 * The acting half of a pod sync (upstream's SyncPod): carries out `PodActions` in order —
 * SandboxChanged event and kills, pruning of old init containers, a new sandbox, then init
 * containers (stopping at the first regular one that fails to start) and app containers in spec
 * order. Starting a container = crash back-off bookkeeping, image, create, start, postStart
 * hook (a failing hook kills the container). Start failures land in the ReasonCache.
 * Returns when the pod next needs a sync on its own (a back-off ending), if ever.
 */
import { join } from 'node:path';
import type { Container, EphemeralContainer, Pod } from '../../api/core/pods/types.js';
import type { ImageStatus, Mount, PodSandboxConfig } from '../../runtime/interface.js';
import { ImagePullError, type ImageManager } from '../images/image-manager.js';
import type { ReasonCache } from '../status/reason-cache.js';
import { makeContainerMounts } from '../volumes/container-mounts.js';
import { TERMINATION_MESSAGE_HOST_PATH_ANNOTATION } from '../volumes/termination-message.js';
import type { VolumeManager } from '../volumes/volume-manager.js';
import type { Backoff } from './backoff.js';
import { crashBackoffKey, type ContainerToStart, type PodActions } from './compute-pod-actions.js';
import { buildContainerConfig, buildSandboxConfig } from './container-config.js';
import type { PodDnsResult } from './dns.js';
import { ContainerConfigError, resolveEnv, type ConfigLookup } from './env.js';
import type { ServiceLookup } from './service-env.js';
import { formatPod } from './format.js';
import { fieldPathOf, killContainer, killPod, type KillDeps } from './kill-pod.js';
import { containerNameOf } from './labels.js';
import { latestContainer, type PodRuntimeStatus } from './pod-runtime-status.js';
import { needsImageUser, verifyRunAsNonRoot } from './security-context.js';

export interface SyncDeps extends KillDeps {
  /** The kubelet's podPidsLimit (`--pod-max-pids`). */
  podPidsLimit?: number;
  images: ImageManager;
  crashBackoff: Backoff;
  reasons: ReasonCache;
  rootDir: string;
  nodeIP: string;
  /** Reads ConfigMaps and Secrets for env (undefined = not found). */
  configLookup: ConfigLookup;
  /** Lists a namespace's services, for the service env vars; absent = none (no API server). */
  serviceLookup?: ServiceLookup;
  /** Creates a log directory (recursive, idempotent). */
  mkdirp: (path: string) => Promise<void>;
  /** Highest attempt started per `uid/name`, so restart counts survive pruned containers. */
  attempts: Map<string, number>;
  /** The image's status, for the user runAsNonRoot is checked against. */
  imageStatus: (imageRef: string) => Promise<ImageStatus | undefined>;
  /**
   * Whether an image whose user the runtime does not report runs as root (upstream's rule; a
   * simulated runtime knows no image users, so there the check is skipped instead).
   */
  unknownImageUserIsRoot: boolean;
  /** The pod's resolver settings for its sandbox; none = the runtime's default. */
  dns?: (pod: Pod) => PodDnsResult;
  /** Cluster domain, for the pod's FQDN in /etc/hosts. */
  clusterDomain: string;
  /** Set when volumes are materialized on the host (real runtimes); then containers get mounts. */
  volumes?: VolumeManager;
}

export interface SyncOutcome {
  /** When a back-off ends and the pod should be synced again (ms since the epoch). */
  retryAtMs?: number;
  /** Something could not be done (a sandbox or a container not started): upstream's syncErr. */
  failed?: boolean;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function syncPod(
  deps: SyncDeps,
  pod: Pod,
  status: PodRuntimeStatus,
  actions: PodActions,
): Promise<SyncOutcome> {
  const { runtime, events } = deps;
  const uid = pod.metadata.uid ?? '';
  const outcome: SyncOutcome = {};
  const retryAt = (ms: number | undefined) => {
    if (ms !== undefined) outcome.retryAtMs = Math.min(outcome.retryAtMs ?? Infinity, ms);
  };
  const failedStart = (c: Container) => {
    outcome.failed = true;
    retryAt(retryAfterFailure(deps, pod, c));
  };
  let podIP = status.sandboxes.find((s) => s.id === actions.sandboxId)?.ip ?? '';

  if (actions.createSandbox && actions.sandboxId)
    events.event(pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');

  if (actions.killPod) {
    await killPod(deps, pod, status);
    if (actions.createSandbox) await removeInitContainers(deps, pod, status, false);
  } else {
    await Promise.all(
      actions.containersToKill.map((k) =>
        killContainer(deps, {
          pod,
          containerId: k.id,
          name: k.name,
          container: k.container,
          message: k.message,
          reason: k.reason,
          podIP,
        }),
      ),
    );
    await removeInitContainers(deps, pod, status, true);
  }
  if (actions.killPod && !actions.createSandbox) return outcome;

  let sandboxId = actions.sandboxId;
  const dns = deps.dns?.(pod);
  const sandboxConfig = buildSandboxConfig({
    pod,
    attempt: actions.attempt,
    rootDir: deps.rootDir,
    dnsConfig: dns?.config,
    podPidsLimit: deps.podPidsLimit,
  });
  if (actions.createSandbox) {
    for (const w of dns?.warnings ?? []) events.event(pod, 'Warning', w.reason, w.message);
    try {
      await deps.mkdirp(sandboxConfig.logDirectory);
      sandboxId = await runtime.runPodSandbox(sandboxConfig);
      podIP = (await runtime.podSandboxStatus(sandboxId)).ip;
    } catch (err) {
      events.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${errText(err)}`);
      outcome.failed = true;
      return outcome;
    }
  }

  for (const b of actions.backOff) {
    const name = b.container.name;
    events.event(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${formatPod(pod)}`,
      fieldPathOf(pod, name),
    );
    deps.reasons.set(uid, name, { reason: 'CrashLoopBackOff', message: b.message });
    retryAt(b.untilMs);
  }

  const ctx = { pod, status, sandboxId, sandboxConfig, podIP: podIP || deps.nodeIP };
  // As upstream: before init containers, so that a pod stuck initialising can still be debugged.
  for (const item of actions.ephemeralContainersToStart) await startContainer(deps, ctx, item);
  for (const item of actions.initContainersToStart) {
    const ok = await startContainer(deps, ctx, item);
    if (!ok) failedStart(item.container);
    if (!ok && item.container.restartPolicy !== 'Always') return outcome;
  }
  for (const item of actions.containersToStart) {
    const ok = await startContainer(deps, ctx, item);
    if (!ok) failedStart(item.container);
  }
  return outcome;
}

/**
 * When to look at a container that failed to start again before the pod worker's back-off for a
 * failed sync: right after a failed pull (1 s, as the relist following sandbox changes does
 * upstream) so ImagePullBackOff shows, and when the pull back-off ends.
 */
function retryAfterFailure(deps: SyncDeps, pod: Pod, c: Container): number | undefined {
  const reason = deps.reasons.get(pod.metadata.uid ?? '', c.name)?.reason;
  if (reason === 'ErrImagePull') return deps.clock.nowMs() + 1000;
  return deps.images.backoffEndsAt(pod, c.image ?? '');
}

interface StartContext {
  pod: Pod;
  status: PodRuntimeStatus;
  sandboxId: string;
  sandboxConfig: PodSandboxConfig;
  podIP: string;
}

/**
 * The running container an ephemeral container's targetContainerName names, whose processes it
 * is to see (upstream's namespacesForPod with a target); none when the target does not run.
 */
function targetContainerId(status: PodRuntimeStatus, c: Container): string | undefined {
  const target = (c as EphemeralContainer).targetContainerName;
  if (!target) return undefined;
  const latest = latestContainer(status, target);
  return latest?.state === 'CONTAINER_RUNNING' ? latest.id : undefined;
}

/** Starts one container; false when it could not (the reason is in the ReasonCache). */
async function startContainer(deps: SyncDeps, ctx: StartContext, item: ContainerToStart): Promise<boolean> {
  const { pod } = ctx;
  const c: Container = item.container;
  const uid = pod.metadata.uid ?? '';
  const fieldPath = fieldPathOf(pod, c.name);
  const fail = (reason: string, message: string) => {
    deps.reasons.set(uid, c.name, { reason, message });
    return false;
  };
  if (item.previousExitMs !== undefined)
    deps.crashBackoff.next(crashBackoffKey(pod, c.name), item.previousExitMs);

  const attemptKey = `${uid}/${c.name}`;
  const latest = latestContainer(ctx.status, c.name);
  const remembered = deps.attempts.get(attemptKey);
  const attempt =
    latest !== undefined
      ? Math.max(latest.metadata.attempt, remembered ?? -1) + 1
      : remembered !== undefined
        ? remembered + 1
        : 0;

  let imageRef: string;
  try {
    imageRef = await deps.images.ensureImageExists(pod, c, fieldPath, ctx.sandboxConfig);
  } catch (err) {
    const reason = ImagePullError.is(err) ? err.reason : 'ErrImagePull';
    deps.events.event(pod, 'Warning', 'Failed', `Error: ${reason}`, fieldPath);
    return fail(reason, errText(err));
  }

  // As upstream's generateContainerConfig, the log directory comes first; it is made on disk
  // while the environment and mounts are worked out, and awaited before the create.
  const logDir = deps.mkdirp(join(ctx.sandboxConfig.logDirectory, c.name));
  logDir.catch(() => {}); // a failure is reported by the await below, or not at all if config fails first
  const configInput = {
    pod,
    container: c,
    attempt,
    imageRef,
    podIP: ctx.podIP,
    hostIP: deps.nodeIP,
    targetContainerId: targetContainerId(ctx.status, c),
  };
  let envs;
  try {
    envs = await resolveEnv(configInput, deps.configLookup, deps.serviceLookup);
  } catch (err) {
    if (!ContainerConfigError.is(err)) throw err;
    deps.events.event(pod, 'Warning', 'Failed', `Error: ${err.message}`, fieldPath);
    return fail('CreateContainerConfigError', err.message);
  }

  let extras: { mounts?: Mount[]; annotations?: Record<string, string> } = {};
  try {
    await verifyNonRoot(deps, pod, c, imageRef);
    if (deps.volumes) {
      const m = await makeContainerMounts({
        pod,
        container: c,
        volumes: deps.volumes.podVolumes(uid) ?? new Map(),
        podDir: deps.volumes.podDir(uid),
        podIPs: ctx.podIP ? [ctx.podIP] : [],
        clusterDomain: deps.clusterDomain,
        envs,
      });
      extras = { mounts: m.mounts };
      if (m.terminationMessageHostPath)
        extras.annotations = { [TERMINATION_MESSAGE_HOST_PATH_ANNOTATION]: m.terminationMessageHostPath };
    }
  } catch (err) {
    // As upstream: whatever fails while generating the container's config.
    deps.events.event(pod, 'Warning', 'Failed', `Error: ${errText(err)}`, fieldPath);
    return fail('CreateContainerConfigError', errText(err));
  }

  let id: string;
  try {
    await logDir;
    const config = buildContainerConfig(configInput, envs, extras);
    id = await deps.runtime.createContainer(ctx.sandboxId, config, ctx.sandboxConfig);
  } catch (err) {
    deps.events.event(pod, 'Warning', 'Failed', `Error: ${errText(err)}`, fieldPath);
    return fail('CreateContainerError', errText(err));
  }
  deps.attempts.set(attemptKey, attempt);
  deps.events.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, fieldPath);
  try {
    await deps.runtime.startContainer(id);
  } catch (err) {
    deps.events.event(pod, 'Warning', 'Failed', `Error: ${errText(err)}`, fieldPath);
    return fail('RunContainerError', errText(err));
  }
  deps.events.event(pod, 'Normal', 'Started', `Started container ${c.name}`, fieldPath);

  const postStart = c.lifecycle?.postStart;
  if (postStart) {
    try {
      await deps.hooks.run(postStart, { pod, container: c, containerId: id, podIP: ctx.podIP });
    } catch (err) {
      deps.log.warn(
        { pod: pod.metadata.name, container: c.name, err: errText(err) },
        'postStart hook failed',
      );
      deps.events.event(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath);
      await killContainer(deps, {
        pod,
        containerId: id,
        name: c.name,
        container: c,
        message: 'FailedPostStartHook',
        podIP: ctx.podIP,
      });
      return fail('PostStartHookError', errText(err));
    }
  }
  deps.reasons.delete(uid, c.name);
  return true;
}

/** Upstream's verifyRunAsNonRoot, asking the runtime for the image's user only when needed. */
async function verifyNonRoot(deps: SyncDeps, pod: Pod, c: Container, imageRef: string): Promise<void> {
  if (!needsImageUser(pod, c)) {
    const err = verifyRunAsNonRoot(pod, c, {});
    if (err) throw new ContainerConfigError(err);
    return;
  }
  const image =
    (imageRef ? await deps.imageStatus(imageRef) : undefined) ?? (await deps.imageStatus(c.image ?? ''));
  if (image?.uid === undefined && !image?.username && !deps.unknownImageUserIsRoot) return;
  const err = verifyRunAsNonRoot(pod, c, { uid: image?.uid, username: image?.username });
  if (err) throw new ContainerConfigError(err);
}

/**
 * Removes exited init containers: all of them when a new sandbox restarts initialisation,
 * otherwise all but the newest per name (upstream's purge/prune of init containers).
 */
async function removeInitContainers(deps: SyncDeps, pod: Pod, status: PodRuntimeStatus, keepNewest: boolean) {
  const names = new Set((pod.spec.initContainers ?? []).map((c) => c.name));
  const seen = new Set<string>();
  for (const c of status.containers) {
    const name = containerNameOf(c);
    if (!names.has(name)) continue;
    // When pruning, only finished runs go; a purge follows a kill of the whole pod.
    if (keepNewest && c.state !== 'CONTAINER_EXITED' && c.state !== 'CONTAINER_UNKNOWN') continue;
    if (keepNewest && !seen.has(name)) {
      seen.add(name);
      continue;
    }
    try {
      await deps.runtime.removeContainer(c.id);
    } catch {
      // Already gone: the next relist shows the truth.
    }
  }
}
