/**
 * @module runtime/oci/host-devices
 * The host's device nodes, as containerd gives them to a privileged container: every block and
 * character device under /dev, found by walking it (its pts, shm, fd and mqueue mounts and the
 * LXC/LXD/udev bookkeeping directories skipped, and /dev/console, which the runtime sets up
 * itself), each with its own numbers, mode and owner, so that runc makes the same node inside.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One entry of the OCI spec's `linux.devices`. */
export interface OciDevice {
  path: string;
  type: 'b' | 'c';
  major: number;
  minor: number;
  fileMode: number;
  uid: number;
  gid: number;
}

const SKIPPED_DIRS = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);
const S_IFMT = 0o170000;
const S_IFBLK = 0o060000;
const S_IFCHR = 0o020000;

/** Linux's encoding of a device number (the kernel's new_decode_dev, 64-bit). */
export function splitDeviceNumber(rdev: bigint): { major: number; minor: number } {
  const major = ((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & 0xfffff000n);
  const minor = (rdev & 0xffn) | ((rdev >> 12n) & 0xffffff00n);
  return { major: Number(major), minor: Number(minor) };
}

/** The device nodes under `dir` (default /dev), depth first in name order. */
export async function hostDevices(dir = '/dev'): Promise<OciDevice[]> {
  const out: OciDevice[] = [];
  const walk = async (path: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return; // gone meanwhile, or not readable: nothing to give
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(path, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(full);
        continue;
      }
      if (e.name === 'console' || !(e.isBlockDevice() || e.isCharacterDevice())) continue;
      const st = await lstat(full, { bigint: true }).catch(() => undefined);
      if (!st) continue;
      const kind = Number(st.mode) & S_IFMT;
      if (kind !== S_IFBLK && kind !== S_IFCHR) continue;
      out.push({
        path: full,
        type: kind === S_IFBLK ? 'b' : 'c',
        ...splitDeviceNumber(st.rdev),
        fileMode: Number(st.mode) & 0o7777,
        uid: Number(st.uid),
        gid: Number(st.gid),
      });
    }
  };
  await walk(dir);
  return out;
}
