/**
 * @module kubelet/runtime-manager/kill-pod
 * Stopping containers and pods (the acting half, after upstream's killContainer/killPod):
 * 1. the grace period is the pod's deletionGracePeriodSeconds when it is being deleted, else
 *    spec.terminationGracePeriodSeconds (default 30), or the probe's own
 *    terminationGracePeriodSeconds for liveness/startup kills;
 * 2. a Killing event (`Stopping container NAME` or the caller's message);
 * 3. the preStop hook runs first, bounded by the grace period, and its time is subtracted;
 *    a failure emits FailedPreStopHook and the stop goes on;
 * 4. stopContainer with what is left (at least 2 s unless the grace period was 0): the runtime
 *    sends SIGTERM and SIGKILL when that runs out.
 * `killPod` stops app containers first (in parallel), then sidecars in reverse order, then
 * every sandbox of the pod. Errors other than NotFound propagate.
 */
import type { Container, Pod } from '../../api/core/pods/types.js';
import { RuntimeError, type ContainerStatus, type RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { EventSink } from '../interfaces.js';
import type { HookRunner } from '../lifecycle/hooks.js';
import type { KillReason } from './compute-pod-actions.js';
import { isSidecar } from './compute-pod-actions.js';
import { containerNameOf } from './labels.js';
import type { PodRuntimeStatus } from './pod-runtime-status.js';

const MINIMUM_GRACE_SECONDS = 2;
const DEFAULT_GRACE_SECONDS = 30;

export interface KillDeps {
  runtime: RuntimeService;
  hooks: HookRunner;
  events: EventSink;
  clock: Clock;
  log: Logger;
}

export interface KillContainerInput {
  pod: Pod;
  containerId: string;
  name: string;
  /** The spec, when the pod still names the container (for hooks, probes and the field path). */
  container?: Container;
  /** Killing event message; default `Stopping container NAME`. */
  message?: string;
  reason?: KillReason;
  podIP: string;
}

export function fieldPathOf(pod: Pod, name: string): string {
  if ((pod.spec.initContainers ?? []).some((c) => c.name === name)) return `spec.initContainers{${name}}`;
  if ((pod.spec.ephemeralContainers ?? []).some((c) => c.name === name))
    return `spec.ephemeralContainers{${name}}`;
  return `spec.containers{${name}}`;
}

/** Upstream's setTerminationGracePeriod. */
export function terminationGracePeriod(
  pod: Pod,
  c: Container | undefined,
  reason: KillReason | undefined,
): number {
  if (pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds !== undefined)
    return pod.metadata.deletionGracePeriodSeconds;
  const probe =
    reason === 'LivenessProbe' ? c?.livenessProbe : reason === 'StartupProbe' ? c?.startupProbe : undefined;
  if (probe?.terminationGracePeriodSeconds !== undefined) return probe.terminationGracePeriodSeconds;
  return pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
}

function ignoreNotFound(err: unknown): void {
  if (!RuntimeError.is(err, 'NotFound')) throw err;
}

export async function killContainer(deps: KillDeps, input: KillContainerInput): Promise<void> {
  const { pod, container: c, name } = input;
  const fieldPath = fieldPathOf(pod, name);
  let grace = terminationGracePeriod(pod, c, input.reason);
  const initial = grace;
  deps.events.event(pod, 'Normal', 'Killing', input.message ?? `Stopping container ${name}`, fieldPath);
  const preStop = c?.lifecycle?.preStop;
  if (preStop && grace > 0) {
    const started = deps.clock.nowMs();
    const abort = new AbortController();
    const timer = deps.clock.setTimeout(() => abort.abort(), grace * 1000);
    try {
      await Promise.race([
        deps.hooks.run(preStop, {
          pod,
          container: c!,
          containerId: input.containerId,
          podIP: input.podIP,
          timeoutSeconds: grace,
          signal: abort.signal,
        }),
        new Promise<void>((resolve) =>
          abort.signal.addEventListener('abort', () => resolve(), { once: true }),
        ),
      ]);
    } catch (err) {
      deps.log.warn({ pod: pod.metadata.name, container: name, err: String(err) }, 'preStop hook failed');
      deps.events.event(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', fieldPath);
    } finally {
      timer.cancel();
    }
    grace -= Math.floor((deps.clock.nowMs() - started) / 1000);
  }
  if (initial > 0 && grace < MINIMUM_GRACE_SECONDS) grace = MINIMUM_GRACE_SECONDS;
  try {
    await deps.runtime.stopContainer(input.containerId, Math.max(0, grace));
  } catch (err) {
    ignoreNotFound(err);
  }
}

function isActive(c: ContainerStatus): boolean {
  return c.state !== 'CONTAINER_EXITED';
}

/** Stops every container that is not exited and every sandbox of the pod. */
export async function killPod(deps: KillDeps, pod: Pod, status: PodRuntimeStatus): Promise<void> {
  const podIP = status.sandboxes.find((s) => s.state === 'SANDBOX_READY')?.ip ?? '';
  const specOf = (name: string) =>
    [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
  const active = status.containers.filter(isActive);
  const sidecarOrder = (pod.spec.initContainers ?? []).filter(isSidecar).map((c) => c.name);
  const apps = active.filter((c) => !sidecarOrder.includes(containerNameOf(c)));
  const kill = (c: ContainerStatus) =>
    killContainer(deps, {
      pod,
      containerId: c.id,
      name: containerNameOf(c),
      container: specOf(containerNameOf(c)),
      podIP,
    });
  await Promise.all(apps.map(kill));
  for (const name of [...sidecarOrder].reverse()) {
    await Promise.all(active.filter((c) => containerNameOf(c) === name).map(kill));
  }
  for (const s of status.sandboxes) {
    try {
      await deps.runtime.stopPodSandbox(s.id);
    } catch (err) {
      ignoreNotFound(err);
    }
  }
}
