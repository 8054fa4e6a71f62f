/**
 * @module kubelet/volumes/mounter
 * The host mounts the volume manager makes: a tmpfs for `emptyDir.medium: Memory` (with
 * `size=<bytes>` when there is a limit), their unmount, and the list of mount points under a
 * directory (from /proc/self/mountinfo), so that a pod directory is never removed while anything
 * is still mounted inside it. Mounts go through the host's launcher (../../util/launcher/) and
 * need root (the oci runtime's agent runs as root).
 */
import { readFile } from 'node:fs/promises';
import { hostLauncher } from '../../util/launcher/host.js';
import { parseMountPoints } from '../../util/mountinfo.js';

export { parseMountPoints };

export interface Mounter {
  /** Mounts a new tmpfs at `dir` (which exists); `sizeBytes` caps it. */
  mountTmpfs(dir: string, sizeBytes?: number): Promise<void>;
  /** Unmounts whatever is mounted at `dir`. */
  unmount(dir: string): Promise<void>;
  /** Mount points at `dir` or below it, deepest first. */
  mountsUnder(dir: string): Promise<string[]>;
}

export function mountPointsUnder(points: string[], dir: string): string[] {
  const base = dir.replace(/\/+$/, '');
  return [...new Set(points.filter((p) => p === base || p.startsWith(`${base}/`)))].sort(
    (a, b) => b.length - a.length,
  );
}

export const linuxMounter: Mounter = {
  async mountTmpfs(dir, sizeBytes) {
    const options = sizeBytes !== undefined && sizeBytes > 0 ? [`size=${sizeBytes}`] : [];
    await hostLauncher()
      .mount({ source: 'tmpfs', target: dir, fstype: 'tmpfs', options })
      .catch((e: Error) => {
        throw new Error(`mount failed: ${e.message}`);
      });
  },
  async unmount(dir) {
    await hostLauncher()
      .unmount(dir)
      .catch((e: Error) => {
        throw new Error(`unmount failed: ${e.message}`);
      });
  },
  async mountsUnder(dir) {
    const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
    return mountPointsUnder(parseMountPoints(text), dir);
  },
};
