/**
 * @module scheduler/scheduler
 * The default scheduler: informers on nodes, pods and namespaces feed the cache (assigned pods)
 * and the queue (pending pods of this scheduler); a loop pops pods and runs `scheduleOne`. Only
 * pods with spec.schedulerName `default-scheduler` (or none), no nodeName and no
 * deletionTimestamp are scheduled; gated pods wait, marked PodScheduled=False/SchedulingGated.
 */
import { deepEqual } from '../machinery/patch/json-value.js';
import { setMaxListeners } from 'node:events';
import type { Node } from '../api/core/nodes/types.js';
import type { Pod } from '../api/core/pods/types.js';
import { EventRecorder } from '../client/events.js';
import { Informer } from '../client/informer.js';
import { R } from '../client/resources.js';
import type { RestClient } from '../client/rest-client.js';
import { formatTime, type KubeObject } from '../machinery/meta.js';
import type { Clock } from '../util/clock.js';
import { silentLogger, type Logger } from '../util/logger.js';
import { SchedulerCache } from './cache.js';
import { CycleState, type AnyPlugin, type ClusterEvent } from './framework/interface.js';
import { podKey } from './framework/node-info.js';
import { Framework } from './framework/runner.js';
import type { PodDisruptionBudget } from '../api/policy/poddisruptionbudgets/types.js';
import { withNode, type FilterRunner } from './plugins/default-preemption.js';
import { DEFAULT_PLUGINS, DEFAULT_WEIGHTS, IN_TREE_REGISTRY, type PluginHandle } from './plugins/registry.js';
import { SchedulingQueue } from './queue.js';
import {
  conditionUnchanged,
  filterWithNominated,
  scheduleOne,
  type Reserved,
  type ScheduleDeps,
} from './schedule-one.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const EVENT_SHARDS = 8;
const MAX_BINDS_IN_FLIGHT = 64;
const GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

export interface SchedulerOptions {
  client: RestClient;
  clock: Clock;
  /** Default: silent. */
  log?: Logger;
  /** Which pods (spec.schedulerName) this instance schedules; default `default-scheduler`. */
  schedulerName?: 'default-scheduler' | (string & {});
}

export interface RunningScheduler {
  /** Resolves after `signal` aborted and the loop and informers stopped. Never rejects. */
  done: Promise<void>;
}

/**
 * Builds the default profile's framework from the registry. `pdbs` lists the budgets preemption
 * weighs and `reserved` the pods nominated to a node that its dry run must leave room for (both
 * default to none).
 */
export function defaultFramework(
  pdbs: () => readonly PodDisruptionBudget[] = () => [],
  reserved?: Reserved,
): Framework {
  const ref: { fwk?: Framework } = {};
  const runFilters: FilterRunner = (pod, node, snapshot) => {
    const state = new CycleState();
    const pre = ref.fwk!.runPreFilter(state, pod, withNode(snapshot, node));
    // As upstream's RunFilterPluginsWithNominatedPods: nominated pods of at least this priority count.
    return pre.isSuccess ? filterWithNominated(ref.fwk!, state, pod, node, reserved) : pre;
  };
  const handle = (): PluginHandle => ({ runFilters, pdbs });
  const plugins: AnyPlugin[] = DEFAULT_PLUGINS.map((name) => IN_TREE_REGISTRY[name](handle));
  ref.fwk = new Framework({ plugins, weights: DEFAULT_WEIGHTS });
  return ref.fwk;
}

export function responsibleFor(pod: Pod, schedulerName = DEFAULT_SCHEDULER_NAME): boolean {
  return (pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME) === schedulerName;
}

const isAssigned = (p: Pod) => !!p.spec.nodeName;
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const same = (a: unknown, b: unknown) => deepEqual(a ?? null, b ?? null);

/** Which node changes happened, as the cluster events plugins register for. */
export function nodeUpdateEvents(a: Node, b: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!same(a.status?.allocatable, b.status?.allocatable)) out.push('NodeUpdateAllocatable');
  if (!same(a.metadata.labels, b.metadata.labels)) out.push('NodeUpdateLabel');
  if (!same(a.spec?.taints, b.spec?.taints)) out.push('NodeUpdateTaint');
  if (!!a.spec?.unschedulable !== !!b.spec?.unschedulable) out.push('NodeUpdateSpecUnschedulable');
  if (!same(a.status?.images, b.status?.images)) out.push('NodeUpdateImages');
  return out;
}

