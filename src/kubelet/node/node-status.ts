/**
 * @module kubelet/node/node-status
 * The node's conditions and the status it posts: pure `nodeConditions` / `nextNodeStatus`
 * decide, `NodeStatusReporter` writes them every 10 s through nodes/status.
 *
 * Heartbeats only move `lastHeartbeatTime`; `lastTransitionTime` changes only when a
 * condition's status flips. When the Node is gone (deleted by a user) the reporter asks the
 * owner to register it again.
 */
import { isConflict, isNotFound } from '../../client/api-error.js';
import { sleep } from '../../client/backoff.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Node, NodeStatus } from '../../api/core/nodes/types.js';
import { formatTime } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

export const NODE_STATUS_INTERVAL_MS = 10_000;

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  [field: string]: unknown;
}

/** What the kubelet knows about its own health. */
export interface NodeHealth {
  /** false → Ready=False with `notReadyMessage` (e.g. the runtime is not up yet). */
  ready: boolean;
  notReadyMessage?: string;
  /** The eviction manager's pressure conditions; absent means none. */
  pressure?: { memory: boolean; disk: boolean; pid: boolean };
}

type Template = Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>;

function templates(h: NodeHealth): Template[] {
  const p = h.pressure;
  return [
    p?.memory
      ? {
          type: 'MemoryPressure',
          status: 'True',
          reason: 'KubeletHasInsufficientMemory',
          message: 'kubelet has insufficient memory available',
        }
      : {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
    p?.disk
      ? {
          type: 'DiskPressure',
          status: 'True',
          reason: 'KubeletHasDiskPressure',
          message: 'kubelet has disk pressure',
        }
      : {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
    p?.pid
      ? {
          type: 'PIDPressure',
          status: 'True',
          reason: 'KubeletHasInsufficientPID',
          message: 'kubelet has insufficient PID available',
        }
      : {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
    h.ready
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: h.notReadyMessage ?? 'kubelet is starting',
        },
  ];
}

/**
 * The four conditions at `now`, in upstream's order. Each keeps its previous
 * `lastTransitionTime` unless its status changed (or it is new).
 */
export function nodeConditions(
  prev: NodeCondition[] | undefined,
  health: NodeHealth,
  now: Date,
): NodeCondition[] {
  const ts = formatTime(now);
  return templates(health).map((t) => {
    const old = prev?.find((c) => c.type === t.type);
    const transition = old && old.status === t.status && old.lastTransitionTime ? old.lastTransitionTime : ts;
    return { ...t, lastHeartbeatTime: ts, lastTransitionTime: transition };
  });
}

/** Node events for condition flips: `NodeReady`, `NodeNotReady`, `NodeHasSufficientMemory`, … */
export function conditionEvents(prev: NodeCondition[] | undefined, next: NodeCondition[]): string[] {
  const reasons: string[] = [];
  for (const c of next) {
    const old = prev?.find((p) => p.type === c.type);
    if (old?.status === c.status) continue;
    // A node that starts not ready is not news; only a Ready node becoming not ready is.
    if (c.type === 'Ready' && !old && c.status !== 'True') continue;
    if (c.type === 'Ready') reasons.push(c.status === 'True' ? 'NodeReady' : 'NodeNotReady');
    else if (c.type === 'MemoryPressure')
      reasons.push(c.status === 'True' ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory');
    else if (c.type === 'DiskPressure')
      reasons.push(c.status === 'True' ? 'NodeHasDiskPressure' : 'NodeHasNoDiskPressure');
    else if (c.type === 'PIDPressure')
      reasons.push(c.status === 'True' ? 'NodeHasInsufficientPID' : 'NodeHasSufficientPID');
  }
  return reasons;
}

/**
 * The status to post: the machine's static part, fresh conditions, and whatever else is there
 * (conditions of other types, e.g. NetworkUnavailable, are kept after ours).
 */
export function nextNodeStatus(
  current: NodeStatus | undefined,
  staticPart: NodeStatus,
  health: NodeHealth,
  now: Date,
  images?: NodeStatus['images'],
): NodeStatus {
  const prev = current?.conditions as NodeCondition[] | undefined;
  const ours = nodeConditions(prev, health, now);
  const others = (prev ?? []).filter((c) => !ours.some((o) => o.type === c.type));
  const status: NodeStatus = { ...current, ...staticPart, conditions: [...ours, ...others] };
  if (images) status.images = images;
  return status;
}

export interface NodeStatusReporterOptions {
  client: RestClient;
  nodeName: string;
  clock: Clock;
  log: Logger;
  staticStatus(): NodeStatus;
  health(): NodeHealth;
  /** Optional image list for `status.images`. */
  images?(): Promise<NodeStatus['images']>;
  /** Records a Node event (reason, message). */
  nodeEvent?(reason: string, message: string): void;
  /** Called when the Node is gone; resolves once it is registered again. */
  reregister(): Promise<void>;
  /** Default 10 s. */
  intervalMs?: number;
}

/** Posts node status now and then every interval, until `signal` aborts. Never rejects. */
export async function runNodeStatusReporter(
  o: NodeStatusReporterOptions,
  signal: AbortSignal,
): Promise<void> {
  const interval = o.intervalMs ?? NODE_STATUS_INTERVAL_MS;
  while (!signal.aborted) {
    try {
      await postNodeStatus(o);
    } catch (err) {
      if (signal.aborted) break;
      o.log.warn({ error: String(err) }, 'error updating node status, will retry');
    }
    await sleep(o.clock, interval, signal);
  }
}

/** One heartbeat: GET, compute, PUT status (retried on conflicts). Re-registers on 404. */
export async function postNodeStatus(o: NodeStatusReporterOptions): Promise<Node | undefined> {
  const images = o.images ? await o.images().catch(() => undefined) : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    let node: Node;
    try {
      node = await o.client.get<Node>(R.nodes, o.nodeName);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      o.log.info({ node: o.nodeName }, 'node object is gone; registering it again');
      await o.reregister();
      continue;
    }
    const prev = node.status?.conditions as NodeCondition[] | undefined;
    const status = nextNodeStatus(node.status, o.staticStatus(), o.health(), o.clock.now(), images);
    try {
      const written = await o.client.updateStatus<Node>(R.nodes, { ...node, status });
      for (const reason of conditionEvents(prev, status.conditions as NodeCondition[]))
        o.nodeEvent?.(reason, `Node ${o.nodeName} status is now: ${reason}`);
      return written;
    } catch (err) {
      if (isConflict(err)) continue;
      if (isNotFound(err)) continue;
      throw err;
    }
  }
  return undefined;
}
