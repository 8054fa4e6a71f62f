/**
 * @module runtime/oci/capabilities
 * A container's capabilities as containerd's CRI plugin sets them: Docker's default set, changed
 * by the container's add and drop; a privileged container, and `add: [ALL]`, get every capability
 * the runtime itself has (containerd's cap.Current()), not every one Linux knows, since a process
 * cannot give what its own bounding set lacks (runc would fail "unable to apply caps").
 */
import { readFileSync } from 'node:fs';
import type { ContainerConfig } from '../interface.js';

/** Docker's (and containerd's) default capability set. */
export const DEFAULT_CAPABILITIES = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP',
  'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE',
]; // prettier-ignore

/** Every capability Linux 5.x/6.x knows, by number (CAP_CHOWN is 0). */
export const ALL_CAPABILITIES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID',
  'SETPCAP', 'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW',
  'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT',
  'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD',
  'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG',
  'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
]; // prettier-ignore

/** The names of the capabilities in a `/proc/<pid>/status` text's CapEff mask (numbers Linux has no name for here are left out). */
export function effectiveCapabilities(status: string): string[] {
  const m = /^CapEff:\s*([0-9a-f]+)$/im.exec(status);
  if (!m) return [...ALL_CAPABILITIES];
  const mask = BigInt(`0x${m[1]}`);
  return ALL_CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

let current: string[] | undefined;

/** The capabilities this process has (read once: they do not change while it runs). */
export function currentCapabilities(): string[] {
  if (current) return current;
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // no /proc to read: every capability Linux knows
  }
  return (current = effectiveCapabilities(status));
}

/**
 * Capabilities after privileged / add / drop (names without `CAP_`, `ALL` allowed), in
 * containerd's and CRI-O's order: `add: [ALL]`, then `drop: [ALL]`, then each added one, then
 * each dropped one — so a capability both added and dropped is dropped, and `ALL` in both is none.
 * `all` is what ALL and privileged mean: the runtime's own capabilities.
 */
export function capabilities(config: ContainerConfig, all: readonly string[] = ALL_CAPABILITIES): string[] {
  const sec = config.security ?? {};
  if (sec.privileged) return [...all];
  const norm = (c: string) => c.toUpperCase().replace(/^CAP_/, '');
  const add = (sec.capabilities?.add ?? []).map(norm);
  const drop = (sec.capabilities?.drop ?? []).map(norm);
  let caps = add.includes('ALL') ? [...all] : [...DEFAULT_CAPABILITIES];
  if (drop.includes('ALL')) caps = [];
  for (const c of add) if (c !== 'ALL' && !caps.includes(c)) caps.push(c);
  return caps.filter((c) => !drop.includes(c));
}
