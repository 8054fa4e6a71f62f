/**
 * @module scheduler/framework/resources
 * Resource amounts as the scheduler counts them (cpu in millicores, memory and storage in bytes,
 * extended resources as whole units) and a pod's effective requests, following upstream's
 * resource helper: the sum of the regular containers and of the sidecars (restartable init
 * containers), or the largest init container plus the sidecars started before it, whichever is
 * larger, plus the pod overhead.
 */
import { BoundedCache } from '../../util/bounded-cache.js';
import type { Container, Pod, ResourceList } from '../../api/core/pods/types.js';
import { quantityMilliValue, quantityValue, tryParseQuantity } from '../../machinery/quantity.js';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Only meaningful for allocatable: how many pods the node takes. */
  allowedPodNumber: number;
  /** Extended and hugepages resources by name. */
  scalar: Map<string, number>;
}

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

/** Upstream's defaults used for scoring when a container requests nothing (not for fit). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Reads a ResourceList; unparsable quantities count as zero. */
export function resourcesFromList(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  for (const [name, text] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(text);
    if (!q) continue;
    if (name === 'cpu') r.milliCPU = quantityMilliValue(q);
    else if (name === 'memory') r.memory = quantityValue(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = quantityValue(q);
    else if (name === 'pods') r.allowedPodNumber = quantityValue(q);
    else if (isScalarResource(name)) r.scalar.set(name, quantityValue(q));
  }
  return r;
}

/** Extended resources (domain-prefixed, outside kubernetes.io), hugepages and attachable volumes. */
export function isScalarResource(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (!name.includes('/')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io'));
}

export function addInto(into: Resources, r: Resources, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
}

function maxInto(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of r.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

function copy(r: Resources): Resources {
  return { ...r, scalar: new Map(r.scalar) };
}

/** Requests of one container; with `nonZero`, missing cpu/memory requests take the defaults. */
function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = resourcesFromList(c.resources?.requests);
  if (nonZero) {
    const req = c.resources?.requests ?? {};
    if (req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

export interface PodRequests {
  /** What NodeResourcesFit checks and the cache adds to a node. */
  requests: Resources;
  /** The same with upstream's non-zero defaults, for spreading scores. */
  nonZero: Resources;
}

/**
 * Memo by spec object: requests depend on the spec alone, and the watch cache shares an unchanged
 * spec between a pod's versions, so every status update of a pod hits. A bounded plain map rather
 * than a WeakMap, whose ephemerons cost the garbage collector more than the memo saves.
 */
const memo = new BoundedCache<object, PodRequests>(8192);

/** The effective requests of `pod` (informer objects are never mutated). */
export function podRequests(pod: Pod): PodRequests {
  let v = memo.get(pod.spec);
  if (!v) {
    v = { requests: computeRequests(pod, false), nonZero: computeRequests(pod, true) };
    memo.set(pod.spec, v);
  }
  return v;
}

function computeRequests(pod: Pod, nonZero: boolean): Resources {
  const reqs = emptyResources();
  for (const c of pod.spec.containers ?? []) addInto(reqs, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(sidecars, r);
      // A sidecar keeps running while later init containers start.
      maxInto(initMax, copy(sidecars));
    } else {
      const tmp = copy(r);
      addInto(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  if (pod.spec.overhead) addInto(reqs, resourcesFromList(pod.spec.overhead));
  return reqs;
}
