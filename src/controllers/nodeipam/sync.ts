/**
 * @module controllers/nodeipam/sync
 * Pure pod-CIDR allocation: every node without `spec.podCIDR` gets the lowest free /24 of the
 * cluster CIDR (10.42.0.0/16 → 10.42.0.0/24, 10.42.1.0/24, …), oldest node first. One
 * allocator decides for the whole cluster, which is what makes the ranges conflict-free.
 */
import type { Node } from '../../api/core/nodes/types.js';

export const CLUSTER_CIDR = '10.42.0.0/16';
export const NODE_MASK_SIZE = 24;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The subnets of `cidr` with prefix `maskSize`, in order. */
export function subnets(cidr: string, maskSize: number): string[] {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  const count = 2 ** (maskSize - prefix);
  const base = ipToInt(ip) - (ipToInt(ip) % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${intToIp(base + i * 2 ** (32 - maskSize))}/${maskSize}`);
}

/** Natural order: `sim-node-2` before `sim-node-10`. */
function byAgeThenName(a: Node, b: Node): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '', 'en', { numeric: true });
}

export interface Allocation {
  /** Node name → CIDR to write. */
  assign: Map<string, string>;
  /** Nodes left without a range because the cluster CIDR is used up. */
  exhausted: string[];
}

/**
 * Decides ranges for the nodes that have none. `reserved` are ranges handed out but not yet
 * visible in `nodes` (written, informer behind).
 */
export function allocatePodCidrs(
  nodes: Node[],
  reserved: Iterable<string> = [],
  clusterCidr = CLUSTER_CIDR,
  maskSize = NODE_MASK_SIZE,
): Allocation {
  const used = new Set<string>(reserved);
  for (const n of nodes) {
    if (n.spec?.podCIDR) used.add(n.spec.podCIDR);
    for (const c of n.spec?.podCIDRs ?? []) used.add(c);
  }
  const free = subnets(clusterCidr, maskSize).filter((c) => !used.has(c));
  const pending = nodes.filter((n) => !n.spec?.podCIDR && !n.metadata.deletionTimestamp).sort(byAgeThenName);
  const assign = new Map<string, string>();
  const exhausted: string[] = [];
  for (const n of pending) {
    const cidr = free.shift();
    if (cidr) assign.set(n.metadata.name!, cidr);
    else exhausted.push(n.metadata.name!);
  }
  return { assign, exhausted };
}
