/**
 * @module kubelet/runtime-manager/compute-pod-actions
 * The pure decision half of a pod sync (habit 6), after upstream's computePodActions: given the
 * pod, what the runtime holds for it, probe results and the crash back-off, say what to do —
 * create a sandbox, kill the pod, kill some containers (with the reason and event message),
 * start the next init containers and sidecars, start app containers, or wait in back-off.
 *
 * Rules, in order:
 * 1. No ready sandbox (or more than one, or its network no longer fits the pod) → kill everything
 *    and create a new sandbox with attempt+1; then start from the first init container (or all
 *    app containers, skipping succeeded ones under OnFailure). Under Never, once containers have
 *    run, no new sandbox is made: the pod is just killed.
 * 2. Init containers run one at a time in spec order, each to exit 0. A failed one is restarted
 *    (with back-off) unless restartPolicy is Never, which kills the pod (it goes Failed).
 *    Sidecars (restartPolicy Always) start in order; the next init container starts once the
 *    sidecar is running and, if it has a startup probe, started. Sidecars that exit are restarted.
 * 3. Once initialised, app containers that are not running start (spec order) if the restart
 *    policy allows; running ones failing liveness or startup are killed (and restarted unless
 *    Never); running ones whose spec image changed are killed and restarted. With nothing left running and nothing to start, the pod is killed.
 * 4. A container about to be restarted after an exit waits while its crash back-off runs.
 * 5. Ephemeral containers (added by kubectl debug) that have not run start once the sandbox
 *    exists, even during initialisation; they are never restarted and keep no pod alive.
 */
import type { Container, Pod } from '../../api/core/pods/types.js';
import type { ProbeKind, ProbeOutcome } from '../interfaces.js';
import type { ContainerStatus } from '../../runtime/interface.js';
import { formatGoDuration, formatPod } from './format.js';
import { CONTAINER_IMAGE_ANNOTATION, containerNameOf } from './labels.js';
import { latestContainer, type PodRuntimeStatus } from './pod-runtime-status.js';

export type KillReason = 'LivenessProbe' | 'StartupProbe' | 'Unknown' | '';

export interface ContainerToKill {
  id: string;
  name: string;
  container: Container;
  /** The Killing event's message. */
  message: string;
  reason: KillReason;
}

export interface ContainerToStart {
  container: Container;
  isInit: boolean;
  /** Exit time of the run being replaced (ms), when the restart counts against the back-off. */
  previousExitMs?: number;
}

export interface BackedOffContainer {
  container: Container;
  isInit: boolean;
  /** Waiting message: `back-off 10s restarting failed container=NAME pod=NAME_NS(UID)`. */
  message: string;
  /** When the back-off ends (ms since the epoch). */
  untilMs: number;
}

export interface PodActions {
  killPod: boolean;
  createSandbox: boolean;
  /** The current sandbox (to reuse, or to kill when a new one is created); '' when none. */
  sandboxId: string;
  /** Attempt number for the sandbox to create. */
  attempt: number;
  initContainersToStart: ContainerToStart[];
  /** Ephemeral containers (kubectl debug) not yet run: each runs once, never restarted. */
  ephemeralContainersToStart: ContainerToStart[];
  containersToStart: ContainerToStart[];
  containersToKill: ContainerToKill[];
  backOff: BackedOffContainer[];
}

/** Read-only view of the crash back-off: whether the key is backing off since `exitMs`, and the delay. */
export type BackoffView = (key: string, exitMs: number) => { inBackOff: boolean; delayMs: number };

export interface ComputeInput {
  pod: Pod;
  status: PodRuntimeStatus;
  probe: (containerId: string, kind: ProbeKind) => ProbeOutcome | undefined;
  backoff: BackoffView;
}

export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

export function restartPolicyOf(pod: Pod): string {
  return pod.spec.restartPolicy ?? 'Always';
}

export function crashBackoffKey(pod: Pod, name: string): string {
  return `${pod.metadata.uid}/${name}`;
}

/** Whether a new sandbox is needed, the attempt for it, and the current sandbox's ID. */
export function sandboxChanged(pod: Pod, status: PodRuntimeStatus): [boolean, number, string] {
  const latest = status.sandboxes[0];
  if (!latest) return [true, 0, ''];
  const ready = status.sandboxes.filter((s) => s.state === 'SANDBOX_READY').length;
  if (ready > 1 || latest.state !== 'SANDBOX_READY') return [true, latest.metadata.attempt + 1, latest.id];
  // The pod IP tells the network mode: hostNetwork sandboxes have none.
  if (!!pod.spec.hostNetwork !== (latest.ip === '')) return [true, latest.metadata.attempt + 1, latest.id];
  return [false, latest.metadata.attempt, latest.id];
}

