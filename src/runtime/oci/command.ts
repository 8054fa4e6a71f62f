/**
 * @module runtime/oci/command
 * Runs the host tools the oci runtime drives (runc, conmon, the CNI plugins, ip, iptables) through
 * the host's launcher (../../util/launcher/): a promise of the exit code and output, with stdin,
 * extra environment and an optional time limit.
 */
import type { CommandOptions, CommandResult } from '../../util/launcher/launcher.js';
import { hostLauncher } from '../../util/launcher/host.js';

export type { CommandOptions, CommandResult };

/** A command that failed: its text is the tool's own last words (stderr, else stdout). */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    const said = (result.stderr.toString().trim() || result.stdout.toString().trim()).split('\n');
    super(said.slice(-3).join('; ') || `${command} exited with ${result.code}`);
    this.name = 'CommandError';
  }
}

export function run(cmd: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
  return hostLauncher().run(cmd, args, opts);
}

/** A sealed copy of the executable at `path` for commands given `sealed`; false where none can be made. */
export function sealCopy(path: string): Promise<boolean> {
  return hostLauncher().seal(path);
}

/** Runs and resolves with stdout, or rejects with a CommandError. */
export async function runOk(cmd: string, args: string[], opts: CommandOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new CommandError(`${cmd} ${args.join(' ')}`, r);
  return r.stdout.toString();
}
