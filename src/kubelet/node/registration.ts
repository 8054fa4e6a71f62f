/**
 * @module kubelet/node/registration
 * The Node object a kubelet registers (labels, capacity, allocatable, addresses, nodeInfo,
 * daemon endpoints) and the create-or-reconcile call that registers it.
 *
 * Pod CIDRs are not chosen here: the node IPAM controller (controllers/nodeipam) assigns
 * `spec.podCIDR(s)` to every node that has none, one at a time from its own view of the
 * cluster, so two agents registering at once can never get the same range. `waitForPodCidr`
 * lets the agent wait for it before it starts a runtime.
 */
import { isAlreadyExists, isNotFound } from '../../client/api-error.js';
import { sleep } from '../../client/backoff.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import type { Node, NodeStatus } from '../../api/core/nodes/types.js';
import type { Clock } from '../../util/clock.js';
import type { HostFacts } from './host-facts.js';

export const KUBELET_VERSION = 'v1.32.0';
export const KUBELET_PORT = 10250;
/** Upstream's default `--max-pods`. */
export const MAX_PODS = 110;
/** Upstream's default hard eviction thresholds, subtracted from capacity for allocatable. */
const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024;
const EVICTION_NODEFS_FRACTION = 0.1;

export interface NodeIdentity {
  name: string;
  facts: HostFacts;
  /** `sim://0.1.0`: the runtime's name and version. */
  containerRuntimeVersion: string;
  /** Role labels `node-role.kubernetes.io/<role>`; none for plain agents. */
  roles?: string[];
  /** Extra labels (e.g. from `--node-labels`). */
  labels?: Record<string, string>;
}

/** Labels the kubelet owns on its Node (upstream's default labels). */
export function defaultNodeLabels(id: NodeIdentity): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': id.facts.architecture,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': id.facts.architecture,
    'kubernetes.io/hostname': id.name,
    'kubernetes.io/os': 'linux',
  };
  for (const role of id.roles ?? []) labels[`node-role.kubernetes.io/${role}`] = 'true';
  return { ...labels, ...id.labels };
}

const ki = (bytes: number) => `${Math.max(0, Math.floor(bytes / 1024))}Ki`;

/** capacity and allocatable as upstream reports them (memory and storage in Ki). */
export function nodeResources(f: HostFacts): Pick<NodeStatus, 'capacity' | 'allocatable'> {
  const capacity = {
    cpu: String(f.cpuCores),
    'ephemeral-storage': ki(f.ephemeralStorageBytes),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: ki(f.memoryBytes),
    pods: String(MAX_PODS),
  };
  const allocatable = {
    ...capacity,
    // Upstream's allocatable storage is a plain byte count (capacity minus the nodefs threshold).
    'ephemeral-storage': String(Math.floor(f.ephemeralStorageBytes * (1 - EVICTION_NODEFS_FRACTION))),
    memory: ki(f.memoryBytes - EVICTION_MEMORY_BYTES),
  };
  return { capacity, allocatable };
}

/** The parts of status that only change when the machine does. */
export function staticNodeStatus(id: NodeIdentity): NodeStatus {
  const f = id.facts;
  return {
    ...nodeResources(f),
    addresses: [
      { type: 'InternalIP', address: f.internalIP },
      { type: 'Hostname', address: f.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: f.machineID,
      systemUUID: f.systemUUID,
      bootID: f.bootID,
      kernelVersion: f.kernelVersion,
      osImage: f.osImage,
      containerRuntimeVersion: id.containerRuntimeVersion,
      kubeletVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: f.architecture,
    },
  };
}

/** The Node object to create. Conditions are added by the node status manager. */
export function buildNode(id: NodeIdentity): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: defaultNodeLabels(id),
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {},
    status: staticNodeStatus(id),
  };
}

/**
 * Creates the Node; when it exists already (an agent restart), puts back the kubelet's default
 * labels if they drifted and keeps everything else (podCIDR, taints, user labels). Resolves
 * with the stored Node. Rejects with the ApiError of a failed call (the caller retries).
 */
export async function registerNode(client: RestClient, id: NodeIdentity): Promise<Node> {
  try {
    return await client.create<Node>(R.nodes, buildNode(id));
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  const existing = await client.get<Node>(R.nodes, id.name);
  const labels = defaultNodeLabels(id);
  const current = existing.metadata.labels ?? {};
  if (Object.entries(labels).every(([k, v]) => current[k] === v)) return existing;
  return client.update<Node>(R.nodes, {
    ...existing,
    metadata: { ...existing.metadata, labels: { ...current, ...labels } },
  });
}

/**
 * Polls the Node until `spec.podCIDR` is set (by the node IPAM controller). Resolves with the
 * CIDR, or `undefined` when `signal` aborts. A missing Node is waited for like a missing CIDR.
 */
export async function waitForPodCidr(
  client: RestClient,
  name: string,
  clock: Clock,
  signal: AbortSignal,
  onSlow?: () => void,
): Promise<string | undefined> {
  const start = clock.nowMs();
  let warned = false;
  for (let delay = 20; !signal.aborted; delay = Math.min(delay * 2, 1000)) {
    try {
      const node = await client.get<Node>(R.nodes, name);
      if (node.spec?.podCIDR) return node.spec.podCIDR;
    } catch (err) {
      if (!isNotFound(err) && signal.aborted) break;
    }
    if (!warned && clock.nowMs() - start > 15_000) {
      warned = true;
      onSlow?.();
    }
    await sleep(clock, delay, signal);
  }
  return undefined;
}
