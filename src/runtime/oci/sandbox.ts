/**
 * @module runtime/oci/sandbox
 * A pod sandbox without a pause process: its network, IPC and UTS namespaces are kept alive by
 * bind mounts on files in the sandbox directory (as `ip netns` keeps network namespaces), the
 * network wired by the CNI plugins, the hostname set in its UTS namespace, /etc/hostname,
 * /etc/resolv.conf and a /dev/shm tmpfs shared by its containers. Every container joins them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PodSandboxConfig } from '../interface.js';
import { run, runOk } from './command.js';

export interface SandboxFiles {
  dir: string;
  netns?: string;
  ipc: string;
  uts: string;
  hostname: string;
  resolvConf: string;
  shm: string;
}

export function sandboxFiles(dir: string, hostNetwork: boolean): SandboxFiles {
  const ns = join(dir, 'ns');
  return {
    dir,
    netns: hostNetwork ? undefined : join(ns, 'net'),
    ipc: join(ns, 'ipc'),
    uts: join(ns, 'uts'),
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

/** Makes the namespaces (new network unless hostNetwork; new IPC and UTS always) and the files. */
export async function createSandboxFiles(f: SandboxFiles, config: PodSandboxConfig): Promise<void> {
  const ns = join(f.dir, 'ns');
  mkdirSync(ns, { recursive: true });
  mkdirSync(f.shm, { recursive: true });
  // A private mount of its own, so that the namespace bind mounts do not propagate elsewhere.
  await runOk('mount', ['--bind', ns, ns]);
  await runOk('mount', ['--make-private', ns]);
  for (const file of [f.netns, f.ipc, f.uts]) if (file) writeFileSync(file, '');
  const hostname = config.hostNetwork ? undefined : config.hostname;
  const nsArgs = [...(f.netns ? [`--net=${f.netns}`] : []), `--ipc=${f.ipc}`, `--uts=${f.uts}`];
  await runOk('unshare', [...nsArgs, ...(hostname ? ['hostname', hostname] : ['true'])]);
  await runOk('mount', ['-t', 'tmpfs', '-o', 'nosuid,nodev,noexec,mode=1777,size=65536k', 'shm', f.shm]);
  writeFileSync(f.hostname, `${hostname ?? (await runOk('hostname', [])).trim()}\n`);
  const dns = resolvConf(config.dnsConfig);
  // Without a DNS config (tests, hostNetwork with policy Default) the host's own file is used.
  writeFileSync(f.resolvConf, dns ?? (await readHostResolv()));
}

async function readHostResolv(): Promise<string> {
  return (await run('cat', ['/etc/resolv.conf'])).stdout.toString();
}

/** Unmounts everything the sandbox mounted and removes its directory; missing pieces are fine. */
export async function removeSandboxFiles(f: SandboxFiles): Promise<void> {
  for (const m of [f.netns, f.ipc, f.uts, f.shm, join(f.dir, 'ns')]) {
    if (m) await run('umount', ['-l', m]);
  }
  await rm(f.dir, { recursive: true, force: true });
}
