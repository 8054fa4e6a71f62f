/**
 * @module kubelet/node/host-facts
 * What a node reports about its machine: CPU, memory, disk, OS, kernel, IDs and addresses.
 * `readHostFacts` reads the real host (cheap synchronous reads, a few files); `simHostFacts`
 * makes up stable, per-name facts for simulated nodes so that they look like small VMs.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';

export interface HostFacts {
  cpuCores: number;
  memoryBytes: number;
  /** Size of the filesystem holding the data dir. */
  ephemeralStorageBytes: number;
  /** `PRETTY_NAME` of /etc/os-release, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  osImage: string;
  kernelVersion: string;
  /** GOARCH spelling: amd64, arm64, … */
  architecture: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
  /** The node's InternalIP. */
  internalIP: string;
  hostname: string;
}

const GOARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  s390x: 's390x',
  ppc64: 'ppc64le',
};

/** Node's `process.arch` in Go's spelling (the `kubernetes.io/arch` label value). */
export function goArch(arch: string = process.arch): string {
  return GOARCH[arch] ?? arch;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** `PRETTY_NAME` from an os-release file's text; `Linux` when absent. */
export function parseOsRelease(text: string | undefined): string {
  const m = /^PRETTY_NAME=(.*)$/m.exec(text ?? '');
  if (!m) return 'Linux';
  return m[1].trim().replace(/^["']|["']$/g, '');
}

/** The first non-internal IPv4 address, else 127.0.0.1. */
export function primaryIPv4(ifaces = os.networkInterfaces()): string {
  for (const list of Object.values(ifaces))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/** Formats 32 hex digits as a UUID (8-4-4-4-12). */
function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Reads the real machine. `dataDir` selects the filesystem whose size is ephemeral-storage. */
export function readHostFacts(dataDir: string): HostFacts {
  let storage = 0;
  try {
    const s = statfsSync(dataDir);
    storage = s.blocks * s.bsize;
  } catch {
    storage = 0;
  }
  const machineID = readText('/etc/machine-id') ?? createHash('md5').update(os.hostname()).digest('hex');
  const product = readText('/sys/class/dmi/id/product_uuid');
  return {
    cpuCores: os.availableParallelism?.() ?? os.cpus().length,
    memoryBytes: os.totalmem(),
    ephemeralStorageBytes: storage,
    osImage: parseOsRelease(readText('/etc/os-release') ?? readText('/usr/lib/os-release')),
    kernelVersion: os.release(),
    architecture: goArch(),
    machineID,
    systemUUID: product ?? asUuid(machineID.padEnd(32, '0')),
    bootID:
      readText('/proc/sys/kernel/random/boot_id') ??
      asUuid(createHash('md5').update(`boot:${machineID}`).digest('hex')),
    internalIP: primaryIPv4(),
    hostname: os.hostname().toLowerCase(),
  };
}

/**
 * Facts for simulated node number `index` (1-based): 8 cores, 32 GiB, 100 GiB disk, the host's
 * OS and kernel, IDs hashed from the name, and InternalIP 10.240.I/250.I%250+1 (never routed).
 */
export function simHostFacts(
  name: string,
  index: number,
  host?: Pick<HostFacts, 'osImage' | 'kernelVersion'>,
): HostFacts {
  const id = createHash('md5').update(`sim-node:${name}`).digest('hex');
  const boot = createHash('md5').update(`sim-boot:${name}:${process.pid}`).digest('hex');
  return {
    cpuCores: 8,
    memoryBytes: 32 * 1024 ** 3,
    ephemeralStorageBytes: 100 * 1024 ** 3,
    osImage: host?.osImage ?? 'Linux',
    kernelVersion: host?.kernelVersion ?? os.release(),
    architecture: goArch(),
    machineID: id,
    systemUUID: asUuid(id),
    bootID: asUuid(boot),
    internalIP: `10.240.${Math.floor(index / 250)}.${(index % 250) + 1}`,
    hostname: name,
  };
}
