/**
 * @module kubelet/status/generate
 * The API PodStatus the kubelet reports (pure except for the optional probe callback), after
 * upstream's generateAPIPodStatus: container statuses, then the prober's ready/started, then the
 * phase (never leaving a terminal phase; `evict` forces Failed with its reason and message, as
 * activeDeadlineSeconds does), conditions (non-kubelet ones kept first, then
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled), IPs,
 * startTime (kept once set) and qosClass (kept).
 */
import type { Pod, PodCondition, PodStatus } from '../../api/core/pods/types.js';
import { formatTime } from '../../machinery/meta.js';
import { sandboxChanged } from '../runtime-manager/compute-pod-actions.js';
import type { PodRuntimeStatus } from '../runtime-manager/pod-runtime-status.js';
import {
  containersReadyCondition,
  initializedCondition,
  readyCondition,
  readyToStartContainersCondition,
  withTransitions,
} from './conditions.js';
import { convertContainerStatuses } from './container-statuses.js';
import { getPhase } from './phase.js';
import type { StartFailure } from './reason-cache.js';

const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

export interface GenerateInput {
  pod: Pod;
  /** The last status this kubelet generated (preferred over `pod.status` for transitions). */
  previous?: PodStatus;
  runtime: PodRuntimeStatus;
  runtimeName: string;
  reasons: (name: string) => StartFailure | undefined;
  nodeIP: string;
  now: Date;
  /** The pod is terminating or terminated on this node: stopped containers make it terminal. */
  podIsTerminal: boolean;
  /** Fails the pod with this reason and message (DeadlineExceeded). */
  evict?: { reason: string; message: string };
  /** Fills containers' ready/started from probe results (ProbeManager.updatePodStatus). */
  updateProbeStatus?: (status: PodStatus) => void;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function generatePodStatus(input: GenerateInput): PodStatus {
  const { pod, runtime, now } = input;
  const old: PodStatus = input.previous ?? pod.status ?? {};
  const apiOld = pod.status ?? {};
  const nowText = formatTime(now);
  const init = pod.spec.initContainers ?? [];
  const ctx = { pod, runtime, runtimeName: input.runtimeName, reasons: input.reasons };

  const status: PodStatus = {};
  status.initContainerStatuses = convertContainerStatuses(
    { ...ctx, old: old.initContainerStatuses },
    init,
    true,
  );
  // As upstream: app and ephemeral container statuses sorted by name (init ones keep spec order).
  status.containerStatuses = convertContainerStatuses(
    { ...ctx, old: old.containerStatuses },
    pod.spec.containers,
    init.length > 0,
  ).sort(byName);
  if (init.length === 0) delete status.initContainerStatuses;
  const ephemeral = pod.spec.ephemeralContainers ?? [];
  if (ephemeral.length) {
    // No probe ever runs in an ephemeral container: it is never ready, and started is not reported.
    status.ephemeralContainerStatuses = convertContainerStatuses(
      { ...ctx, old: old.ephemeralContainerStatuses },
      ephemeral,
      init.length > 0,
    )
      .map(({ started: _started, ...s }) => ({ ...s, ready: false }))
      .sort(byName);
  }

  const sandbox = runtime.sandboxes.find((s) => s.state === 'SANDBOX_READY');
  status.hostIP = input.nodeIP;
  status.hostIPs = [{ ip: input.nodeIP }];
  const ips = pod.spec.hostNetwork
    ? [input.nodeIP]
    : sandbox?.ip
      ? [sandbox.ip, ...sandbox.additionalIps]
      : [];
  if (ips.length) {
    status.podIP = ips[0];
    status.podIPs = ips.map((ip) => ({ ip }));
  } else if (old.podIP) {
    status.podIP = old.podIP;
    status.podIPs = old.podIPs;
  }
  status.startTime = old.startTime ?? apiOld.startTime ?? nowText;
  input.updateProbeStatus?.(status);

  const all = [...(status.initContainerStatuses ?? []), ...status.containerStatuses];
  let phase = getPhase(pod, all, input.podIsTerminal);
  if (input.evict) {
    phase = 'Failed';
    status.reason = input.evict.reason;
    status.message = input.evict.message;
  }
  for (const terminal of [apiOld.phase, old.phase]) {
    if (terminal === 'Failed' || terminal === 'Succeeded') {
      phase = terminal;
      if (!input.evict && (old.reason || apiOld.reason)) {
        status.reason = old.reason ?? apiOld.reason;
        status.message = old.message ?? apiOld.message;
      }
    }
  }
  status.phase = phase;

  const oldConds: PodCondition[] = old.conditions ?? apiOld.conditions ?? [];
  const foreign = (apiOld.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const [changed] = sandboxChanged(pod, runtime);
  const containersReady = containersReadyCondition(pod, all, phase);
  const owned = withTransitions(
    [
      readyToStartContainersCondition(!changed),
      initializedCondition(pod, all, phase),
      readyCondition(pod, containersReady, foreign),
      containersReady,
    ],
    oldConds,
    nowText,
  );
  const scheduled = (apiOld.conditions ?? old.conditions ?? []).find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: nowText,
  };
  status.conditions = [...foreign, ...owned, scheduled];
  if (apiOld.qosClass) status.qosClass = apiOld.qosClass;
  if (apiOld.nominatedNodeName) status.nominatedNodeName = apiOld.nominatedNodeName;
  return status;
}
