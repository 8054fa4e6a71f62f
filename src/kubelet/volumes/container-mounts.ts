/**
 * @module kubelet/volumes/container-mounts
 * A container's mounts, as upstream's kubelet `makeMounts` and the runtime manager's termination
 * log file:
 * - each volumeMount → the volume's host directory (shared by every container of the pod),
 *   read-only when the mount or the volume plugin says so; `subPath` / `subPathExpr` (with
 *   `$(VAR)` from the container's env) is resolved on the host: absolute paths and `..` are
 *   refused, a missing sub-directory is made, and a path leaving the volume (through a symlink)
 *   is refused;
 * - `/etc/hosts` from `<podDir>/etc-hosts`, rewritten for each container as upstream's
 *   ensureHostsFile (managed header, localhost lines, the pod's IPs with its hostname or FQDN,
 *   host aliases; the node's own hosts file for hostNetwork pods), unless the container mounts
 *   something at /etc/hosts itself;
 * - the termination message file `<podDir>/containers/<name>/<8 hex digits>` (empty, 0666) at
 *   terminationMessagePath.
 * Errors are ContainerConfigErrors worded as upstream (the container waits with
 * CreateContainerConfigError). The two small files are written with synchronous calls: they lie
 * on the path from a pod's creation to its start, where each trip through the thread pool costs
 * more than the write.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { chmod, lstat, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { DEFAULT_TERMINATION_MESSAGE_PATH } from '../../api/core/pods/pod-spec-defaults.js';
import type { Container, Pod } from '../../api/core/pods/types.js';
import type { KeyValue, Mount } from '../../runtime/interface.js';
import { ContainerConfigError, expand } from '../runtime-manager/env.js';
import type { MountedVolume } from './volume-manager.js';

export const ETC_HOSTS_PATH = '/etc/hosts';
const MANAGED_HEADER = '# Kubernetes-managed hosts file.\n';
const MANAGED_HEADER_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';

/** Upstream's GeneratePodHostNameAndDomain (names were validated by the API server). */
export function podHostNameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  let hostname = pod.spec.hostname || pod.metadata.name || '';
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, '');
  const ns = pod.metadata.namespace ?? 'default';
  const domain = pod.spec.subdomain ? `${pod.spec.subdomain}.${ns}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

function hostAliasLines(pod: Pod): string {
  const aliases = pod.spec.hostAliases ?? [];
  if (aliases.length === 0) return '';
  let out = '\n# Entries added by HostAliases.\n';
  for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  return out;
}

/** The managed hosts file of a pod with its own network namespace. */
export function managedHostsContent(podIPs: string[], hostname: string, domain: string, pod: Pod): string {
  let out = MANAGED_HEADER;
  out += '127.0.0.1\tlocalhost\n';
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs)
    out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + hostAliasLines(pod);
}

/** The hosts file of a hostNetwork pod: the node's, plus the pod's host aliases. */
export function hostNetworkHostsContent(nodeHosts: string, pod: Pod): string {
  return MANAGED_HEADER_HOST_NETWORK + nodeHosts + hostAliasLines(pod);
}

/** Upstream's ExpandContainerVolumeMounts: every referenced variable must have a value. */
export function expandSubPathExpr(expr: string, envs: KeyValue[]): string {
  const vars = new Map(envs.map((e) => [e.key, e.value]));
  const missing = new Set<string>();
  const out = expand(expr, (name) => {
    const v = vars.get(name);
    if (!v) missing.add(name);
    return v ?? '';
  });
  if (missing.size > 0) throw new ContainerConfigError(`missing value for ${[...missing].sort().join(', ')}`);
  return out;
}

function inside(base: string, p: string): boolean {
  const rel = relative(base, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Upstream's SafeMakeDir: makes `subPath` under `volumePath` one element at a time, refusing any
 * existing element that resolves outside the volume (a symlink pointing out).
 */
async function safeMakeDir(volumePath: string, subPath: string, mode: number): Promise<void> {
  const base = await realpath(volumePath);
  let current = volumePath;
  for (const part of subPath.split(sep).filter((p) => p && p !== '.')) {
    current = join(current, part);
    if (await exists(current)) {
      const real = await realpath(current);
      if (!inside(base, real)) throw new Error(`path ${current} is outside of allowed base ${base}`);
      if (!(await stat(real)).isDirectory()) throw new Error(`${current} is not a directory`);
      continue;
    }
    await mkdir(current, { mode });
    await chmod(current, mode);
  }
}

export interface ContainerMountsInput {
  pod: Pod;
  container: Container;
  volumes: Map<string, MountedVolume>;
  /** `<rootDir>/pods/<uid>`. */
  podDir: string;
  /** The pod's IPs (the node's for hostNetwork pods); none = no /etc/hosts mount. */
  podIPs: string[];
  clusterDomain: string;
  /** The container's resolved env (for subPathExpr). */
  envs: KeyValue[];
  /** The node's hosts file, copied for hostNetwork pods. Default /etc/hosts. */
  nodeHostsFile?: string;
}

export interface ContainerMounts {
  mounts: Mount[];
  /** Host file behind terminationMessagePath. */
  terminationMessageHostPath?: string;
}

/** The container's mounts, making the files they need; rejects with a ContainerConfigError. */
export async function makeContainerMounts(input: ContainerMountsInput): Promise<ContainerMounts> {
  const { container: c } = input;
  const mounts: Mount[] = [];
  let mountHosts = input.podIPs.length > 0;
  for (const m of c.volumeMounts ?? []) {
    if (m.mountPath === ETC_HOSTS_PATH) mountHosts = false;
    const vol = input.volumes.get(m.name);
    if (!vol)
      throw new ContainerConfigError(`cannot find volume "${m.name}" to mount into container "${c.name}"`);
    let hostPath = vol.hostPath;
    const subPath = m.subPathExpr ? expandSubPathExpr(m.subPathExpr, input.envs) : (m.subPath ?? '');
    if (subPath) hostPath = await resolveSubPath(vol.hostPath, subPath, m.name, c.name);
    const containerPath = isAbsolute(m.mountPath) ? m.mountPath : `/${m.mountPath}`;
    mounts.push({ containerPath, hostPath, readonly: !!m.readOnly || vol.readOnly });
  }
  if (mountHosts) mounts.push(await hostsMount(input));
  const out: ContainerMounts = { mounts };
  const tmp = c.terminationMessagePath ?? DEFAULT_TERMINATION_MESSAGE_PATH;
  if (tmp) {
    const dir = join(input.podDir, 'containers', c.name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, randomBytes(4).toString('hex'));
    writeFileSync(file, '');
    chmodSync(file, 0o666);
    mounts.push({ containerPath: tmp, hostPath: file, readonly: false });
    out.terminationMessageHostPath = file;
  }
  return out;
}

async function resolveSubPath(volumePath: string, subPath: string, mountName: string, container: string) {
  if (isAbsolute(subPath))
    throw new ContainerConfigError(`error SubPath \`${subPath}\` must not be an absolute path`);
  if (subPath.split(/[\\/]/).includes('..'))
    throw new ContainerConfigError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
  const hostPath = join(volumePath, subPath);
  if (!(await exists(hostPath))) {
    try {
      const mode = (await stat(volumePath)).mode & 0o7777;
      await safeMakeDir(volumePath, subPath, mode);
    } catch {
      // As upstream: the cause stays in the kubelet (it could describe the host's file system).
      throw new ContainerConfigError(
        `failed to create subPath directory for volumeMount "${mountName}" of container "${container}"`,
      );
    }
  }
  try {
    const real = await realpath(hostPath);
    if (!inside(await realpath(volumePath), real)) throw new Error('outside');
    return real;
  } catch {
    throw new ContainerConfigError(
      `failed to prepare subPath for volumeMount "${mountName}" of container "${container}"`,
    );
  }
}

async function hostsMount(input: ContainerMountsInput): Promise<Mount> {
  const { pod } = input;
  const file = join(input.podDir, 'etc-hosts');
  let content: string;
  if (pod.spec.hostNetwork) {
    content = hostNetworkHostsContent(await readFile(input.nodeHostsFile ?? ETC_HOSTS_PATH, 'utf8'), pod);
  } else {
    const { hostname, domain } = podHostNameAndDomain(pod, input.clusterDomain);
    content = managedHostsContent(input.podIPs, hostname, domain, pod);
  }
  mkdirSync(input.podDir, { recursive: true });
  writeFileSync(file, content, { mode: 0o644 });
  chmodSync(file, 0o644);
  return { containerPath: ETC_HOSTS_PATH, hostPath: file, readonly: false };
}
