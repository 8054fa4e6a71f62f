/**
 * @module kubelet/volumes/termination-message
 * The `message` of an exited container, as upstream's runtime manager reads it: the last 4096
 * bytes of the host file mounted at terminationMessagePath; with `FallbackToLogsOnError`, a
 * non-zero exit and an empty (or missing) file, the end of the container's log instead (its last
 * 80 lines, at most the last 2048 bytes). The text is appended to a message the runtime already
 * gives (`<runtime's>: <file's>`), as upstream does. The host file's path travels in a container
 * annotation, since the runtime's status does not list mounts.
 */
import { open, readFile } from 'node:fs/promises';
import type { ContainerStatus, RuntimeService } from '../../runtime/interface.js';
import { renderLines } from '../logs/container-logs.js';

/** Container annotation naming the host file behind terminationMessagePath. */
export const TERMINATION_MESSAGE_HOST_PATH_ANNOTATION = 'io.kubeling.container.terminationMessageHostPath';
const POLICY_ANNOTATION = 'io.kubernetes.container.terminationMessagePolicy';

export const MAX_TERMINATION_MESSAGE_BYTES = 4096;
export const MAX_LOG_LINES = 80;
export const MAX_LOG_BYTES = 2048;

/** The last `max` bytes of a file; undefined when it does not exist. */
async function readTail(path: string, max: number): Promise<Buffer | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, max);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    return buf;
  } finally {
    await fh.close();
  }
}

async function logTail(c: ContainerStatus, runtime: RuntimeService): Promise<string> {
  let raw: string[];
  try {
    if (runtime.readLog) raw = await runtime.readLog(c.id);
    else raw = (await readFile(c.logPath, 'utf8')).split('\n').filter((l) => l);
  } catch (err) {
    return `Error on reading termination message from logs: ${(err as Error).message}`;
  }
  const text = Buffer.from(renderLines(raw, { tailLines: MAX_LOG_LINES }).join(''));
  return text.subarray(Math.max(0, text.length - MAX_LOG_BYTES)).toString();
}

/**
 * The termination message of an exited container with a termination message file (undefined
 * when it has none: its message is the runtime's).
 */
export async function terminationMessage(
  c: ContainerStatus,
  runtime: RuntimeService,
): Promise<string | undefined> {
  const hostPath = c.annotations[TERMINATION_MESSAGE_HOST_PATH_ANNOTATION];
  if (c.state !== 'CONTAINER_EXITED' || !hostPath) return undefined;
  const fallback =
    c.annotations[POLICY_ANNOTATION] === 'FallbackToLogsOnError' &&
    c.exitCode !== 0 &&
    c.reason !== 'ContainerCannotRun';
  let data: Buffer | undefined;
  try {
    data = await readTail(hostPath, MAX_TERMINATION_MESSAGE_BYTES);
  } catch (err) {
    return `Error on reading termination log ${hostPath}: ${(err as Error).message}`;
  }
  if ((!data || data.length === 0) && fallback) return logTail(c, runtime);
  return data?.toString() ?? '';
}

/** Upstream's enrichment: the file's text after the runtime's message. */
export function withTerminationMessage(c: ContainerStatus, text: string): ContainerStatus {
  if (!text) return c;
  return { ...c, message: c.message ? `${c.message}: ${text}` : text };
}
