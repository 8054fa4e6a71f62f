/**
 * @module controllers/nodelifecycle/controller
 * The node lifecycle controller: watches Nodes and their Leases, turns the conditions of a node
 * silent for 40 s Unknown, keeps the controller-owned taints in line with the conditions, and
 * marks the pods of a node that stops being Ready as not ready. Decisions live in `sync.ts`;
 * eviction of pods from tainted nodes is the taint eviction controller's (`eviction-controller.ts`).
 */
import { isConflict, isNotFound } from '../../client/api-error.js';
import { EventRecorder } from '../../client/events.js';
import { Informer } from '../../client/informer.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import { WorkQueue, processQueue, type SyncResult } from '../../client/workqueue.js';
import type { Node } from '../../api/core/nodes/types.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { formatTime } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import {
  NODE_MONITOR_PERIOD_MS,
  desiredTaints,
  gracePeriodMs,
  observeHealth,
  readyCondition,
  staleConditions,
  type HealthRecord,
} from './sync.js';

export const NAME = 'nodelifecycle';
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export async function runNodeLifecycleController(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  const onError = (err: unknown) => log.debug({ error: String(err) }, 'informer');
  const nodes = ctx.informers.get<Node>(R.nodes);
  const leases = new Informer<Lease>(client, R.leases, { clock, onError, namespace: NODE_LEASE_NAMESPACE });
  const recorder = new EventRecorder(client, { component: 'node-controller', clock });
  const queue = new WorkQueue({ clock });
  const records = new Map<string, HealthRecord>();
  const lastReady = new Map<string, string | undefined>();

  // As upstream's monitorNodeHealth: every node this controller starts to follow, or stops
  // following, gets a node-controller event.
  const nodeEvent = (n: Node, reason: string, what: string) =>
    void recorder.event(
      { kind: 'Node', apiVersion: 'v1', metadata: { name: n.metadata.name, uid: n.metadata.uid } },
      'Normal',
      reason,
      `Node ${n.metadata.name} event: ${what}`,
    );
  const offNodes = nodes.on({
    add: (n) => {
      nodeEvent(n, 'RegisteredNode', `Registered Node ${n.metadata.name} in Controller`);
      queue.add(n.metadata.name!);
    },
    update: (_o, n) => queue.add(n.metadata.name!),
    delete: (n) => {
      nodeEvent(n, 'RemovingNode', `Removing Node ${n.metadata.name} from Controller`);
      records.delete(n.metadata.name!);
      lastReady.delete(n.metadata.name!);
    },
  });
  leases.on({ add: (l) => queue.add(l.metadata.name!), update: (_o, l) => queue.add(l.metadata.name!) });
  const leasesDone = leases.run(signal);
  await Promise.race([Promise.all([nodes.hasSynced(), leases.hasSynced()]), abortedPromise(signal)]);

  let monitor = clock.setTimeout(function tick() {
    for (const n of nodes.lister.list()) queue.add(n.metadata.name!);
    monitor = clock.setTimeout(tick, NODE_MONITOR_PERIOD_MS);
  }, NODE_MONITOR_PERIOD_MS);
  signal.addEventListener('abort', () => monitor.cancel(), { once: true });

  const sync = async (name: string): Promise<SyncResult> => {
    const cached = nodes.lister.get(undefined, name);
    if (!cached) return;
    const now = clock.now();
    const monoMs = clock.monotonicMs();
    const record = observeHealth(
      records.get(name),
      cached,
      leases.lister.get(NODE_LEASE_NAMESPACE, name),
      monoMs,
    );
    records.set(name, record);

    let node: Node | undefined = cached;
    if (staleConditions(cached, record, monoMs, now)) {
      node = await writeNode(
        client,
        name,
        (n) => {
          const conditions = staleConditions(n, record, monoMs, now);
          return conditions ? { ...n, status: { ...n.status, conditions } } : undefined;
        },
        'status',
      );
      if (node) log.info({ node: name }, 'node stopped posting status; conditions set to Unknown');
    }
    if (!node) return;
    if (desiredTaints(node, now)) {
      node = await writeNode(client, name, (n) => {
        const taints = desiredTaints(n, now);
        return taints ? { ...n, spec: { ...n.spec, taints } } : undefined;
      });
    }
    if (!node) return;

    const ready = readyCondition(node)?.status;
    const before = lastReady.get(name);
    lastReady.set(name, ready);
    if (before === 'True' && ready !== 'True') {
      void recorder.event(
        { kind: 'Node', apiVersion: 'v1', metadata: { name, uid: name } },
        'Normal',
        'NodeNotReady',
        `Node ${name} status is now: NodeNotReady`,
      );
      await markPodsNotReady(client, name, clock).catch((err) =>
        log.warn({ node: name, error: String(err) }, 'failed to mark pods not ready'),
      );
    }
    const left = record.probeMs + gracePeriodMs(node) - monoMs;
    if (ready !== 'Unknown' && left >= 0) return { requeueAfterMs: left + 1 };
  };

  try {
    await processQueue(queue, sync, signal, {
      workers: 2,
      onError: (key, err) =>
        log.warn({ node: key, error: String(err) }, 'node lifecycle sync failed; retrying'),
    });
  } finally {
    offNodes();
  }
  await leasesDone;
}

/**
 * Read-modify-write of a Node (or its status), retried on conflicts. Resolves with the written
 * Node, the current Node when `change` returns undefined, or undefined when the Node is gone.
 */
async function writeNode(
  client: RestClient,
  name: string,
  change: (n: Node) => Node | undefined,
  subresource?: 'status',
): Promise<Node | undefined> {
  for (let i = 0; ; i++) {
    let node: Node;
    try {
      node = await client.get<Node>(R.nodes, name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const next = change(node);
    if (!next) return node;
    try {
      return await client.updateSubresource<Node>(R.nodes, next, subresource);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if (isConflict(err) && i < 4) continue;
      throw err;
    }
  }
}

/** Sets the Ready condition of every pod on the node to False (upstream's MarkPodsNotReady). */
export async function markPodsNotReady(client: RestClient, nodeName: string, clock: Clock): Promise<void> {
  const pods = await client.list<Pod>(R.pods, { fieldSelector: `spec.nodeName=${nodeName}` });
  for (const pod of pods.items) {
    const conditions = pod.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const next = conditions.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: formatTime(clock.now()) } : c,
    );
    await client
      .updateStatus<Pod>(R.pods, { ...pod, status: { ...pod.status, conditions: next } } as Pod)
      .catch((err) => {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      });
  }
}
