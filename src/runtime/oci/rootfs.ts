/**
 * @module runtime/oci/rootfs
 * A container's root filesystem: an overlay whose lower layer is the image's read-only
 * filesystem (shared by every container of the image) and whose upper layer is the container's
 * own; a full copy where overlay cannot be mounted. And whether a monitor process still runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './command.js';

/** Mounts `<dir>/rootfs` over `lower` with `<dir>/upper` and `<dir>/work`. */
export async function mountRootfs(lower: string, dir: string): Promise<void> {
  const target = join(dir, 'rootfs');
  const opts = `lowerdir=${lower},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`;
  const r = await run('mount', ['-t', 'overlay', 'overlay', '-o', opts, target]);
  if (r.code === 0) return;
  const cp = await run('cp', ['-a', `${lower}/.`, target]);
  if (cp.code !== 0)
    throw new Error(
      `cannot prepare the rootfs: ${r.stderr.toString().trim()}; copy: ${cp.stderr.toString().trim()}`,
    );
}

/** Whether `pid` runs (a zombie nobody reaped yet does not: pid 1 here may be slow to reap). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}
