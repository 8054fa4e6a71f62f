/**
 * @module kubelet/runtime-manager/env
 * A container's environment, as upstream's makeEnvironmentVariables: `envFrom` sources first
 * (ConfigMaps and Secrets, keys prefixed), then `env` entries in order (literal values with
 * `$(VAR)` expansion of earlier variables, downward-API fieldRefs and resourceFieldRefs (unset
 * limits are the node's allocatable), ConfigMap and Secret keys), then the service variables
 * (service-env.ts) the container does not set itself; `$(VAR)` also resolves service variables.
 * Missing non-optional sources reject with `ContainerConfigError` worded as upstream
 * (`configmap "x" not found`, `couldn't find key k in Secret ns/x`); the pod then waits with
 * CreateContainerConfigError. Optional ones are skipped.
 */
import type { Pod } from '../../api/core/pods/types.js';
import type { KeyValue } from '../../runtime/interface.js';
import {
  containerResourceValue,
  hostAllocatable,
  podFieldValue,
  type NodeAllocatable,
} from '../volumes/payload.js';
import type { ContainerConfigInput } from './container-config.js';
import { serviceEnvFor, type ServiceLookup } from './service-env.js';

export class ContainerConfigError extends Error {
  readonly isContainerConfigError = true;
  constructor(message: string) {
    super(message);
    this.name = 'ContainerConfigError';
  }
  static is(e: unknown): e is ContainerConfigError {
    return typeof e === 'object' && e !== null && (e as ContainerConfigError).isContainerConfigError === true;
  }
}

/** String data of a ConfigMap or Secret (Secret values already decoded), or undefined when absent. */
export type ConfigLookup = (
  kind: 'configmap' | 'secret',
  namespace: string,
  name: string,
) => Promise<Record<string, string> | undefined>;

/**
 * Upstream's expansion.Expand: `$(NAME)` is replaced by `mapping(NAME)` (NAME is everything up to
 * the next `)`), `$$` is one `$`, any other `$` (an unclosed `$(` too) stays as written.
 */
export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let i = 0; i < input.length - 1; i++) {
    if (input[i] !== '$') continue;
    out += input.slice(checkpoint, i);
    const next = input[i + 1];
    const close = next === '(' ? input.indexOf(')', i + 2) : -1;
    if (next === '$') out += '$';
    else if (close >= 0) {
      out += mapping(input.slice(i + 2, close));
      i = close - 1;
    } else out += `$${next}`;
    i++;
    checkpoint = i + 1;
  }
  return out + input.slice(checkpoint);
}

/** Expands `$(NAME)` from `vars` (upstream's MappingFuncFor): unknown references stay as written. */
export function expandVars(s: string, vars: Map<string, string>): string {
  return expand(s, (name) => vars.get(name) ?? `$(${name})`);
}

/** Upstream's podFieldSelectorRuntimeValue: the node/status paths here, metadata as volumes read it. */
function fieldValue(path: string, input: ContainerConfigInput): string {
  switch (path) {
    case 'spec.nodeName':
      return input.pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return input.pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return input.podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return input.hostIP;
  }
  try {
    return podFieldValue(input.pod, path);
  } catch (err) {
    throw new ContainerConfigError((err as Error).message);
  }
}

const kindName = { configmap: 'ConfigMap', secret: 'Secret' } as const;

let hostFigures: NodeAllocatable | undefined;
const allocatable = () => (hostFigures ??= hostAllocatable());

export async function resolveEnv(
  input: ContainerConfigInput,
  lookup: ConfigLookup,
  services?: ServiceLookup,
): Promise<KeyValue[]> {
  const pod: Pod = input.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const c = input.container;
  const vars = new Map<string, string>();
  const serviceEnv = services ? await serviceEnvFor(pod, services) : new Map<string, string>();
  const cache = new Map<string, Promise<Record<string, string> | undefined>>();
  const source = (kind: 'configmap' | 'secret', name: string) => {
    const key = `${kind}/${name}`;
    if (!cache.has(key)) cache.set(key, lookup(kind, ns, name));
    return cache.get(key)!;
  };

  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    if (!ref) continue;
    const data = await source(kind, ref.name ?? '');
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${kind} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) vars.set(`${from.prefix ?? ''}${k}`, v);
  }

  for (const e of c.env ?? []) {
    let value: string | undefined;
    const vf = e.valueFrom;
    // As upstream: a non-empty value wins; an empty one with a valueFrom is the valueFrom's.
    if (e.value || !vf) {
      value = expandVars(e.value ?? '', new Map([...serviceEnv, ...vars]));
    } else if (vf.fieldRef) {
      value = fieldValue(vf.fieldRef.fieldPath, input);
    } else if (vf.resourceFieldRef) {
      const r = vf.resourceFieldRef;
      try {
        value = containerResourceValue(pod, r.containerName || c.name, r.resource, r.divisor, allocatable());
      } catch (err) {
        throw new ContainerConfigError((err as Error).message);
      }
    } else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const kind = vf.configMapKeyRef ? 'configmap' : 'secret';
      const data = await source(kind, ref.name ?? '');
      if (!data) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`${kind} "${ref.name}" not found`);
      }
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in ${kindName[kind]} ${ns}/${ref.name}`);
      }
      value = data[ref.key];
    } else {
      continue;
    }
    vars.set(e.name, value);
  }
  // The service variables the container does not declare itself come last.
  for (const [k, v] of [...serviceEnv].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (!vars.has(k)) vars.set(k, v);
  return [...vars].map(([key, value]) => ({ key, value }));
}
