/**
 * @module scheduler/schedule-one
 * One scheduling cycle. `schedulePod` is the pure decision: PreFilter, Filter over every node,
 * then (no node fits) PostFilter and the FitError message, or (some fit) Score and pick the best,
 * ties broken at random. `scheduleOne` acts on it: assume the pod on the node and bind it through
 * `POST pods/NAME/binding` (asynchronously, as upstream's binding cycle), forgetting it on failure;
 * or mark it unschedulable (PodScheduled=False condition, FailedScheduling event) and park it,
 * after evicting the victims when preemption nominated a node for it.
 */
import type { Pod, PodCondition } from '../api/core/pods/types.js';
import { isNotFound } from '../client/api-error.js';
import type { EventRecorder } from '../client/events.js';
import { R } from '../client/resources.js';
import type { RestClient } from '../client/rest-client.js';
import { formatTime } from '../machinery/meta.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { SchedulerCache } from './cache.js';
import { NO_NODES_AVAILABLE, fitErrorMessage } from './framework/fit-error.js';
import { Code, CycleState, type SnapshotLister, type Status } from './framework/interface.js';
import { NodeInfo } from './framework/node-info.js';
import type { Framework } from './framework/runner.js';
import type { QueuedPodInfo, SchedulingQueue } from './queue.js';

export type ScheduleResult =
  | { kind: 'scheduled'; node: string; feasible: number }
  | {
      kind: 'unschedulable';
      message: string;
      plugins: Set<string>;
      /**
       * Preemption chose a node: the pod is nominated to it once these pods are evicted. An
       * empty node: preemption found none, so an earlier nomination is cleared.
       */
      nominated?: { node: string; victims: Pod[] };
    }
  | { kind: 'error'; message: string };

/** Pods nominated to a node that `pod` must leave room for (see Nominator.reservedFor). */
export type Reserved = (pod: Pod, node: string) => Pod[];

/**
 * Upstream's filter run with nominated pods: when pods of at least this pod's priority are
 * nominated to the node, the pod must fit with them there too, then (as always) without them.
 */
export function filterWithNominated(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  n: NodeInfo,
  reserved?: Reserved,
): Status {
  const extra = reserved?.(pod, n.name) ?? [];
  if (extra.length) {
    const withThem = new NodeInfo(n.node);
    for (const p of n.pods.values()) withThem.addPod(p);
    for (const p of extra) withThem.addPod({ ...p, spec: { ...p.spec, nodeName: n.name } });
    const s = fwk.runFilter(state, pod, withThem);
    if (!s.isSuccess) return s;
  }
  return fwk.runFilter(state, pod, n);
}

/** Decides where `pod` goes. Pure over the snapshot; `random` breaks score ties. */
export function schedulePod(
  fwk: Framework,
  snapshot: SnapshotLister,
  pod: Pod,
  random: () => number = Math.random,
  reserved?: Reserved,
): ScheduleResult {
  const nodes = snapshot.nodeInfos();
  if (nodes.length === 0) return { kind: 'unschedulable', message: NO_NODES_AVAILABLE, plugins: new Set() };
  const state = new CycleState();
  const pre = fwk.runPreFilter(state, pod, snapshot);
  if (pre.code === Code.Error) return { kind: 'error', message: pre.message };
  const statuses = new Map<string, Status>();
  const plugins = new Set<string>();
  let preFilterMsg: string | undefined;
  const feasible: NodeInfo[] = [];
  if (!pre.isSuccess) {
    preFilterMsg = pre.message;
    plugins.add(pre.plugin);
    for (const n of nodes) statuses.set(n.name, pre);
  } else {
    for (const n of nodes) {
      const s = filterWithNominated(fwk, state, pod, n, reserved);
      if (s.isSuccess) feasible.push(n);
      else if (s.code === Code.Error) return { kind: 'error', message: s.message };
      else {
        statuses.set(n.name, s);
        plugins.add(s.plugin);
      }
    }
  }
  if (feasible.length === 0) {
    const post = fwk.runPostFilter(state, pod, statuses, snapshot);
    const postFilterMsg = post.status.message || undefined;
    const node = post.result?.nominatedNodeName;
    return {
      kind: 'unschedulable',
      message: fitErrorMessage(nodes.length, { nodeToStatus: statuses, preFilterMsg, postFilterMsg }),
      plugins,
      ...(node !== undefined ? { nominated: { node, victims: post.result?.victims ?? [] } } : {}),
    };
  }
  if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0].name, feasible: 1 };
  const scores = fwk.runScore(state, pod, feasible, snapshot);
  return { kind: 'scheduled', node: selectHost(feasible, scores, random), feasible: feasible.length };
}

