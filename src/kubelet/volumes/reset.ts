/**
 * @module kubelet/volumes/reset
 * For `kubeling reset` (and tests): undoes the tmpfs mounts the volume manager made under a
 * kubelet root (memory-backed emptyDirs, memory-backed secret and projected volumes), so the root
 * can be deleted. Pods' containers must be gone first. Other mounts are left alone.
 */
import { join } from 'node:path';
import { linuxMounter, type Mounter } from './mounter.js';
import { TMPFS_PLUGIN_DIRS } from './volume-manager.js';

/** Unmounts the volume manager's tmpfs mounts under `<rootDir>/pods`; resolves with those unmounted. */
export async function unmountPodVolumes(rootDir: string, mounter: Mounter = linuxMounter): Promise<string[]> {
  const pods = join(rootDir, 'pods');
  const done: string[] = [];
  for (const point of await mounter.mountsUnder(pods)) {
    const rel = point.slice(pods.length + 1).split('/');
    // <uid>/volumes/<plugin>/<name>
    if (rel.length !== 4 || rel[1] !== 'volumes' || !TMPFS_PLUGIN_DIRS.includes(rel[2])) continue;
    await mounter.unmount(point);
    done.push(point);
  }
  return done;
}
