/**
 * @module controllers/nodelifecycle/eviction-controller
 * The taint eviction controller: deletes pods from nodes with NoExecute taints once their
 * tolerations run out (`decideEviction`). Before deleting it records a TaintManagerEviction
 * event (`Marking for deletion Pod NS/NAME`) and adds the DisruptionTarget condition, as
 * upstream does. Keys are pod keys; a node change re-queues the pods on that node.
 */
import { isConflict, isNotFound } from '../../client/api-error.js';
import { EventRecorder } from '../../client/events.js';
import { objectKey, splitKey } from '../../client/lister.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import type { Node } from '../../api/core/nodes/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { formatTime } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { decideEviction } from './eviction.js';

export const NAME = 'taint-eviction-controller';

export async function runTaintEvictionController(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  const nodes = ctx.informers.get<Node>(R.nodes);
  const pods = ctx.informers.get<Pod & { metadata: { name?: string } }>(R.pods);
  const recorder = new EventRecorder(client, { component: NAME, clock });
  const queue = new WorkQueue({ clock });
  /** node name → keys of the pods bound to it. */
  const byNode = new Map<string, Set<string>>();
  const index = (p: Pod, add: boolean) => {
    const node = p.spec?.nodeName;
    if (!node) return;
    const set = byNode.get(node) ?? new Set<string>();
    if (add) set.add(objectKey(p));
    else set.delete(objectKey(p));
    if (set.size) byNode.set(node, set);
    else byNode.delete(node);
  };
  const noExecute = (n: Node) => (n.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  const offPods = pods.on({
    add: (p) => {
      index(p, true);
      queue.add(objectKey(p));
    },
    update: (o, p) => {
      if (o.spec?.nodeName !== p.spec?.nodeName) index(o, false);
      index(p, true);
      queue.add(objectKey(p));
    },
    delete: (p) => index(p, false),
  });
  const offNodes = nodes.on({
    add: (n) => noExecute(n).length && requeueNode(n.metadata.name!),
    update: (o, n) =>
      JSON.stringify(noExecute(o)) !== JSON.stringify(noExecute(n)) && requeueNode(n.metadata.name!),
  });
  function requeueNode(name: string) {
    for (const key of byNode.get(name) ?? []) queue.add(key);
  }
  await Promise.race([Promise.all([nodes.hasSynced(), pods.hasSynced()]), abortedPromise(signal)]);

  const sync = async (key: string): Promise<SyncResult> => {
    const pod = pods.lister.getByKey(key);
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) return;
    const node = nodes.lister.get(undefined, pod.spec.nodeName);
    if (!node) return;
    const d = decideEviction(pod, node.spec?.taints, clock.nowMs());
    if (d.kind === 'wait') return { requeueAfterMs: d.ms };
    if (d.kind !== 'evict') return;
    const { namespace, name } = splitKey(key);
    log.info({ pod: key, node: pod.spec.nodeName }, 'evicting pod from tainted node');
    void recorder.event(
      { ...pod, kind: 'Pod', apiVersion: 'v1' },
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${namespace}/${name}`,
    );
    await addDisruptionTarget(client, pod, clock);
    try {
      await client.delete(R.pods, name, { namespace, preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  };

  try {
    await processQueue(queue, sync, signal, {
      workers: 4,
      onError: (key, err) => log.warn({ pod: key, error: String(err) }, 'taint eviction failed; retrying'),
    });
  } finally {
    offPods();
    offNodes();
  }
}

/** Best effort: the DisruptionTarget condition upstream adds before a taint eviction. */
async function addDisruptionTarget(client: RestClient, pod: Pod, clock: Clock): Promise<void> {
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
  conditions.push({
    type: 'DisruptionTarget',
    status: 'True',
    lastTransitionTime: formatTime(clock.now()),
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
  } as (typeof conditions)[number]);
  await client
    .updateStatus<Pod>(R.pods, { ...pod, status: { ...pod.status, conditions } } as Pod)
    .catch(() => undefined);
}