/** Upstream's ShouldContainerBeRestarted. */
export function shouldContainerBeRestarted(c: Container, pod: Pod, status: PodRuntimeStatus): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const s = latestContainer(status, c.name);
  if (!s) return true;
  if (s.state === 'CONTAINER_RUNNING') return false;
  if (s.state === 'CONTAINER_UNKNOWN' || s.state === 'CONTAINER_CREATED') return true;
  const policy = restartPolicyOf(pod);
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && s.exitCode === 0) return false;
  return true;
}

function hasAnyRegularContainerCreated(pod: Pod, status: PodRuntimeStatus): boolean {
  return pod.spec.containers.some((c) => {
    const s = latestContainer(status, c.name);
    return (
      s !== undefined &&
      (s.state === 'CONTAINER_CREATED' || s.state === 'CONTAINER_RUNNING' || s.state === 'CONTAINER_EXITED')
    );
  });
}

function newActions(create: boolean, attempt: number, sandboxId: string): PodActions {
  return {
    killPod: create,
    createSandbox: create,
    sandboxId,
    attempt,
    initContainersToStart: [],
    ephemeralContainersToStart: [],
    containersToStart: [],
    containersToKill: [],
    backOff: [],
  };
}

export function computePodActions(input: ComputeInput): PodActions {
  const { pod, status } = input;
  const [create, attempt, sandboxId] = sandboxChanged(pod, status);
  const actions = newActions(create, attempt, sandboxId);
  const policy = restartPolicyOf(pod);
  const init = pod.spec.initContainers ?? [];

  if (create) {
    if (policy === 'Never' && attempt !== 0 && status.containers.length > 0) {
      actions.createSandbox = false;
      return actions;
    }
    const toStart = pod.spec.containers.filter((c) => {
      const s = latestContainer(status, c.name);
      return !(policy === 'OnFailure' && s?.state === 'CONTAINER_EXITED' && s.exitCode === 0);
    });
    if (hasAnyRegularContainerCreated(pod, status) && toStart.length === 0) {
      actions.createSandbox = false;
      return actions;
    }
    if (init.length > 0) actions.initContainersToStart = [{ container: init[0], isInit: true }];
    else actions.containersToStart = toStart.map((container) => ({ container, isInit: false }));
    return withBackoff(input, actions);
  }

  // Ephemeral containers start even while initialisation is under way, once each.
  for (const c of pod.spec.ephemeralContainers ?? [])
    if (!latestContainer(status, c.name))
      actions.ephemeralContainersToStart.push({ container: c, isInit: false });

  const initialized = computeInitContainerActions(input, actions);
  if (actions.killPod || !initialized) return withBackoff(input, actions);

  let keep = 0;
  const restartOnFailure = policy !== 'Never';
  for (const c of pod.spec.containers) {
    const s = latestContainer(status, c.name);
    if (!s || s.state !== 'CONTAINER_RUNNING') {
      if (shouldContainerBeRestarted(c, pod, status)) {
        actions.containersToStart.push({ container: c, isInit: false });
        if (s?.state === 'CONTAINER_UNKNOWN')
          actions.containersToKill.push(
            kill(s, c, `Container is in "${s.state}" state, try killing it before restart`, 'Unknown'),
          );
      }
      continue;
    }
    let message: string;
    let reason: KillReason;
    let restart = restartOnFailure;
    const createdFrom = s.annotations[CONTAINER_IMAGE_ANNOTATION];
    if (createdFrom !== undefined && createdFrom !== (c.image ?? '')) {
      // Restarted whatever the policy: the spec changed.
      message = `Container ${c.name} definition changed`;
      reason = '';
      restart = true;
    } else if (probeOf(input, s, 'liveness') === 'failure') {
      message = `Container ${c.name} failed liveness probe`;
      reason = 'LivenessProbe';
    } else if (probeOf(input, s, 'startup') === 'failure') {
      message = `Container ${c.name} failed startup probe`;
      reason = 'StartupProbe';
    } else {
      keep++;
      continue;
    }
    if (restart) {
      message += ', will be restarted';
      actions.containersToStart.push({ container: c, isInit: false });
    }
    actions.containersToKill.push(kill(s, c, message, reason));
  }
  if (keep === 0 && actions.containersToStart.length === 0) {
    actions.killPod = true;
    actions.initContainersToStart = [];
  }
  return withBackoff(input, actions);
}

