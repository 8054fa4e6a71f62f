/**
 * @module kubelet/node/node-manager
 * Runs a node's three API duties side by side: registration (retried until it succeeds, and
 * again whenever the Node disappears), status heartbeats and the Lease.
 *
 *   register ──► status every 10 s ──(404)──► register again
 *           └──► lease every 10 s (owner = the Node's current UID)
 */
import { backoffDelay, sleep } from '../../client/backoff.js';
import type { EventRecorder } from '../../client/events.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Node, NodeStatus } from '../../api/core/nodes/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { runNodeLease, type NodeRef } from './lease.js';
import {
  postNodeStatus,
  runNodeStatusReporter,
  type NodeHealth,
  type NodeStatusReporterOptions,
} from './node-status.js';
import { registerNode, staticNodeStatus, type NodeIdentity } from './registration.js';

export interface NodeManagerOptions {
  client: RestClient;
  identity: NodeIdentity;
  clock: Clock;
  log: Logger;
  /** Node events (Starting, NodeReady, …); none when absent. */
  recorder?: EventRecorder;
  health(): NodeHealth;
  images?(): Promise<NodeStatus['images']>;
  /** Defaults 10 s each. */
  statusIntervalMs?: number;
  leaseIntervalMs?: number;
}

export interface NodeManager {
  /** Resolves with the Node once first registered (`undefined` if stopped before). */
  registered: Promise<Node | undefined>;
  /** The registered Node's name and UID, or `undefined` before registration. */
  node(): NodeRef | undefined;
  /** Posts status at once (e.g. when readiness changed); never rejects. */
  postStatusNow(): Promise<void>;
  /** Resolves when every loop has ended after `signal` aborted. */
  done: Promise<void>;
}

export function startNodeManager(o: NodeManagerOptions, signal: AbortSignal): NodeManager {
  const name = o.identity.name;
  let current: NodeRef | undefined;
  const nodeRef = { kind: 'Node', apiVersion: 'v1', metadata: { name, uid: name } };
  const event = (reason: string, message: string) =>
    void o.recorder?.event(nodeRef, 'Normal', reason, message);

  const register = async (): Promise<Node | undefined> => {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const node = await registerNode(o.client, o.identity);
        current = { name, uid: node.metadata.uid ?? '' };
        o.log.info({ node: name }, 'node registered');
        return node;
      } catch (err) {
        if (signal.aborted) break;
        o.log.warn({ node: name, error: String(err) }, 'unable to register node, will retry');
        await sleep(o.clock, backoffDelay(attempt, { baseMs: 100, maxMs: 7000 }), signal);
      }
    }
    return undefined;
  };

  const registered = (async () => {
    event('Starting', 'Starting kubelet.');
    const node = await register();
    if (node) event('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    return node;
  })();

  const reporter: NodeStatusReporterOptions = {
    client: o.client,
    nodeName: name,
    clock: o.clock,
    log: o.log,
    staticStatus: () => staticNodeStatus(o.identity),
    health: o.health,
    images: o.images,
    nodeEvent: event,
    reregister: async () => {
      current = undefined;
      await register();
    },
    intervalMs: o.statusIntervalMs,
  };

  const loops = registered.then(async (node) => {
    if (!node) return;
    await Promise.all([
      runNodeStatusReporter(reporter, signal),
      runNodeLease(
        { client: o.client, clock: o.clock, log: o.log, node: () => current, intervalMs: o.leaseIntervalMs },
        signal,
      ),
    ]);
  });

  const postStatusNow = async () => {
    if (!(await registered) || signal.aborted) return;
    await postNodeStatus(reporter).then(
      () => undefined,
      (err) => o.log.debug({ error: String(err) }, 'node status post failed'),
    );
  };

  return { registered, node: () => current, postStatusNow, done: loops.catch(() => undefined) };
}
