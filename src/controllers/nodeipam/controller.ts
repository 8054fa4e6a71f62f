/**
 * @module controllers/nodeipam/controller
 * The node IPAM controller (range allocator): writes `spec.podCIDR` and `spec.podCIDRs` of
 * nodes that have none, as decided by `allocatePodCidrs`. One worker handles the whole
 * cluster, so ranges never collide; ranges handed out are remembered until the informer shows
 * them. A full cluster CIDR is reported as a CIDRNotAvailable event on the node.
 */
import { isNotFound } from '../../client/api-error.js';
import { EventRecorder } from '../../client/events.js';
import { R } from '../../client/resources.js';
import { WorkQueue, processQueue } from '../../client/workqueue.js';
import type { Node } from '../../api/core/nodes/types.js';
import { abortedPromise, type ControllerContext } from '../context.js';
import { allocatePodCidrs } from './sync.js';

export const NAME = 'nodeipam';
const ALL = 'all';

export async function runNodeIpamController(ctx: ControllerContext, signal: AbortSignal): Promise<void> {
  const { client, clock, log } = ctx;
  const nodes = ctx.informers.get<Node>(R.nodes);
  const recorder = new EventRecorder(client, { component: 'node-controller', clock });
  const queue = new WorkQueue({ clock });
  /** name → CIDR written but not yet seen through the informer. */
  const inFlight = new Map<string, string>();
  const needs = (n: Node) => !n.spec?.podCIDR || inFlight.has(n.metadata.name!);
  const off = nodes.on({
    add: (n) => needs(n) && queue.add(ALL),
    update: (_o, n) => needs(n) && queue.add(ALL),
    delete: (n) => {
      inFlight.delete(n.metadata.name!);
    },
  });
  await Promise.race([nodes.hasSynced(), abortedPromise(signal)]);

  const sync = async () => {
    const all = nodes.lister.list();
    for (const n of all) if (n.spec?.podCIDR) inFlight.delete(n.metadata.name!);
    const { assign, exhausted } = allocatePodCidrs(
      all.filter((n) => !inFlight.has(n.metadata.name!)),
      inFlight.values(),
      ctx.clusterCidr,
    );
    // The ranges are decided; writing them can go in parallel.
    const failures: unknown[] = [];
    await Promise.all(
      [...assign].map(async ([name, cidr]) => {
        inFlight.set(name, cidr);
        try {
          await client.patch(R.nodes, name, { spec: { podCIDR: cidr, podCIDRs: [cidr] } }, 'merge');
          log.debug({ node: name, cidr }, 'pod CIDR assigned');
        } catch (err) {
          inFlight.delete(name);
          if (!isNotFound(err)) failures.push(err);
        }
      }),
    );
    for (const name of exhausted) {
      const node = nodes.lister.get(undefined, name);
      if (node)
        void recorder.event(
          { kind: 'Node', apiVersion: 'v1', metadata: { name, uid: name } },
          'Normal',
          'CIDRNotAvailable',
          `Node ${name} status is now: CIDRNotAvailable`,
        );
    }
  };

  try {
    await processQueue(queue, sync, signal, {
      onError: (_key, err) => log.warn({ error: String(err) }, 'pod CIDR allocation failed; retrying'),
    });
  } finally {
    off();
  }
}
