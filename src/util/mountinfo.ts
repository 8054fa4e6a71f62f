/**
 * @module util/mountinfo
 * The mount points listed in `/proc/<pid>/mountinfo`, for the kubelet's volume teardown and the
 * oci runtime's check that a namespace is still held by its bind mount.
 */

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
