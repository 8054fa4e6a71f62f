/**
 * @module kubelet/node/lease
 * The node's heartbeat Lease (coordination.k8s.io/v1, namespace kube-node-lease, named after
 * the node): holderIdentity = node name, leaseDurationSeconds 40, renewTime moved every 10 s,
 * owned by the Node so that deleting the Node removes it. `nextLease` decides, the loop writes.
 */
import { isAlreadyExists, isConflict, isNotFound } from '../../client/api-error.js';
import { sleep } from '../../client/backoff.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Lease } from '../../api/coordination/leases/types.js';
import { formatMicroTime } from '../../machinery/meta.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** Upstream renews at a quarter of the duration. */
export const LEASE_RENEW_INTERVAL_MS = 10_000;

export interface NodeRef {
  name: string;
  uid: string;
}

/**
 * The lease to write at `now`: a new one when `current` is undefined, otherwise `current` with
 * the renew time moved, the holder and duration put back, and the owner reference pointing at
 * `node` (its UID changes when the Node was deleted and registered again).
 */
export function nextLease(current: Lease | undefined, node: NodeRef, now: Date): Lease {
  const owner = { apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid };
  const renewTime = formatMicroTime(now);
  if (!current)
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: node.name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [owner] },
      spec: { holderIdentity: node.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
    };
  const others = (current.metadata.ownerReferences ?? []).filter(
    (r) => !(r.kind === 'Node' && r.name === node.name),
  );
  return {
    ...current,
    metadata: {
      ...current.metadata,
      ownerReferences: node.uid ? [...others, owner] : current.metadata.ownerReferences,
    },
    spec: {
      ...current.spec,
      holderIdentity: node.name,
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      renewTime,
    },
  };
}

export interface LeaseLoopOptions {
  client: RestClient;
  clock: Clock;
  log: Logger;
  /** The Node as last registered; `undefined` while not registered (the lease waits). */
  node(): NodeRef | undefined;
  /** Default 10 s. */
  intervalMs?: number;
}

/**
 * Renews (or creates) the lease once. With `last` (the lease this loop wrote before) it skips
 * the GET, as upstream's lease controller does, and reads only after a conflict. Resolves with
 * the written Lease, or `undefined` after repeated conflicts.
 */
export async function renewNodeLease(
  o: LeaseLoopOptions,
  node: NodeRef,
  last?: Lease,
): Promise<Lease | undefined> {
  let cached = last;
  for (let attempt = 0; attempt < 3; attempt++) {
    let current = cached;
    cached = undefined;
    if (!current) {
      try {
        current = await o.client.get<Lease>(R.leases, node.name, NODE_LEASE_NAMESPACE);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const lease = nextLease(current, node, o.clock.now());
    try {
      return current
        ? await o.client.update<Lease>(R.leases, lease)
        : await o.client.create<Lease>(R.leases, lease);
    } catch (err) {
      if (isConflict(err) || isAlreadyExists(err) || isNotFound(err)) continue;
      throw err;
    }
  }
  return undefined;
}

/** Renews the lease every interval until `signal` aborts. Never rejects. */
export async function runNodeLease(o: LeaseLoopOptions, signal: AbortSignal): Promise<void> {
  const interval = o.intervalMs ?? LEASE_RENEW_INTERVAL_MS;
  let last: Lease | undefined;
  while (!signal.aborted) {
    const node = o.node();
    if (node) {
      try {
        last = await renewNodeLease(o, node, last);
      } catch (err) {
        last = undefined;
        if (signal.aborted) break;
        o.log.warn({ error: String(err) }, 'failed to renew node lease, will retry');
        // Upstream retries a failed renewal sooner than the full interval.
        await sleep(o.clock, Math.min(interval, 200), signal);
        continue;
      }
    }
    await sleep(o.clock, node ? interval : 50, signal);
  }
}
