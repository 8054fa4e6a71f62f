/**
 * @module scheduler/framework/node-info
 * What the scheduler knows about one node: the Node object, its allocatable resources, the pods
 * assigned to it (bound or only assumed), their summed requests, the host ports they use, the
 * subsets with (anti-)affinity, and pod counts per controller for spreading.
 */
import type { Node } from '../../api/core/nodes/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { addInto, emptyResources, podRequests, resourcesFromList, type Resources } from './resources.js';

/** `protocol/port` keys used per host IP; `0.0.0.0` conflicts with every IP. */
export type HostPorts = Map<string, Set<string>>;

export const WILDCARD_IP = '0.0.0.0';

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The pod's host ports as (ip, protocol/port) pairs. */
export function hostPortsOf(pod: Pod): { ip: string; key: string }[] {
  const out: { ip: string; key: string }[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || WILDCARD_IP, key: `${p.protocol || 'TCP'}/${p.hostPort}` });
    }
  }
  return out;
}

export function hasPodAffinity(pod: Pod): boolean {
  const a = pod.spec.affinity;
  return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
}

export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (
    (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
  );
}

/** The uid of the pod's controlling owner, if any. */
export function controllerUid(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
}

export class NodeInfo {
  node: Node;
  allocatable: Resources;
  readonly pods = new Map<string, Pod>();
  readonly podsWithAffinity = new Map<string, Pod>();
  readonly podsWithRequiredAntiAffinity = new Map<string, Pod>();
  readonly requested: Resources = emptyResources();
  readonly nonZeroRequested: Resources = emptyResources();
  readonly usedPorts: HostPorts = new Map();
  /** Pods per controller uid, for spreading replicas. */
  readonly ownerCounts = new Map<string, number>();
  /** Image names present on the node, with their sizes. */
  images = new Map<string, number>();

  constructor(node: Node) {
    this.node = node;
    this.allocatable = resourcesFromList(node.status?.allocatable);
    this.setNode(node);
  }

  get name(): string {
    return this.node.metadata.name ?? '';
  }

  get labels(): Record<string, string> {
    return this.node.metadata.labels ?? {};
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = resourcesFromList(node.status?.allocatable);
    this.images = new Map();
    for (const img of node.status?.images ?? [])
      for (const n of img.names ?? []) this.images.set(n, img.sizeBytes ?? 0);
  }

  addPod(pod: Pod): void {
    const key = podKey(pod);
    if (this.pods.has(key)) this.removePod(this.pods.get(key)!);
    this.pods.set(key, pod);
    if (hasPodAffinity(pod)) this.podsWithAffinity.set(key, pod);
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity.set(key, pod);
    this.account(pod, 1);
  }

  /** Removes the pod stored under the same key; false when it was not here. */
  removePod(pod: Pod): boolean {
    const key = podKey(pod);
    const old = this.pods.get(key);
    if (!old) return false;
    this.pods.delete(key);
    this.podsWithAffinity.delete(key);
    this.podsWithRequiredAntiAffinity.delete(key);
    this.account(old, -1);
    return true;
  }

  private account(pod: Pod, sign: 1 | -1): void {
    const r = podRequests(pod);
    addInto(this.requested, r.requests, sign);
    addInto(this.nonZeroRequested, r.nonZero, sign);
    for (const { ip, key } of hostPortsOf(pod)) {
      let set = this.usedPorts.get(ip);
      if (!set) this.usedPorts.set(ip, (set = new Set()));
      if (sign > 0) set.add(key);
      else set.delete(key);
    }
    const owner = controllerUid(pod);
    if (owner) {
      const n = (this.ownerCounts.get(owner) ?? 0) + sign;
      if (n > 0) this.ownerCounts.set(owner, n);
      else this.ownerCounts.delete(owner);
    }
  }
}
