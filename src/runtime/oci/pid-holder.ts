/**
 * @module runtime/oci/pid-holder
 * The PID namespace of a pod that shares one (shareProcessNamespace). Upstream's pause container
 * is its PID 1; here catatonit in pause mode is, named `/pause`, in a new PID namespace that
 * `unshare --pid --fork` makes, in a session of its own so that nothing sent to kubeling's
 * terminal reaches it. As PID 1 it reaps the orphans of the pod's processes. Its host pid goes
 * in the sandbox record, the containers join `/proc/<pid>/ns/pid`, and stopping the sandbox
 * kills it, and with it every process of the namespace, as the end of a pause container does.
 *
 * It runs without capabilities (an empty bounding set), as a pause container runs with fewer than
 * root's, so the pod's processes may look at it (ls -l /proc/1/ns), and in the pod's cgroup.
 *
 *   setsid unshare --pid --fork setpriv … bash ─► bash (PID 1): writes its host pid to fd 3,
 *                                        then exec -a /pause DIR/pause -P (a link to catatonit,
 *                                        so that its command name is pause too)
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Launcher } from '../../util/launcher/launcher.js';
import { pathDirs, whichIn } from '../../util/which.js';

/** The argv[0] the holder runs under: `ps` in the pod shows `/pause -P` as PID 1. */
export const PID_HOLDER_NAME = '/pause';

/** How long the holder's exec of catatonit may take. */
const EXEC_WAIT_MS = 5000;

/** The catatonit to run, or undefined when it is not installed. */
export function findCatatonit(): string | undefined {
  return whichIn('catatonit', [...pathDirs(), '/usr/bin', '/usr/libexec/podman']);
}

/**
 * Starts a holder, run through a link in `dir` (the sandbox's), and resolves with its host pid.
 * Rejects, saying what to install, when catatonit is missing, and with the tool's words when the
 * namespace cannot be made.
 */
export async function startPidHolder(
  launcher: Launcher,
  dir: string,
  catatonit = findCatatonit(),
): Promise<number> {
  if (!catatonit)
    throw new Error(
      'shareProcessNamespace needs catatonit as the PID 1 of the pod (apt-get install catatonit)',
    );
  const link = join(dir, 'pause');
  symlinkSync(catatonit, link);
  // /proc is still the host's here, so the ppid that cut reads is bash's pid on the host.
  const script = `cut -d' ' -f4 /proc/self/stat >&3 && exec 3>&- && exec -a ${PID_HOLDER_NAME} '${link}' -P`;
  const noCaps = ['setpriv', '--bounding-set=-all', '--inh-caps=-all'];
  const r = await launcher.run('setsid', ['unshare', '--pid', '--fork', ...noCaps, 'bash', '-c', script], {
    fd3: true,
    until: ({ fd3 }) => fd3.includes(0x0a),
  });
  const pid = Number(r.fd3.toString().trim());
  if (!Number.isInteger(pid) || pid <= 1)
    throw new Error(
      `could not start the pod's PID namespace: ${r.stderr.toString().trim() || `exit ${r.code}`}`,
    );
  // bash wrote its pid just before its exec: wait for the exec, so that the holder is seen alive.
  for (let waited = 0; !pidHolderAlive(pid); waited += 5) {
    if (waited >= EXEC_WAIT_MS) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended by itself
      }
      throw new Error(`could not start the pod's PID namespace: ${PID_HOLDER_NAME} did not start`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return pid;
}

/** Whether `pid` is still a holder (not a later process that was given the same pid). */
export function pidHolderAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === PID_HOLDER_NAME;
  } catch {
    return false;
  }
}

/**
 * Ends the holder and so every process of its namespace, and resolves once it has left (its
 * cgroup can then be removed); a holder already gone is fine.
 */
export async function stopPidHolder(pid: number): Promise<void> {
  if (!pidHolderAlive(pid)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // gone meanwhile
  }
  for (let waited = 0; pidHolderAlive(pid) && waited < EXEC_WAIT_MS; waited += 5)
    await new Promise((r) => setTimeout(r, 5));
}

/** The namespace file containers join. */
export const pidNamespaceOfHolder = (pid: number): string => `/proc/${pid}/ns/pid`;
