/**
 * @module runtime/oci/users
 * Users and groups named in an image's `User`, looked up in the image's own /etc/passwd and
 * /etc/group (never the host's), as runc and containerd do.
 */
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface UserDb {
  lookupUser(name: string): { uid: number; gid: number } | undefined;
  lookupUid(uid: number): { uid: number; gid: number } | undefined;
  lookupGroup(name: string): number | undefined;
  /** The gids of the groups that list the user with this uid as a member (not its own-named group). */
  lookupMemberGids(uid: number): number[];
}

/**
 * `rel` inside `root`, its symlinks resolved as if `root` were `/` (as containerd's securejoin
 * does): an image whose /etc/passwd links to an absolute path, or climbs with `..`, never reads
 * the host's files.
 */
export function inRoot(root: string, rel: string): string {
  const parts = rel.split('/').filter(Boolean);
  const done: string[] = [];
  let links = 0;
  while (parts.length) {
    const p = parts.shift()!;
    if (p === '.') continue;
    if (p === '..') {
      done.pop();
      continue;
    }
    let target: string | undefined;
    try {
      const here = join(root, ...done, p);
      if (lstatSync(here).isSymbolicLink()) target = readlinkSync(here);
    } catch {
      // missing: reading it fails later
    }
    if (target === undefined) {
      done.push(p);
      continue;
    }
    if (++links > 40) throw new Error(`too many levels of symbolic links in ${rel}`);
    if (target.startsWith('/')) done.length = 0;
    parts.unshift(...target.split('/').filter(Boolean));
  }
  return join(root, ...done);
}

/** The image file's lines split at `:`; none when it is missing or unreadable. */
function readLines(rootfs: string, file: string): string[][] {
  try {
    return readFileSync(inRoot(rootfs, file), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(':'));
  } catch {
    return [];
  }
}

export function userDbOf(rootfs: string): UserDb {
  const passwd = readLines(rootfs, 'etc/passwd')
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]) }));
  const groups = readLines(rootfs, 'etc/group')
    .filter((f) => f.length >= 3)
    .map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
  return {
    lookupUser: (name) => {
      const u = passwd.find((p) => p.name === name);
      return u && { uid: u.uid, gid: u.gid };
    },
    lookupUid: (uid) => {
      const u = passwd.find((p) => p.uid === uid);
      return u && { uid: u.uid, gid: u.gid };
    },
    lookupGroup: (name) => groups.find((g) => g.name === name)?.gid,
    lookupMemberGids: (uid) => {
      const name = passwd.find((p) => p.uid === uid)?.name;
      if (name === undefined) return [];
      return groups.filter((g) => g.name !== name && g.members.includes(name)).map((g) => g.gid);
    },
  };
}