/** The highest-scoring node; among equal scores each is equally likely (reservoir sampling). */
export function selectHost(
  nodes: readonly NodeInfo[],
  scores: readonly number[],
  random: () => number,
): string {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < nodes.length; i++) {
    if (scores[i] > scores[best]) {
      best = i;
      ties = 1;
    } else if (scores[i] === scores[best]) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  return nodes[best].name;
}

export interface ScheduleDeps {
  fwk: Framework;
  cache: SchedulerCache;
  queue: SchedulingQueue;
  client: RestClient;
  clock: Clock;
  log: Logger;
  /** Picks the recorder for a pod (events are sharded so their writes run in parallel). */
  recorder(pod: Pod): EventRecorder;
  random?: () => number;
}

const asPod = (p: Pod): Pod => ({ ...p, kind: 'Pod', apiVersion: 'v1' });

/**
 * Runs one cycle for `q` synchronously and returns the binding promise (resolved when the bind and
 * its event are done or failed; never rejects), or undefined when nothing is left to await.
 */
export function scheduleOne(d: ScheduleDeps, q: QueuedPodInfo): Promise<void> | undefined {
  const pod = q.pod;
  const cycle = d.queue.schedulingCycle;
  let result: ScheduleResult;
  try {
    result = schedulePod(d.fwk, d.cache, pod, d.random, (p, node) => d.queue.nominator.reservedFor(p, node));
  } catch (err) {
    result = { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (result.kind === 'unschedulable') {
    d.queue.addUnschedulable(q, result.plugins, cycle);
    if (result.nominated) {
      // '' (preemption found nothing) clears the pod's nomination.
      d.queue.nominator.upsert(pod, result.nominated.node);
      if (result.nominated.victims.length)
        void preempt(d, pod, result.nominated.node, result.nominated.victims);
    }
    void recordFailure(d, pod, 'Unschedulable', result.message, result.nominated?.node);
    return undefined;
  }
  if (result.kind === 'error') {
    d.log.warn({ pod: q.key, err: result.message }, 'error scheduling pod; retrying');
    d.queue.addBackoff(q);
    void recordFailure(d, pod, 'SchedulerError', result.message);
    return undefined;
  }
  const node = result.node;
  d.cache.assumePod(pod, node);
  return bind(d, q, node);
}

async function bind(d: ScheduleDeps, q: QueuedPodInfo, node: string): Promise<void> {
  const pod = q.pod;
  const { namespace, name } = pod.metadata;
  try {
    await d.client.create(
      { ...R.pods, plural: `pods/${encodeURIComponent(name ?? '')}/binding` },
      {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid: pod.metadata.uid },
        target: { kind: 'Node', apiVersion: 'v1', name: node },
      },
      { readOnlyResult: true },
    );
  } catch (err) {
    d.cache.forgetPod(pod);
    if (isNotFound(err)) {
      d.queue.done(pod);
      return;
    }
    const msg = `binding rejected: ${err instanceof Error ? err.message : String(err)}`;
    d.log.warn({ pod: q.key, node, reason: msg }, 'binding failed');
    d.queue.addBackoff(q);
    await recordFailure(d, q.pod, 'SchedulerError', msg);
    return;
  }
  d.queue.done(pod);
  // Not awaited: event writes must not hold back the next bindings.
  void d
    .recorder(pod)
    .event(asPod(pod), 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
}

/** The PodScheduled=False condition upstream writes for a failed attempt. */
export function unschedulableCondition(reason: string, message: string, now: Date): PodCondition {
  return {
    type: 'PodScheduled',
    status: 'False',
    reason,
    message,
    lastProbeTime: null,
    lastTransitionTime: formatTime(now),
  };
}

/** True when the pod already carries this condition (then no status write is needed). */
export function conditionUnchanged(pod: Pod, c: PodCondition): boolean {
  const cur = pod.status?.conditions?.find((x) => x.type === c.type);
  return !!cur && cur.status === c.status && cur.reason === c.reason && cur.message === c.message;
}

/** Upstream caps event notes at 1024 characters, ending a cut one with `...`. */
export function truncateEventMessage(message: string, limit = 1024): string {
  return message.length <= limit ? message : message.slice(0, limit - 3) + '...';
}

async function recordFailure(
  d: ScheduleDeps,
  pod: Pod,
  reason: string,
  message: string,
  nominatedNodeName?: string,
): Promise<void> {
  const cond = unschedulableCondition(reason, message, d.clock.now());
  // As upstream's UpdatePodCondition: the transition time moves only when the status does.
  const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (prev?.status === cond.status && prev.lastTransitionTime)
    cond.lastTransitionTime = prev.lastTransitionTime;
  const event = d
    .recorder(pod)
    .event(asPod(pod), 'Warning', 'FailedScheduling', truncateEventMessage(message));
  // `nominatedNodeName` '' clears it (a patch with null removes the field).
  const nominate =
    nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
  if (!conditionUnchanged(pod, cond) || nominate) {
    const status: Record<string, unknown> = { conditions: [cond] };
    if (nominate) status.nominatedNodeName = nominatedNodeName || null;
    try {
      await d.client.patch(R.pods, pod.metadata.name ?? '', { status }, 'strategic', {
        namespace: pod.metadata.namespace,
        subresource: 'status',
      });
    } catch (err) {
      if (!isNotFound(err)) d.log.warn({ pod: pod.metadata.name, err }, 'cannot update pod condition');
    }
  }
  await event;
}

/**
 * Evicts the victims chosen for `preemptor` on `node`, as upstream's preemption does: each gets the
 * DisruptionTarget condition, is deleted with its own grace period, and a Preempted event.
 */
async function preempt(d: ScheduleDeps, preemptor: Pod, node: string, victims: Pod[]): Promise<void> {
  // As upstream's prepareCandidate: pods of lower priority nominated to this node lose the
  // nomination (the room is for the preemptor now) and go through scheduling again.
  for (const p of d.queue.nominator.lowerPriorityOn(preemptor, node)) {
    d.queue.nominator.remove(p);
    d.client
      .patch(R.pods, p.metadata.name ?? '', { status: { nominatedNodeName: null } }, 'strategic', {
        namespace: p.metadata.namespace,
        subresource: 'status',
      })
      .catch((err: unknown) => {
        if (!isNotFound(err))
          d.log.warn({ pod: p.metadata.name, err: String(err) }, 'cannot clear nomination');
      });
  }
  const cond = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'PreemptionByScheduler',
    message: `${preemptor.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`,
    lastProbeTime: null,
    lastTransitionTime: formatTime(d.clock.now()),
  };
  await Promise.all(
    victims.map(async (v) => {
      const name = v.metadata.name ?? '';
      const namespace = v.metadata.namespace;
      try {
        await d.client.patch(R.pods, name, { status: { conditions: [cond] } }, 'strategic', {
          namespace,
          subresource: 'status',
        });
        await d.client.delete(R.pods, name, { namespace });
      } catch (err) {
        if (!isNotFound(err)) d.log.warn({ pod: name, err: String(err) }, 'cannot preempt pod');
        return;
      }
      d.log.info({ preemptor: preemptor.metadata.name, victim: name, node }, 'preempted pod');
      await d
        .recorder(v)
        .event(asPod(v), 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`);
    }),
  );
}
