/**
 * @module kubelet/runtime-manager/container-config
 * Builds the runtime's sandbox and container configs from the pod (pure). Labels identify the
 * pod and container for relists and adoption; logs go to `<rootDir>/pods/<ns>_<name>_<uid>/<container>/<attempt>.log`.
 * Command and args get `$(VAR)` references expanded from the resolved environment.
 */
import { expandVars } from './env.js';
import { join } from 'node:path';
import { DEFAULT_TERMINATION_MESSAGE_PATH } from '../../api/core/pods/pod-spec-defaults.js';
import type { Container, Pod } from '../../api/core/pods/types.js';
import type {
  ContainerConfig,
  KeyValue,
  Mount,
  PodSandboxConfig,
  PortMapping,
} from '../../runtime/interface.js';
import { podHostNameAndDomain } from '../volumes/container-mounts.js';
import { CONTAINER_IMAGE_ANNOTATION, containerLabels, sandboxLabels } from './labels.js';
import { containerResources, podResources } from './resources.js';
import { containerSecurity } from './security-context.js';

export interface SandboxConfigInput {
  pod: Pod;
  attempt: number;
  rootDir: string;
  /** The pod's resolver settings (dns.ts); left out when unknown. */
  dnsConfig?: PodSandboxConfig['dnsConfig'];
  /** The kubelet's podPidsLimit (`--pod-max-pids`); unset or negative = none. */
  podPidsLimit?: number;
}

export function podLogDirectory(rootDir: string, pod: Pod): string {
  const m = pod.metadata;
  return join(rootDir, 'pods', `${m.namespace ?? 'default'}_${m.name}_${m.uid}`);
}

export function buildSandboxConfig({
  pod,
  attempt,
  rootDir,
  dnsConfig,
  podPidsLimit,
}: SandboxConfigInput): PodSandboxConfig {
  const m = pod.metadata;
  const ports: PortMapping[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      ports.push({
        protocol: (p.protocol ?? 'TCP') as PortMapping['protocol'],
        containerPort: p.containerPort,
        hostPort: p.hostPort,
        hostIp: p.hostIP,
      });
    }
  }
  return {
    metadata: { name: m.name ?? '', namespace: m.namespace ?? 'default', uid: m.uid ?? '', attempt },
    // Upstream's GeneratePodHostNameAndDomain: cut to 63 characters without a trailing '-' or '.'.
    hostname: podHostNameAndDomain(pod, '').hostname,
    logDirectory: podLogDirectory(rootDir, pod),
    portMappings: ports,
    hostNetwork: !!pod.spec.hostNetwork,
    ...(pod.spec.hostPID ? { hostPID: true } : {}),
    ...(pod.spec.hostIPC ? { hostIPC: true } : {}),
    ...(pod.spec.shareProcessNamespace ? { sharedPidNamespace: true } : {}),
    labels: sandboxLabels(pod),
    annotations: { ...(m.annotations ?? {}) },
    ...(dnsConfig ? { dnsConfig } : {}),
    ...podResources(pod),
    ...(podPidsLimit !== undefined && podPidsLimit > 0 ? { pidsLimit: podPidsLimit } : {}),
  };
}

export interface ContainerConfigInput {
  pod: Pod;
  container: Container;
  attempt: number;
  imageRef: string;
  podIP: string;
  hostIP: string;
  /** The running container whose PID namespace an ephemeral container with a target joins. */
  targetContainerId?: string;
}

/** What the volume manager adds: the container's mounts and annotations naming their host files. */
export interface ContainerConfigExtras {
  mounts?: Mount[];
  annotations?: Record<string, string>;
}

/**
 * The runtime's container config; `envs` come resolved from `resolveEnv` (env.ts). Security
 * settings and CPU/memory figures come from the spec (security-context.ts, resources.ts).
 */
export function buildContainerConfig(
  input: ContainerConfigInput,
  envs: KeyValue[] = [],
  extras: ContainerConfigExtras = {},
): ContainerConfig {
  const { pod, container: c, attempt } = input;
  const vars = new Map(envs.map((e) => [e.key, e.value]));
  const security = containerSecurity(pod, c);
  return {
    metadata: { name: c.name, attempt },
    image: input.imageRef || c.image || '',
    command: (c.command ?? []).map((s) => expandVars(s, vars)),
    args: (c.args ?? []).map((s) => expandVars(s, vars)),
    workingDir: c.workingDir,
    envs,
    mounts: extras.mounts ?? [],
    labels: containerLabels(pod, c.name),
    annotations: {
      'io.kubernetes.container.restartCount': String(attempt),
      [CONTAINER_IMAGE_ANNOTATION]: c.image ?? '',
      'io.kubernetes.container.terminationMessagePath':
        c.terminationMessagePath ?? DEFAULT_TERMINATION_MESSAGE_PATH,
      'io.kubernetes.container.terminationMessagePolicy': c.terminationMessagePolicy ?? 'File',
      ...extras.annotations,
    },
    logPath: `${c.name}/${attempt}.log`,
    stdin: !!c.stdin,
    stdinOnce: !!c.stdinOnce,
    tty: !!c.tty,
    ...containerResources(c),
    ...(security ? { security } : {}),
    ...(input.targetContainerId ? { pidNamespaceTarget: input.targetContainerId } : {}),
  };
}
