/**
 * @module runtime/oci/log-file
 * A container's CRI-format log file as conmon writes it (`<time> <stream> <P|F> <text>` lines),
 * read back for `kubectl logs`: its last 8 MiB, whole lines only.
 */
import { open, stat } from 'node:fs/promises';

const MAX_BYTES = 8 << 20;

/** The complete lines of the file's last 8 MiB, oldest first; none when there is no file yet. */
export async function readCriLog(path: string): Promise<string[]> {
  const size = await stat(path).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) return [];
  const fh = await open(path, 'r');
  try {
    const len = Math.min(size, MAX_BYTES);
    const buf = Buffer.alloc(len);
    // The file may have been cut since its size was read: only what was read counts.
    const { bytesRead } = await fh.read(buf, 0, len, size - len);
    const lines = buf.subarray(0, bytesRead).toString('utf8').split('\n');
    lines.pop(); // the unfinished (or empty) last line
    if (size > MAX_BYTES) lines.shift(); // cut through
    // conmon writes `+00:00`; the kubelet shows RFC 3339 with `Z`, as it does for CRI-O.
    return lines.map((l) => l.replace(/^(\S+?)\+00:00 /, '$1Z '));
  } finally {
    await fh.close();
  }
}
