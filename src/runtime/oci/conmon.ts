/**
 * @module runtime/oci/conmon
 * Each container runs under Debian's conmon, as CRI-O runs them: conmon asks runc to create the
 * container, then stays as its parent and subreaper, copying its output into a CRI-format log
 * file and, when it exits, writing the exit code (`<exitDir>/<id>`) and an OOM marker
 * (`<persistDir>/oom`). conmon daemonizes, so a container and its monitor outlive the agent and a
 * restarted agent finds both. The sync pipe tells when runc has created the container (its pid)
 * or why it could not.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './command.js';

export interface ConmonPaths {
  bundle: string;
  /** runc's `--root`. */
  runcRoot: string;
  logPath: string;
  exitDir: string;
  persistDir: string;
  socketDir: string;
  pidFile: string;
  conmonPidFile: string;
}

export interface ConmonOptions {
  id: string;
  name: string;
  paths: ConmonPaths;
  runcPath: string;
  /** runc's path, when conmon is to have its sealed copy at fd 9 for the wrapper (./run-wrapper.ts). */
  sealedRunc?: string;
  conmonPath?: string;
  /** Keep stdin open for attach (`-i`). */
  stdin?: boolean;
  /** stdin stays open when an attached client leaves (not `stdinOnce`): `--leave-stdin-open`. */
  leaveStdinOpen?: boolean;
  /** The container has a terminal (`-t`): conmon receives its pty from runc and serves it for attach. */
  terminal?: boolean;
  /** Give up when runc has not created the container by then. Default 60 s. */
  timeoutMs?: number;
}

export class ConmonError extends Error {}

/** Starts conmon for a container and resolves with the container's pid once runc created it. */
export async function createWithConmon(opts: ConmonOptions): Promise<number> {
  const p = opts.paths;
  const args = [
    '--api-version', '1',
    '-c', opts.id,
    '-u', opts.id,
    '-n', opts.name,
    '-r', opts.runcPath,
    '-b', p.bundle,
    '-p', p.pidFile,
    '-P', p.conmonPidFile,
    '-l', `k8s-file:${p.logPath}`,
    '--exit-dir', p.exitDir,
    '-0', p.persistDir,
    '--socket-dir-path', p.socketDir,
    '--runtime-arg', `--root=${p.runcRoot}`,
    '--log-level', 'error',
    '--syslog',
    // As CRI-O: a terminal carries the input itself; a pipe for it only without one.
    ...(opts.terminal ? ['-t'] : opts.stdin ? [...(opts.leaveStdinOpen ? ['--leave-stdin-open'] : []), '-i'] : []),
  ]; // prettier-ignore
  const r = await run(opts.conmonPath ?? 'conmon', args, {
    env: { ...process.env, _OCI_SYNCPIPE: '3' },
    cwd: p.bundle,
    fd3: true,
    // conmon daemonizes and keeps its pipes: its first line on the sync pipe is the answer.
    until: (so) => so.fd3.includes('\n'),
    timeoutMs: opts.timeoutMs ?? 60_000,
    sealed: opts.sealedRunc,
  });
  if (r.timedOut) throw new ConmonError('timed out waiting for the container to be created');
  const text = r.fd3.toString();
  const nl = text.indexOf('\n');
  if (nl < 0) {
    if (r.code === 127 && !text) throw new ConmonError(`cannot run conmon: ${r.stderr.toString().trim()}`);
    throw new ConmonError(
      cleanRuncMessage(r.stderr.toString().trim() || 'conmon exited before the container was created'),
    );
  }
  let msg: { data?: number; pid?: number; message?: string };
  try {
    msg = JSON.parse(text.slice(0, nl)) as typeof msg;
  } catch {
    throw new ConmonError(`conmon said: ${text.trim()}`);
  }
  const pid = msg.data ?? msg.pid ?? -1;
  if (pid > 0) return pid;
  throw new ConmonError(cleanRuncMessage(msg.message ?? 'the container could not be created'));
}

/** runc's messages come wrapped in its logrus framing; keep the human part. */
export function cleanRuncMessage(s: string): string {
  const m = /msg="((?:[^"\\]|\\.)*)"/.exec(s);
  return (m ? m[1].replace(/\\"/g, '"') : s).trim();
}

export interface ExitRecord {
  exitCode: number;
  /** When conmon wrote it: the container's finish time. */
  finishedAt: number;
  oomKilled: boolean;
}

/** The container's exit as conmon recorded it, or undefined while it runs (or was never started). */
export async function readExit(
  paths: Pick<ConmonPaths, 'exitDir' | 'persistDir'>,
  id: string,
): Promise<ExitRecord | undefined> {
  const file = join(paths.exitDir, id);
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch {
    return undefined;
  }
  const code = Number.parseInt(text.trim(), 10);
  if (!Number.isFinite(code)) return undefined;
  const oomKilled = await stat(join(paths.persistDir, 'oom')).then(
    () => true,
    () => false,
  );
  return { exitCode: code, finishedAt: Math.floor(mtime), oomKilled };
}
