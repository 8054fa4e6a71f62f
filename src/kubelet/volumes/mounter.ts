/**
 * @module kubelet/volumes/mounter
 * The host mounts the volume manager makes: a tmpfs for `emptyDir.medium: Memory` (with
 * `size=<bytes>` when there is a limit), their unmount, and the list of mount points under a
 * directory (from /proc/self/mountinfo), so that a pod directory is never removed while anything
 * is still mounted inside it. `mount`/`umount` need root (the oci runtime's agent runs as root).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parseMountPoints } from '../../util/mountinfo.js';

export { parseMountPoints };

const run = promisify(execFile);

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
    const args = ['-t', 'tmpfs'];
    if (sizeBytes !== undefined && sizeBytes > 0) args.push('-o', `size=${sizeBytes}`);
    try {
      await run('mount', [...args, 'tmpfs', dir]);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`mount failed: ${(e.stderr || e.message).trim()}`);
    }
  },
  async unmount(dir) {
    try {
      await run('umount', [dir]);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`unmount failed: ${(e.stderr || e.message).trim()}`);
    }
  },
  async mountsUnder(dir) {
    const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
    return mountPointsUnder(parseMountPoints(text), dir);
  },
};
