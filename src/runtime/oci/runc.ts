/**
 * @module runtime/oci/runc
 * The runc command line, with every container's state under one `--root` of ours (so kubeling's
 * containers never mix with another engine's). runc's own error text is kept for events.
 * Given a sealed copy (the launcher's, reached by a symlink to /proc/self/fd/9), runc runs from it:
 * runc then skips what it does on every container start and exec to keep the container from
 * overwriting its binary (a bind mount, a remount and a second exec of itself).
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CommandError,
  run as runCommand,
  sealCopy,
  type CommandOptions,
  type CommandResult,
} from './command.js';

export interface RuncState {
  id: string;
  pid: number;
  /** `creating`, `created`, `running`, `paused` or `stopped`. */
  status: string;
  bundle: string;
}

export class Runc {
  constructor(
    readonly root: string,
    readonly bin = 'runc',
    /** A symlink to /proc/self/fd/9, for commands given the sealed copy of `bin` there. */
    readonly sealedLink?: string,
  ) {}

  private run(args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
    return this.sealedLink
      ? runCommand(this.sealedLink, args, { ...opts, sealed: this.bin })
      : runCommand(this.bin, args, opts);
  }

  args(...rest: string[]): string[] {
    return ['--root', this.root, ...rest];
  }

  /** The container's state, or undefined when runc does not know it. */
  async state(id: string): Promise<RuncState | undefined> {
    const r = await this.run(this.args('state', id));
    if (r.code !== 0) return undefined;
    return JSON.parse(r.stdout.toString()) as RuncState;
  }

  async list(): Promise<RuncState[]> {
    const r = await this.run(this.args('list', '--format', 'json'));
    if (r.code !== 0) throw new CommandError('runc list', r);
    return (JSON.parse(r.stdout.toString() || 'null') as RuncState[] | null) ?? [];
  }

  /** Sends `signal` to the container's init (or every process with `all`); a stopped one is fine. */
  async kill(id: string, signal: string, all = false): Promise<void> {
    const r = await this.run(this.args('kill', ...(all ? ['--all'] : []), id, signal));
    if (r.code !== 0 && !/not running|does not exist|process already finished/i.test(r.stderr.toString()))
      throw new CommandError(`runc kill ${id}`, r);
  }

  /** Forgets a container (killing it first with force); unknown IDs are fine. */
  async delete(id: string, force = true): Promise<void> {
    const r = await this.run(this.args('delete', ...(force ? ['--force'] : []), id));
    if (r.code !== 0 && !/does not exist|not found/i.test(r.stderr.toString()))
      throw new CommandError(`runc delete ${id}`, r);
  }

  /** Runs `argv` in the running container with its own process settings; no stdin. */
  exec(id: string, argv: string[], timeoutMs: number): Promise<CommandResult> {
    return this.run(this.args('exec', id, ...argv), { timeoutMs });
  }
}

/** runc at `bin`, run from a sealed copy where the launcher makes one (its link goes in `linkDir`). */
export async function openRunc(root: string, bin: string, linkDir: string): Promise<Runc> {
  if (!(await sealCopy(bin))) return new Runc(root, bin);
  // Named runc, so that the processes are too.
  const link = join(linkDir, 'runc');
  await mkdir(linkDir, { recursive: true });
  await rm(link, { force: true });
  await symlink('/proc/self/fd/9', link);
  return new Runc(root, bin, link);
}
