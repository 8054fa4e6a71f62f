/**
 * @module runtime/oci/images/temp-names
 * Names of the store's temporary entries (partial blobs, half-built or half-deleted rootfs trees,
 * record writes, archive loads): `.tmp-<pid>-<random>`, after the process that makes them. A
 * running cluster and a `kubeling image` command beside it share the store, and each sweeps what
 * a crash left when it opens the store: the pid lets that sweep remove only the leftovers of
 * processes that are gone, never another live process's work in progress.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const OURS = /^\.tmp-(?:del-)?(\d+)-/;

/** A fresh temporary name; `.tmp-del-…` for a tree being removed. */
export function tempName(kind: 'tmp' | 'del' = 'tmp'): string {
  return `.tmp-${kind === 'del' ? 'del-' : ''}${process.pid}-${randomBytes(6).toString('hex')}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `name` is a leftover to remove: a temporary name of a process that is gone (or of this
 * process's pid, reused after a crash: the sweep runs before this process makes any), one of an
 * earlier version without a pid, or, in a folder of temporary entries only (`onlyTemp`), anything.
 */
export function isLeftover(name: string, onlyTemp = false): boolean {
  const m = OURS.exec(name);
  if (m) {
    const pid = Number(m[1]);
    return pid === process.pid || !alive(pid);
  }
  return onlyTemp || name.startsWith('.tmp-');
}

/** Removes the leftovers in `dir` (see isLeftover). */
export async function sweepLeftovers(dir: string, onlyTemp = false): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names)
    if (isLeftover(n, onlyTemp)) await rm(join(dir, n), { recursive: true, force: true });
}