function kill(s: ContainerStatus, c: Container, message: string, reason: KillReason): ContainerToKill {
  return { id: s.id, name: containerNameOf(s), container: c, message, reason };
}

function probeOf(input: ComputeInput, s: ContainerStatus, kind: ProbeKind): ProbeOutcome | undefined {
  return input.probe(s.id, kind);
}

/**
 * Init container progress (upstream's computeInitContainerActions, sidecars included). Walks the
 * init containers backwards to find the last one that ran, so removed old containers do not make
 * finished ones run again. Returns whether the pod is initialised.
 */
function computeInitContainerActions(input: ComputeInput, actions: PodActions): boolean {
  const { pod, status } = input;
  const init = pod.spec.initContainers ?? [];
  if (init.length === 0) return true;
  let initialized = pod.spec.containers.some((c) => {
    const s = latestContainer(status, c.name);
    return s?.state === 'CONTAINER_CREATED' || s?.state === 'CONTAINER_RUNNING';
  });
  let previouslyInitialized = initialized;
  const restartOnFailure = restartPolicyOf(pod) !== 'Never';
  const toStart: number[] = [];

  for (let i = init.length - 1; i >= 0; i--) {
    const c = init[i];
    const s = latestContainer(status, c.name);
    if (!s) {
      if (previouslyInitialized && isSidecar(c)) toStart.push(i);
      continue;
    }
    if (previouslyInitialized && !isSidecar(c)) continue;
    switch (s.state) {
      case 'CONTAINER_CREATED':
        toStart.push(i);
        break;
      case 'CONTAINER_RUNNING': {
        if (!isSidecar(c)) break;
        if (c.startupProbe) {
          const startup = probeOf(input, s, 'startup');
          if (startup !== 'success') {
            if (startup === 'failure') {
              actions.containersToKill.push(
                kill(s, c, `Init container ${c.name} failed startup probe`, 'StartupProbe'),
              );
              toStart.push(i);
            }
            break;
          }
        }
        if (i === init.length - 1) initialized = true;
        else if (!previouslyInitialized) toStart.push(i + 1);
        if (c.livenessProbe && probeOf(input, s, 'liveness') === 'failure') {
          actions.containersToKill.push(
            kill(s, c, `Init container ${c.name} failed liveness probe`, 'LivenessProbe'),
          );
          toStart.push(i);
        }
        break;
      }
      case 'CONTAINER_EXITED':
        if (isSidecar(c)) {
          toStart.push(i);
        } else if (s.exitCode !== 0) {
          if (!restartOnFailure) {
            actions.killPod = true;
            actions.initContainersToStart = [];
            return false;
          }
          toStart.push(i);
        } else if (i === init.length - 1) {
          initialized = true;
        } else {
          toStart.push(i + 1);
        }
        break;
      default:
        if (!isSidecar(c) && !restartOnFailure) {
          actions.killPod = true;
          actions.initContainersToStart = [];
          return false;
        }
        actions.containersToKill.push(
          kill(s, c, `Init container is in "${s.state}" state, try killing it before restart`, 'Unknown'),
        );
        toStart.push(i);
    }
    if (!previouslyInitialized) previouslyInitialized = true;
  }
  if (!previouslyInitialized) toStart.push(0);
  // Collected backwards; start in spec order, once each.
  actions.initContainersToStart = [...new Set(toStart.reverse())].map((i) => ({
    container: init[i],
    isInit: true,
  }));
  return initialized;
}

/**
 * Moves containers whose last run exited recently into `backOff` (upstream's doBackOff), and
 * marks the others with the exit time so the executor can advance the back-off.
 */
function withBackoff(input: ComputeInput, actions: PodActions): PodActions {
  const { pod, status } = input;
  const filter = (list: ContainerToStart[]): ContainerToStart[] =>
    list.filter((item) => {
      const exited = status.containers.find(
        (c) => containerNameOf(c) === item.container.name && c.state === 'CONTAINER_EXITED',
      );
      if (!exited) return true;
      const exitMs = exited.finishedAt || exited.createdAt;
      const { inBackOff, delayMs } = input.backoff(crashBackoffKey(pod, item.container.name), exitMs);
      if (!inBackOff) {
        item.previousExitMs = exitMs;
        return true;
      }
      actions.backOff.push({
        container: item.container,
        isInit: item.isInit,
        message: `back-off ${formatGoDuration(delayMs)} restarting failed container=${item.container.name} pod=${formatPod(pod)}`,
        untilMs: exitMs + delayMs,
      });
      return false;
    });
  actions.initContainersToStart = filter(actions.initContainersToStart);
  actions.containersToStart = filter(actions.containersToStart);
  return actions;
}
