/**
 * @module api/core/pods/qos
 * The pod QoS class (`status.qosClass`), computed as upstream's helper/qos does on create:
 * BestEffort when no container asks for cpu or memory, Guaranteed when every container (init
 * containers included) sets cpu and memory limits and the summed requests equal the summed limits,
 * Burstable otherwise. Only cpu and memory count; zero quantities count as absent.
 */
import {
  addQuantities,
  compareQuantities,
  tryParseQuantity,
  type Quantity,
} from '../../../machinery/quantity.js';
import type { Container, PodQOSClass, PodSpec, ResourceList } from './types.js';

const QOS_RESOURCES = ['cpu', 'memory'];

/** Adds each positive cpu/memory quantity of `list` into `into`; returns the names found. */
function accumulate(list: ResourceList | undefined, into: Map<string, Quantity>): Set<string> {
  const found = new Set<string>();
  for (const [name, text] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const q = tryParseQuantity(text);
    if (!q || q.nanos <= 0n) continue;
    found.add(name);
    const prev = into.get(name);
    into.set(name, prev ? addQuantities(q, prev) : q);
  }
  return found;
}

export function computeQosClass(spec: PodSpec): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const all: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of all) {
    accumulate(c.resources?.requests, requests);
    const limitsFound = accumulate(c.resources?.limits, limits);
    if (!QOS_RESOURCES.every((r) => limitsFound.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
