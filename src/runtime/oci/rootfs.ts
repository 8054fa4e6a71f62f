/**
 * @module runtime/oci/rootfs
 * A container's root filesystem: an overlay whose lower layer is the image's read-only
 * filesystem (shared by every container of the image) and whose upper layer is the container's
 * own; a full copy where overlay cannot be mounted. And whether a monitor process still runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostLauncher } from '../../util/launcher/host.js';
import { run } from './command.js';

/**
 * Mounts `<dir>/rootfs` over `lower` (under the init layer `init`, ./init-layer.ts, when given)
 * with `<layerDir>/upper` and `<layerDir>/work`.
 */
export async function mountRootfs(
  lower: string,
  dir: string,
  layerDir: string,
  init?: string,
): Promise<void> {
  const target = join(dir, 'rootfs');
  const lowers = init ? `${init}:${lower}` : lower;
  const data = `lowerdir=${lowers},upperdir=${join(layerDir, 'upper')},workdir=${join(layerDir, 'work')}`;
  const failed = await hostLauncher()
    .mount({ source: 'overlay', target, fstype: 'overlay', options: [data] })
    .then(
      () => undefined,
      (e: Error) => e.message,
    );
  if (failed === undefined) return;
  const cp = await run('cp', ['-a', `${lower}/.`, target]);
  if (cp.code !== 0)
    throw new Error(`cannot prepare the rootfs: ${failed}; copy: ${cp.stderr.toString().trim()}`);
}

/** Unmounts a container's rootfs (lazily); one that was a copy is not mounted, which is fine. */
export async function unmountRootfs(dir: string): Promise<void> {
  await hostLauncher()
    .unmount(join(dir, 'rootfs'), { detach: true })
    .catch(() => {});
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
