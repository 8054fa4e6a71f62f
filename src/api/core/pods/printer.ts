/**
 * @module api/core/pods/printer
 * The pod table: NAME READY STATUS RESTARTS AGE (+ IP NODE NOMINATED-NODE READINESS-GATES wide),
 * with upstream's STATUS algorithm (init progress, sidecars, waiting/terminated reasons,
 * Terminating/Unknown) and "N (age ago)" restarts. Completed pods carry a `Completed` row condition.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../../../machinery/duration.js';
import type { TableCell, TablePrinter, TableRowCondition } from '../../types.js';

interface ContainerStateView {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatusView {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateView;
  lastState?: ContainerStateView;
}

interface ConditionView {
  type: string;
  status?: string;
  reason?: string;
}

/** The fields of a Pod this printer reads. */
export interface PodView extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    nominatedNodeName?: string;
    conditions?: ConditionView[];
    initContainerStatuses?: ContainerStatusView[];
    containerStatuses?: ContainerStatusView[];
  };
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

const COMPLETED_SUCCEEDED: TableRowCondition = {
  type: 'Completed',
  status: 'True',
  reason: 'Succeeded',
  message: 'The pod has completed successfully.',
};
const COMPLETED_FAILED: TableRowCondition = {
  type: 'Completed',
  status: 'True',
  reason: 'Failed',
  message: 'The pod failed.',
};

/** Keeps the newest `lastState.terminated.finishedAt` seen so far (ms since epoch, 0 = none). */
function newerFinish(current: number, cs: ContainerStatusView): number {
  const t = parseTimestamp(cs.lastState?.terminated?.finishedAt)?.getTime();
  return t !== undefined && t > current ? t : current;
}

function conditionTrue(conditions: ConditionView[] | undefined, type: string): boolean {
  // Upstream looks at the first condition of the type only.
  const c = conditions?.find((x) => x.type === type);
  return c?.status === 'True';
}

/** The READY, STATUS and RESTARTS cells, exactly as upstream's printPod computes them. */
export function summarizePod(pod: PodView, now: Date): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const sidecars = new Set<string>();
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') sidecars.add(c.name);
  const total = (spec.containers?.length ?? 0) + sidecars.size;

  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let sidecarLastRestart = 0;
  let initializing = false;

  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const isSidecar = sidecars.has(cs.name);
    restarts += cs.restartCount ?? 0;
    lastRestart = newerFinish(lastRestart, cs);
    if (isSidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      sidecarLastRestart = newerFinish(sidecarLastRestart, cs);
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk backwards so the first container in spec order with a reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = newerFinish(lastRestart, cs);
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) {
    restartText = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function readinessGates(pod: PodView): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter(
    (g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True',
  ).length;
  return `${trueCount}/${gates.length}`;
}

export const printer: TablePrinter<PodView> = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the pod, unique in its namespace.',
      priority: 0,
    },
    {
      name: 'Ready',
      type: 'string',
      description: 'Ready containers out of all containers in the pod.',
      priority: 0,
    },
    {
      name: 'Status',
      type: 'string',
      description: 'Summary of the state of the pod and its containers.',
      priority: 0,
    },
    {
      name: 'Restarts',
      type: 'string',
      description: 'Container restarts in the pod, and how long ago the last one happened.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the pod was created.', priority: 0 },
    { name: 'IP', type: 'string', description: 'The IP address given to the pod.', priority: 1 },
    { name: 'Node', type: 'string', description: 'The node the pod is bound to.', priority: 1 },
    {
      name: 'Nominated Node',
      type: 'string',
      description: 'The node the scheduler picked for the pod after preempting others.',
      priority: 1,
    },
    {
      name: 'Readiness Gates',
      type: 'string',
      description: 'Extra readiness conditions that are True, out of those the pod declares.',
      priority: 1,
    },
  ],
  row(pod, now) {
    const { ready, status, restarts } = summarizePod(pod, now);
    // An apiserver turns a lone v1 podIP into podIPs[0]; podIP wins if they differ.
    const ip = pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '<none>';
    const cells: TableCell[] = [
      pod.metadata.name ?? '',
      ready,
      status,
      restarts,
      translateTimestampSince(pod.metadata.creationTimestamp, now),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') return { cells, conditions: [COMPLETED_SUCCEEDED] };
    if (phase === 'Failed') return { cells, conditions: [COMPLETED_FAILED] };
    return { cells };
  },
};