export function startScheduler(opts: SchedulerOptions, signal: AbortSignal): RunningScheduler {
  const { client, clock } = opts;
  const log = (opts.log ?? silentLogger).child({ component: 'scheduler' });
  const name = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  setMaxListeners(0, signal);
  const pdbs = new Informer<PodDisruptionBudget>(client, R.poddisruptionbudgets, {
    clock,
    onError: (err) => log.debug({ err }, 'informer error'),
  });
  // The queue (and its nominator) needs the framework's plugins first: bound once it exists.
  let nominated: Reserved = () => [];
  const fwk = defaultFramework(
    () => pdbs.lister.list(),
    (p, node) => nominated(p, node),
  );
  const pluginEvents = new Map(fwk.plugins.map((p) => [p.name, p.eventsToRegister?.() ?? []] as const));
  const cache = new SchedulerCache();
  const queue = new SchedulingQueue({ clock, pluginEvents });
  nominated = (p, node) => queue.nominator.reservedFor(p, node);
  const onError = (err: unknown) => log.debug({ err }, 'informer error');
  const recorders = Array.from(
    { length: EVENT_SHARDS },
    () =>
      new EventRecorder(client, {
        component: name,
        clock,
        onError: (err) => log.debug({ err }, 'event not written'),
      }),
  );
  const recorder = (pod: Pod) => {
    const k = podKey(pod);
    let h = 0;
    for (let i = 0; i < k.length; i++) h = (h * 31 + k.charCodeAt(i)) | 0;
    return recorders[Math.abs(h) % EVENT_SHARDS];
  };
  const deps: ScheduleDeps = { fwk, cache, queue, client, clock, log, recorder };

  const nodes = new Informer<Node>(client, R.nodes, { clock, onError });
  const pods = new Informer<Pod & KubeObject>(client, R.pods, { clock, onError });
  const namespaces = new Informer(client, R.namespaces, { clock, onError });

  namespaces.on({
    add: (ns) => cache.setNamespace(ns.metadata.name ?? '', ns.metadata.labels),
    update: (_o, ns) => cache.setNamespace(ns.metadata.name ?? '', ns.metadata.labels),
    delete: (ns) => cache.removeNamespace(ns.metadata.name ?? ''),
  });
  nodes.on({
    add(n) {
      cache.upsertNode(n);
      queue.onEvent('NodeAdd');
    },
    update(o, n) {
      cache.upsertNode(n);
      for (const e of nodeUpdateEvents(o, n)) queue.onEvent(e);
    },
    delete: (n) => cache.removeNode(n.metadata.name ?? ''),
  });

  const markGated = (pod: Pod) => {
    const cond = {
      type: 'PodScheduled',
      status: 'False' as const,
      reason: 'SchedulingGated',
      message: GATED_MESSAGE,
    };
    if (conditionUnchanged(pod, cond)) return;
    const patch = {
      status: { conditions: [{ ...cond, lastProbeTime: null, lastTransitionTime: formatTime(clock.now()) }] },
    };
    client
      .patch(R.pods, pod.metadata.name ?? '', patch, 'strategic', {
        namespace: pod.metadata.namespace,
        subresource: 'status',
      })
      .catch((err) => log.debug({ err }, 'cannot mark pod gated'));
  };
  const pending = (p: Pod) =>
    !isAssigned(p) && !p.metadata.deletionTimestamp && !isTerminal(p) && responsibleFor(p, name);
  const addPending = (p: Pod) => {
    queue.add(p);
    if (p.spec.schedulingGates?.length) markGated(p);
  };
  pods.on({
    add(p) {
      if (isAssigned(p)) {
        if (isTerminal(p)) return;
        cache.addOrUpdatePod(p);
        queue.onEvent('AssignedPodAdd');
      } else if (pending(p)) addPending(p);
    },
    update(o, p) {
      if (isAssigned(p)) {
        if (!isAssigned(o)) queue.delete(p);
        if (isTerminal(p)) {
          cache.removePod(p);
          if (!isTerminal(o)) queue.onEvent('AssignedPodDelete');
          return;
        }
        cache.addOrUpdatePod(p);
        if (!isAssigned(o)) queue.onEvent('AssignedPodAdd');
        else if (!same(o.metadata.labels, p.metadata.labels) || !same(o.spec, p.spec))
          queue.onEvent('AssignedPodUpdate');
      } else if (pending(p)) {
        if (queue.where(p)) queue.update(o, p);
        else addPending(p);
        if (p.spec.schedulingGates?.length) markGated(p);
      } else queue.delete(p);
    },
    delete(p) {
      if (isAssigned(p)) {
        cache.removePod(p);
        queue.onEvent('AssignedPodDelete');
      } else queue.delete(p);
    },
  });

  const runs = [nodes.run(signal), pods.run(signal), namespaces.run(signal), pdbs.run(signal)];
  const loop = async () => {
    await Promise.race([
      Promise.all([nodes.hasSynced(), pods.hasSynced(), namespaces.hasSynced(), pdbs.hasSynced()]),
      new Promise((r) => signal.addEventListener('abort', r, { once: true })),
    ]);
    if (signal.aborted) return;
    queue.run(signal);
    const binds = new Set<Promise<void>>();
    let n = 0;
    while (!signal.aborted) {
      const q = await queue.pop(signal);
      if (!q) break;
      if (!pending(q.pod)) {
        queue.done(q.pod);
        continue;
      }
      const b = scheduleOne(deps, q);
      if (b) {
        binds.add(b);
        void b.finally(() => binds.delete(b));
        while (binds.size >= MAX_BINDS_IN_FLIGHT) await Promise.race(binds);
      }
      // Let informer events and HTTP responses in between cycles.
      if (++n % 32 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.allSettled([...binds]);
  };
  const done = Promise.allSettled([
    loop().catch((err) => log.error({ err }, 'scheduler loop failed')),
    ...runs,
  ]).then(() => undefined);
  return { done };
}
