/**
 * @module kubelet/runtime-manager/resources
 * CPU and memory figures for the runtime's cgroups (pure): a container's CPU limit and request in
 * millicores (a request left out is its limit, as the API's defaulting makes it) and memory limit
 * in bytes; the pod's totals when every container sets the limit (upstream only bounds the pod
 * cgroup then): the larger of the app containers plus sidecars and the largest regular init
 * container. Unparseable quantities (validation refuses them) count as unset.
 */
import type { Container, Pod } from '../../api/core/pods/types.js';
import { quantityMilliValue, quantityValue, tryParseQuantity } from '../../machinery/quantity.js';

export interface ContainerResourceFigures {
  cpuLimitMillis?: number;
  cpuRequestMillis?: number;
  memoryLimitBytes?: number;
}

function milli(text: string | undefined): number | undefined {
  const q = text === undefined ? undefined : tryParseQuantity(text);
  return q ? quantityMilliValue(q) : undefined;
}

function bytes(text: string | undefined): number | undefined {
  const q = text === undefined ? undefined : tryParseQuantity(text);
  return q ? quantityValue(q) : undefined;
}

export function containerResources(c: Container): ContainerResourceFigures {
  const out: ContainerResourceFigures = {};
  const cpuLimit = milli(c.resources?.limits?.cpu);
  const cpuRequest = milli(c.resources?.requests?.cpu) ?? cpuLimit;
  const memLimit = bytes(c.resources?.limits?.memory);
  if (cpuLimit !== undefined) out.cpuLimitMillis = cpuLimit;
  if (cpuRequest !== undefined) out.cpuRequestMillis = cpuRequest;
  if (memLimit !== undefined) out.memoryLimitBytes = memLimit;
  return out;
}

function podTotal(pod: Pod, pick: (c: Container) => number | undefined): number | undefined {
  const inits = pod.spec.initContainers ?? [];
  const running = [...inits.filter((c) => c.restartPolicy === 'Always'), ...pod.spec.containers];
  const all = [...inits, ...pod.spec.containers];
  if (all.some((c) => pick(c) === undefined)) return undefined;
  const sum = running.reduce((s, c) => s + pick(c)!, 0);
  const maxInit = Math.max(0, ...inits.filter((c) => c.restartPolicy !== 'Always').map((c) => pick(c)!));
  return Math.max(sum, maxInit);
}

/** The pod's CPU and memory limits, for the sandbox's cgroup. */
export function podResources(pod: Pod): { cpuLimitMillis?: number; memoryLimitBytes?: number } {
  const out: { cpuLimitMillis?: number; memoryLimitBytes?: number } = {};
  const cpu = podTotal(pod, (c) => milli(c.resources?.limits?.cpu));
  const mem = podTotal(pod, (c) => bytes(c.resources?.limits?.memory));
  if (cpu !== undefined) out.cpuLimitMillis = cpu;
  if (mem !== undefined) out.memoryLimitBytes = mem;
  return out;
}
