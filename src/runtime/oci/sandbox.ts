/**
 * @module runtime/oci/sandbox
 * A pod sandbox without a pause process: its network and IPC namespaces are kept alive by bind
 * mounts on files in the sandbox directory (as `ip netns` keeps network namespaces), the network
 * wired by the CNI plugins, and /etc/hostname, /etc/resolv.conf and a /dev/shm tmpfs shared by
 * its containers. Every container joins them; each gets a UTS namespace of its own with the pod's
 * hostname (runc sets it), so that a sandbox can be prepared before its pod is known.
 *
 * Setting one up is a mount(2) for the tmpfs and the launcher's pinning of the namespaces, which
 * brings `lo` up too (no process is run for it where the launcher is the Perl helper).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { hostLauncher } from '../../util/launcher/host.js';
import type { PodSandboxConfig } from '../interface.js';

export interface SandboxFiles {
  dir: string;
  netns?: string;
  ipc: string;
  hostname: string;
  resolvConf: string;
  shm: string;
}

export function sandboxFiles(dir: string, hostNetwork: boolean): SandboxFiles {
  return {
    dir,
    netns: hostNetwork ? undefined : join(dir, 'net'),
    ipc: join(dir, 'ipc'),
    hostname: join(dir, 'hostname'),
    resolvConf: join(dir, 'resolv.conf'),
    shm: join(dir, 'shm'),
  };
}

/** resolv.conf as containerd writes it from the sandbox's DNS config. */
export function resolvConf(dns: PodSandboxConfig['dnsConfig']): string | undefined {
  if (!dns) return undefined;
  const lines: string[] = [];
  if (dns.searches.length) lines.push(`search ${dns.searches.join(' ')}`);
  for (const s of dns.servers) lines.push(`nameserver ${s}`);
  if (dns.options.length) lines.push(`options ${dns.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/**
 * Makes the directory, the /dev/shm tmpfs and the namespaces (a network one unless hostNetwork,
 * with `lo` up). `parent` must be on a private mount (./state-dir.ts). `nice` lowers the priority
 * of the processes it runs (the pool's background work).
 */
export async function createNamespaces(f: SandboxFiles, nice = 0): Promise<void> {
  mkdirSync(f.shm, { recursive: true });
  for (const file of [f.ipc, f.netns]) if (file) writeFileSync(file, '');
  const launcher = hostLauncher();
  await launcher.mount({
    source: 'shm',
    target: f.shm,
    fstype: 'tmpfs',
    options: ['nosuid', 'nodev', 'noexec', 'mode=1777', 'size=65536k'],
  });
  await launcher.pinNamespaces({ ipc: f.ipc, net: f.netns, nice });
}

/** The per-pod files: /etc/hostname and /etc/resolv.conf (the host's when there is no DNS config). */
export async function writePodFiles(f: SandboxFiles, config: PodSandboxConfig): Promise<void> {
  writeFileSync(f.hostname, `${config.hostNetwork ? hostname() : config.hostname}\n`);
  const dns = resolvConf(config.dnsConfig);
  writeFileSync(f.resolvConf, dns ?? (await readFile('/etc/resolv.conf', 'utf8').catch(() => '')));
}

/** Unmounts everything the sandbox mounted and removes its directory; missing pieces are fine. */
export async function removeSandboxFiles(f: SandboxFiles): Promise<void> {
  const mounts = [
    f.netns,
    f.ipc,
    f.shm,
    join(f.dir, 'ns', 'net'),
    join(f.dir, 'ns', 'ipc'),
    join(f.dir, 'ns', 'uts'),
    join(f.dir, 'ns'),
  ];
  const launcher = hostLauncher();
  for (const m of mounts) if (m) await launcher.unmount(m, { detach: true }).catch(() => {});
  await rm(f.dir, { recursive: true, force: true });
}
