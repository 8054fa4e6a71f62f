/**
 * @module util/mountinfo
 * The mount points listed in `/proc/<pid>/mountinfo`, for the kubelet's volume teardown and the
 * oci runtime's check that a namespace is still held by its bind mount.
 */
import { readFile } from 'node:fs/promises';

/** Mount points from mountinfo text (field 5, with the kernel's octal escapes undone). */
export function parseMountPoints(mountinfo: string): string[] {
  const out: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 5) continue;
    out.push(fields[4].replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return out;
}

/** Every lower directory of the overlay mounts in mountinfo text (their `lowerdir=` option). */
export function overlayLowerDirs(mountinfo: string): string[] {
  const out: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const [fstype, , superOptions = ''] = line.slice(sep + 3).split(' ');
    if (fstype !== 'overlay') continue;
    const lower = superOptions.split(',').find((o) => o.startsWith('lowerdir='));
    if (!lower) continue;
    for (const dir of lower.slice('lowerdir='.length).split(':'))
      out.push(dir.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return out;
}

/** The lower directories of the overlays mounted in this process's mount namespace. */
export async function hostOverlayLowerDirs(): Promise<string[]> {
  return overlayLowerDirs(await readFile('/proc/self/mountinfo', 'utf8').catch(() => ''));
}
