/**
 * @module runtime/oci/runc
 * The runc command line, with every container's state under one `--root` of ours (so kubeling's
 * containers never mix with another engine's). runc's own error text is kept for events.
 */
import { CommandError, run, runOk, type CommandResult } from './command.js';

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
  ) {}

  args(...rest: string[]): string[] {
    return ['--root', this.root, ...rest];
  }

  /** The container's state, or undefined when runc does not know it. */
  async state(id: string): Promise<RuncState | undefined> {
    const r = await run(this.bin, this.args('state', id));
    if (r.code !== 0) return undefined;
    return JSON.parse(r.stdout.toString()) as RuncState;
  }

  async list(): Promise<RuncState[]> {
    const out = await runOk(this.bin, this.args('list', '--format', 'json'));
    return (JSON.parse(out || 'null') as RuncState[] | null) ?? [];
  }

  /** Sends `signal` to the container's init (or every process with `all`); a stopped one is fine. */
  async kill(id: string, signal: string, all = false): Promise<void> {
    const r = await run(this.bin, this.args('kill', ...(all ? ['--all'] : []), id, signal));
    if (r.code !== 0 && !/not running|does not exist|process already finished/i.test(r.stderr.toString()))
      throw new CommandError(`runc kill ${id}`, r);
  }

  /** Forgets a container (killing it first with force); unknown IDs are fine. */
  async delete(id: string, force = true): Promise<void> {
    const r = await run(this.bin, this.args('delete', ...(force ? ['--force'] : []), id));
    if (r.code !== 0 && !/does not exist|not found/i.test(r.stderr.toString()))
      throw new CommandError(`runc delete ${id}`, r);
  }

  /** Runs `argv` in the running container with its own process settings; no stdin. */
  exec(id: string, argv: string[], timeoutMs: number): Promise<CommandResult> {
    return run(this.bin, this.args('exec', id, ...argv), { timeoutMs });
  }
}
