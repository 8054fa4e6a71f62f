/**
 * @module kubelet/volumes/payload
 * The files of configMap, secret, downwardAPI and projected volumes (pure, after the data was
 * read), as upstream's configmap/secret `MakePayload`, downwardapi `CollectData` and
 * fieldpath `ExtractFieldPathAsString`, with upstream's error wording:
 * `configmap references non-existent config key: k`, `references non-existent secret key: k`,
 * `unsupported fieldPath: x`, `unsupported container resource : x`.
 * Modes: an item's `mode`, else the volume's `defaultMode`, else 0644.
 */
import { cpus, totalmem } from 'node:os';
import type { DownwardAPIVolumeFile, KeyToPath, Pod } from '../../api/core/pods/types.js';
import { parseQuantity, quantityMilliValue, quantityValue } from '../../machinery/quantity.js';
import type { Payload } from './atomic-writer.js';

/** Keys to bytes: ConfigMap `data` and `binaryData`, or decoded Secret `data`. */
export type VolumeData = Record<string, Buffer>;

export const DEFAULT_MODE = 0o644;

/** What limits default to when a container sets none (upstream: the node's allocatable). */
export interface NodeAllocatable {
  cpuMillis: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
}

/** This machine's CPUs and memory, for limits a container leaves unset. */
export function hostAllocatable(): NodeAllocatable {
  return { cpuMillis: cpus().length * 1000, memoryBytes: totalmem(), ephemeralStorageBytes: 0 };
}

/** ConfigMap or Secret data as files: every key, or only `items` (key → path, mode). */
export function keyPayload(
  kind: 'configmap' | 'secret',
  data: VolumeData,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
): Payload {
  const out: Payload = {};
  if (!items || items.length === 0) {
    for (const [k, v] of Object.entries(data)) out[k] = { data: v, mode: defaultMode };
    return out;
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      throw new Error(
        kind === 'configmap'
          ? `configmap references non-existent config key: ${item.key}`
          : `references non-existent secret key: ${item.key}`,
      );
    }
    out[item.path] = { data: v, mode: item.mode ?? defaultMode };
  }
  return out;
}

/** `k="v"` lines sorted by key, as upstream's FormatMap (values quoted as Go's %q). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

/** Upstream's ExtractFieldPathAsString for the paths a volume may name. */
export function podFieldValue(pod: Pod, fieldPath: string): string {
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (sub) return (sub[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[sub[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${fieldPath}`);
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** Upstream's ExtractResourceValueByContainerNameAndNodeAllocatable: unset limits are the node's. */
export function containerResourceValue(
  pod: Pod,
  containerName: string,
  resource: string,
  divisorText: string | undefined,
  node: NodeAllocatable,
): string {
  const c = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find(
    (x) => x.name === containerName,
  );
  if (!c) throw new Error(`container ${containerName} not found`);
  const divisor = parseQuantity(divisorText && divisorText !== '0' ? divisorText : '1');
  const [kind, name] = resource.split('.', 2) as ['limits' | 'requests', string];
  const list =
    kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined;
  const q = list?.[name] !== undefined ? parseQuantity(list[name]) : undefined;
  const fromNode = kind === 'limits';
  switch (name) {
    case 'cpu': {
      const milli = q ? quantityMilliValue(q) : fromNode ? node.cpuMillis : 0;
      return String(ceilDiv(milli, quantityMilliValue(divisor)));
    }
    case 'memory':
    case 'ephemeral-storage': {
      const nodeValue = name === 'memory' ? node.memoryBytes : node.ephemeralStorageBytes;
      const v = q ? quantityValue(q) : fromNode ? nodeValue : 0;
      return String(ceilDiv(v, quantityValue(divisor)));
    }
  }
  // Upstream: hugepages-<size> for requests and limits alike (an unset one is 0, not the node's).
  if ((kind === 'requests' || kind === 'limits') && name?.startsWith('hugepages-'))
    return String(ceilDiv(q ? quantityValue(q) : 0, quantityValue(divisor)));
  throw new Error(`unsupported container resource : ${resource}`);
}

/** Upstream's downwardapi CollectData: every item is tried; the errors come back together. */
export function downwardPayload(
  pod: Pod,
  items: DownwardAPIVolumeFile[] | undefined,
  defaultMode: number,
  node: NodeAllocatable,
): { payload: Payload; errors: string[] } {
  const payload: Payload = {};
  const errors: string[] = [];
  for (const item of items ?? []) {
    let data = '';
    try {
      if (item.fieldRef) data = podFieldValue(pod, item.fieldRef.fieldPath);
      else if (item.resourceFieldRef) {
        const r = item.resourceFieldRef;
        data = containerResourceValue(pod, r.containerName ?? '', r.resource, r.divisor, node);
      }
    } catch (err) {
      errors.push((err as Error).message);
    }
    payload[item.path] = { data, mode: item.mode ?? defaultMode };
  }
  return { payload, errors };
}

/**
 * An error list worded as upstream's utilerrors.NewAggregate: repeated messages once, one message
 * as is, several `[a, b]`.
 */
export function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
