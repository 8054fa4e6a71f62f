/**
 * @module runtime/oci/init-layer
 * Docker's "init layer": a small read-only layer between an image and a container's writable
 * layer holding the mount points every pod container gets — /etc/hosts, /etc/hostname,
 * /etc/resolv.conf and the service-account token directory — where the image lacks them. Without
 * it runc creates them at each start inside the overlay, which copies /etc and /var up into the
 * container's layer on disk: a dozen metadata writes a pod. With it they exist already, once per
 * image and set of mount points.
 *
 * A path is resolved inside the image as the container will see it: a parent that is a symlink in
 * the image (Debian's /var/run → /run) is followed, never shadowed by a directory; a directory
 * the layer has to hold takes its mode and owner from the image's, so the merged view keeps them.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
} from 'node:fs';
import { posix } from 'node:path';

/** The mount points an init layer may hold: the kubelet's and the sandbox's on every container. */
export const INIT_LAYER_FILES = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];
export const INIT_LAYER_DIRS = ['/var/run/secrets/kubernetes.io/serviceaccount'];

const lstat = (p: string): Stats | undefined => {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
};

/**
 * Where `path` lands inside `rootfs`, symlinks of its parents followed within the rootfs: the
 * resolved parent directories that exist in the image (with their stats), the ones to make, and
 * whether the last component already exists (then nothing is needed).
 */
export function resolveInImage(
  rootfs: string,
  path: string,
): { existing: { path: string; stats: Stats }[]; missing: string[]; present: boolean } | undefined {
  let todo = path.split('/').filter(Boolean);
  let cur = '/';
  const existing: { path: string; stats: Stats }[] = [];
  for (let hops = 0; todo.length > 0;) {
    const [comp, ...rest] = todo;
    const next = posix.join(cur, comp);
    const st = lstat(posix.join(rootfs, next));
    if (!st)
      return {
        existing,
        missing: todo.map((_, i) => posix.join(cur, ...todo.slice(0, i + 1))),
        present: false,
      };
    if (rest.length === 0) return { existing, missing: [], present: true };
    if (st.isSymbolicLink()) {
      if (++hops > 40) return undefined;
      const link = readlinkSync(posix.join(rootfs, next));
      const target = posix.isAbsolute(link) ? posix.normalize(link) : posix.join(cur, link);
      // Back up to the root, then walk the link's components and the rest again.
      todo = [...target.split('/').filter(Boolean), ...rest];
      cur = '/';
      existing.length = 0;
      continue;
    }
    if (!st.isDirectory()) return undefined; // a file where a directory should be: runc will say so
    existing.push({ path: next, stats: st });
    cur = next;
    todo = rest;
  }
  return undefined;
}

/**
 * The init layer for `rootfs` holding those of `files` and `dirs` the image lacks (made once under
 * `layersDir`), or undefined when the image has them all.
 */
export function initLayerFor(
  rootfs: string,
  layersDir: string,
  files: string[],
  dirs: string[],
): string | undefined {
  const wanted: { path: string; dir: boolean; at: NonNullable<ReturnType<typeof resolveInImage>> }[] = [];
  for (const [list, dir] of [
    [files, false],
    [dirs, true],
  ] as const)
    for (const path of list) {
      const at = resolveInImage(rootfs, path);
      if (at && !at.present) wanted.push({ path, dir, at });
    }
  if (wanted.length === 0) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([rootfs, wanted.map((w) => [w.path, w.dir])]))
    .digest('hex')
    .slice(0, 32);
  const layer = posix.join(layersDir, key);
  if (existsSync(layer)) return layer;
  const tmp = `${layer}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(tmp, { recursive: true, mode: 0o755 });
    for (const w of wanted) {
      // The image's directories on the way keep their mode and owner in the merged view.
      for (const e of w.at.existing) {
        const p = posix.join(tmp, e.path);
        if (existsSync(p)) continue;
        mkdirSync(p);
        chmodSync(p, e.stats.mode & 0o7777);
        chownSync(p, e.stats.uid, e.stats.gid);
      }
      const missing = w.at.missing;
      for (const [i, p] of missing.entries()) {
        const full = posix.join(tmp, p);
        if (existsSync(full)) continue;
        if (i < missing.length - 1 || w.dir) mkdirSync(full, { mode: 0o755 });
        else closeSync(openSync(full, 'w', 0o644));
      }
    }
    renameSync(tmp, layer);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Made meanwhile by a container starting at the same time: that one serves.
    if (!existsSync(layer)) throw err;
  }
  return layer;
}
