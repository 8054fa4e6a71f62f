/**
 * @module util/launcher/node-launcher
 * The launcher on Node's own child_process: each command forks this process, and mounts run
 * mount(8) and umount(8). Used where the helper of ./perl-launcher.ts cannot run.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import type { CommandOptions, CommandResult, Launcher, MountRequest, NamespacePins } from './launcher.js';

export class NodeLauncher implements Launcher {
  run(cmd: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
    return new Promise((resolve) => {
      const stdio: StdioOptions = ['pipe', 'pipe', 'pipe', ...(opts.fd3 ? ['pipe' as const] : [])];
      // coreutils' nice(1): set before the command runs, so whatever it starts inherits it.
      const [file, argv] = opts.nice ? ['nice', ['-n', String(opts.nice), cmd, ...args]] : [cmd, args];
      const child = spawn(file, argv, { env: opts.env ?? process.env, cwd: opts.cwd, stdio });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const fd3: Buffer[] = [];
      let timedOut = false;
      let done = false;
      const finish = (r: Omit<CommandResult, 'timedOut'>) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        resolve({ ...r, timedOut });
      };
      const timer =
        opts.timeoutMs && opts.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, opts.timeoutMs)
          : undefined;
      const collected = () => ({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        fd3: Buffer.concat(fd3),
      });
      const ask = () => {
        if (done || !opts.until) return;
        const so = collected();
        if (!opts.until(so)) return;
        finish({ code: -1, ...so });
        // It runs on: what it says later is read and dropped, and it does not keep Node alive.
        for (const s of [child.stdout, child.stderr, child.stdio[3]] as (Readable | null)[]) {
          s?.removeAllListeners('data');
          s?.on('data', () => {});
          (s as unknown as { unref?: () => void })?.unref?.();
        }
        child.unref();
      };
      child.stdout!.on('data', (b: Buffer) => out.push(b));
      child.stderr!.on('data', (b: Buffer) => {
        err.push(b);
        ask();
      });
      (child.stdio[3] as Readable | null)?.on('data', (b: Buffer) => {
        fd3.push(b);
        ask();
      });
      child.stdin!.on('error', () => {});
      child.on('error', (e) =>
        finish({ code: 127, stdout: Buffer.alloc(0), stderr: Buffer.from(e.message), fd3: Buffer.alloc(0) }),
      );
      // After the time limit, its exit is enough: what it left running may hold the pipes.
      child.on('exit', (code, signal) => {
        if (timedOut) child.emit('close', code, signal);
      });
      child.on('close', (code, signal) => {
        const exit = code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1);
        finish({ code: exit, ...collected() });
      });
      child.stdin!.end(opts.input ?? '');
    });
  }

  async mount(m: MountRequest): Promise<void> {
    // A propagation change alone is its own mount(8) option.
    const propagation = m.options?.length === 1 && /^r?private$/.test(m.options[0]) ? m.options[0] : '';
    if (propagation && !m.fstype) {
      const r = await this.run('mount', [`--make-${propagation}`, m.target]);
      if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `mount exited with ${r.code}`);
      return;
    }
    const args = [
      ...(m.fstype ? ['-t', m.fstype] : []),
      ...(m.options?.length ? ['-o', m.options.join(',')] : []),
    ];
    const r = await this.run('mount', [...args, m.source || 'none', m.target]);
    if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `mount exited with ${r.code}`);
  }

  async unmount(target: string, opts: { detach?: boolean } = {}): Promise<void> {
    const r = await this.run('umount', [...(opts.detach ? ['-l'] : []), target]);
    if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `umount exited with ${r.code}`);
  }

  async pinNamespaces(p: NamespacePins): Promise<void> {
    // unshare(1) holds each new namespace by a bind mount on its file, then runs the command in them.
    const held = [`--ipc=${p.ipc}`, ...(p.net ? [`--net=${p.net}`] : [])];
    const then = p.net ? ['ip', 'link', 'set', 'lo', 'up'] : ['true'];
    const r = await this.run('unshare', [...held, ...then], { nice: p.nice });
    if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `unshare exited with ${r.code}`);
  }

  /** Node's spawn has no way to hand a memfd to a command. */
  async seal(): Promise<boolean> {
    return false;
  }

  close(): void {}
}
