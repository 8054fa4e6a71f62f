/**
 * @module runtime/oci/state-dir
 * Where the runtime keeps what lives only as long as the machine is up, as containerd keeps it in
 * /run: records, bundles, conmon's exit files and sockets, runc's state, the sandboxes' namespace
 * files and the IP leases — `<root>/run`, a tmpfs. Every pod start writes and renames a dozen
 * small files there; on this kind of disk those metadata writes cost a pod ~20 ms, on a tmpfs
 * next to nothing. A reboot empties it together with the containers it describes. What must
 * outlive a reboot stays on disk: images and the containers' writable layers (`<root>/layers`).
 *
 * Earlier versions kept that state on disk right under `<root>`; such a root is told apart so that
 * it is reset (its containers stopped) before this layout is used.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostLauncher } from '../../util/launcher/host.js';
import { parseMountPoints } from '../../util/mountinfo.js';

export const stateDirOf = (root: string): string => join(root, 'run');

/** Where each container's directory (record, bundle) is: `<state dir>/containers/<id>`. */
export const containersDirOf = (stateRoot: string): string => join(stateRoot, 'containers');

/** Mounts the tmpfs at `dir` unless one is there, and makes it private, so that the namespace
 * bind mounts made inside stay there. */
export async function mountStateDir(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const points = parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8'));
  const launcher = hostLauncher();
  if (!points.includes(dir))
    await launcher.mount({
      source: 'tmpfs',
      target: dir,
      fstype: 'tmpfs',
      options: ['mode=0700', 'size=256m'],
    });
  await launcher.mount({ source: '', target: dir, fstype: '', options: ['private'] });
}

/** Lazily unmounts the tmpfs (and what is still mounted inside it). */
export async function unmountStateDir(dir: string): Promise<void> {
  await hostLauncher()
    .unmount(dir, { detach: true })
    .catch(() => {});
}

/** Whether `root` holds the state of an earlier kubeling that kept it on disk under `root`. */
export function hasLegacyLayout(root: string): boolean {
  if (existsSync(join(root, 'sandboxes'))) return true;
  try {
    return readdirSync(join(root, 'containers')).some((id) =>
      existsSync(join(root, 'containers', id, 'record.json')),
    );
  } catch {
    return false;
  }
}
