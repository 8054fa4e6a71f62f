/**
 * @module runtime/oci/command
 * Runs the host tools the oci runtime drives (runc, conmon, the CNI plugins, ip, mount): a
 * promise of the exit code and output, with stdin, extra environment and an optional time limit.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface CommandResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
  /** True when the time limit ran out and the command was killed. */
  timedOut: boolean;
}

export interface CommandOptions {
  input?: string | Buffer;
  /** Replaces the environment when given (the CNI plugins read theirs from it). */
  env?: NodeJS.ProcessEnv;
  /** 0 or undefined: no limit. */
  timeoutMs?: number;
}

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
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      opts.timeoutMs && opts.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, opts.timeoutMs)
        : undefined;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      resolve({ code: 127, stdout: Buffer.alloc(0), stderr: Buffer.from(String(e.message)), timedOut });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const exit = code ?? (signal ? 128 + signalNumber(signal) : 1);
      resolve({ code: exit, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs and resolves with stdout, or rejects with a CommandError. */
export async function runOk(cmd: string, args: string[], opts: CommandOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new CommandError(`${cmd} ${args.join(' ')}`, r);
  return r.stdout.toString();
}

/** The shell's 128+n for a child ended by a signal (SIGSEGV 139, SIGABRT 134, not just the common five). */
function signalNumber(sig: NodeJS.Signals): number {
  return constants.signals[sig] ?? 1;
}
