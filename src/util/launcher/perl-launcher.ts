/**
 * @module util/launcher/perl-launcher
 * The launcher on a helper process (./helper-script.ts): one small Perl process, started on first
 * use, forks the commands and makes the mounts, so this large process never forks for them. Its
 * requests and answers are frames on its stdin and stdout. Should the helper end, what was under
 * way fails with 127 (commands) or an error (mounts), and the next request starts a new one. The
 * helper keeps Node alive only while a request is under way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { arch } from 'node:os';
import type { Socket } from 'node:net';
import { getSystemErrorMap } from 'node:util';
import { HELPER_SCRIPT } from './helper-script.js';
import {
  mountFlags,
  type CommandOptions,
  type CommandResult,
  type Launcher,
  type MountRequest,
  type NamespacePins,
} from './launcher.js';

/** mount(2), umount2(2), memfd_create(2) and unshare(2) by architecture. */
const SYSCALLS: Record<string, number[]> = { x64: [165, 166, 319, 272], arm64: [40, 39, 279, 97] };

export const perlLauncherSupported = (): boolean => arch() in SYSCALLS;

interface Running {
  kind: 'run';
  out: Buffer[];
  err: Buffer[];
  fd3: Buffer[];
  open: number;
  code?: number;
  errno?: number;
  cmd: string;
  timedOut: boolean;
  timer?: NodeJS.Timeout;
  opts: CommandOptions;
  resolve: (r: CommandResult) => void;
}

interface Mounting {
  kind: 'mount';
  what: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

const errorMap = getSystemErrorMap();
const errnoName = (n: number) => errorMap.get(-n)?.[0] ?? `errno ${n}`;
const errnoText = (n: number) => errorMap.get(-n)?.[1] ?? `errno ${n}`;

function encode(fields: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4)];
  let len = 0;
  for (const f of fields) {
    const b = typeof f === 'string' ? Buffer.from(f) : f;
    const h = Buffer.alloc(4);
    h.writeUInt32BE(b.length);
    parts.push(h, b);
    len += 4 + b.length;
  }
  parts[0].writeUInt32BE(len);
  return Buffer.concat(parts);
}

function decode(frame: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  for (let at = 0; at + 4 <= frame.length;) {
    const n = frame.readUInt32BE(at);
    fields.push(frame.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return fields;
}

export class PerlLauncher implements Launcher {
  private child?: ChildProcess;
  private input: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<string, Running | Mounting>();

  constructor(private readonly perl = 'perl') {}

  run(cmd: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
    const env = Object.entries(opts.env ?? process.env)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    return this.track(cmd, opts, opts.fd3 ? 3 : 2, (id) => [
      'S',
      id,
      opts.cwd ?? '',
      opts.fd3 ? '1' : '',
      [cmd, ...args].join('\0'),
      env.join('\0'),
      opts.input === undefined ? '' : opts.input,
      String(opts.nice ?? 0),
      opts.sealed ?? '',
    ]);
  }

  async pinNamespaces(p: NamespacePins): Promise<void> {
    const r = await this.track('pin namespaces', {}, 0, (id) => [
      'N',
      id,
      String(p.nice ?? 0),
      p.ipc,
      p.net ?? '',
    ]);
    // Its exit code is the errno that stopped it; a helper that ended says so in stderr.
    if (r.code !== 0)
      throw new Error(`pinning namespaces on ${p.ipc}: ${r.stderr.toString() || errnoText(r.code)}`);
  }

  /** Sends a request answered as a command is (`X` at its end, with `open` pipes read first). */
  private track(
    cmd: string,
    opts: CommandOptions,
    open: number,
    frame: (id: string) => (string | Buffer)[],
  ): Promise<CommandResult> {
    return new Promise((resolve) => {
      const id = String(this.nextId++);
      const r: Running = {
        kind: 'run',
        out: [],
        err: [],
        fd3: [],
        open,
        cmd,
        timedOut: false,
        opts,
        resolve,
      };
      this.pending.set(id, r);
      if (opts.timeoutMs && opts.timeoutMs > 0)
        r.timer = setTimeout(() => {
          r.timedOut = true;
          this.send(['K', id, '9']);
        }, opts.timeoutMs);
      this.send(frame(id));
    });
  }

  mount(m: MountRequest): Promise<void> {
    const { flags, data } = mountFlags(m.options);
    return this.syscall(
      ['M', m.source, m.target, m.fstype, String(flags), data],
      `mount ${m.fstype || m.source} on ${m.target}`,
    );
  }

  unmount(target: string, opts: { detach?: boolean } = {}): Promise<void> {
    return this.syscall(['U', target, opts.detach ? '2' : '0'], `umount ${target}`);
  }

  async seal(path: string): Promise<boolean> {
    try {
      await this.syscall(['F', path], `sealed copy of ${path}`);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
  }

  private syscall([op, ...fields]: string[], what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const id = String(this.nextId++);
      this.pending.set(id, { kind: 'mount', what, resolve, reject });
      this.send([op, id, ...fields]);
    });
  }

  private send(fields: (string | Buffer)[]): void {
    const child = this.child ?? this.start();
    this.hold(true);
    child.stdin!.write(encode(fields));
  }

  private start(): ChildProcess {
    const child = spawn(
      this.perl,
      ['-e', HELPER_SCRIPT, ...(SYSCALLS[arch()] ?? [-1, -1, -1, -1]).map(String)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    this.child = child;
    this.input = Buffer.alloc(0);
    child.unref();
    child.stdin!.on('error', () => {});
    child.stdout!.on('data', (b: Buffer) => this.receive(b));
    const ended = (why: string) => {
      if (this.child === child) this.child = undefined;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        if (p.kind === 'mount') p.reject(new Error(`${p.what}: ${why}`));
        else this.settle(p, { code: 127, errno: undefined, why });
      }
    };
    child.on('error', (e) => ended(`cannot run the launcher helper: ${e.message}`));
    child.on('exit', () => ended('the launcher helper ended'));
    return child;
  }

  /** Keeps Node alive while anything is under way, and only then. */
  private hold(on: boolean): void {
    const out = this.child?.stdout as Socket | undefined;
    const into = this.child?.stdin as Socket | undefined;
    if (on) {
      out?.ref();
      into?.ref();
    } else {
      out?.unref();
      into?.unref();
    }
  }

  private receive(chunk: Buffer): void {
    this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
    while (this.input.length >= 4) {
      const n = this.input.readUInt32BE(0);
      if (this.input.length < 4 + n) break;
      const frame = this.input.subarray(4, 4 + n);
      this.input = this.input.subarray(4 + n);
      this.answer(decode(frame));
    }
    if (this.pending.size === 0) this.hold(false);
  }

  private answer([op, idb, a, b]: Buffer[]): void {
    const id = idb?.toString() ?? '';
    const p = this.pending.get(id);
    if (!p) return;
    if (p.kind === 'mount') {
      if (op.toString() !== 'R') return;
      this.pending.delete(id);
      const errno = Number(a.toString());
      if (errno === 0) p.resolve();
      else p.reject(new Error(`${p.what}: ${errnoText(errno)}`));
      return;
    }
    switch (op.toString()) {
      case 'O': {
        const fd = a.toString();
        (fd === '1' ? p.out : fd === '2' ? p.err : p.fd3).push(Buffer.from(b));
        if (fd !== '1' && p.opts.until?.({ fd3: Buffer.concat(p.fd3), stderr: Buffer.concat(p.err) })) {
          this.pending.delete(id);
          this.send(['C', id]);
          this.settle(p, { code: -1 });
        }
        return;
      }
      case 'E':
        p.open--;
        break;
      case 'X':
        p.code = Number(a.toString());
        p.errno = Number(b.toString()) || undefined;
        if (p.errno) p.open = 0;
        break;
    }
    // After the time limit, its exit is enough: what it left running may hold the pipes.
    if (p.code !== undefined && (p.open <= 0 || p.timedOut)) {
      this.pending.delete(id);
      if (p.open > 0) this.send(['C', id]);
      this.settle(p, { code: p.code, errno: p.errno });
    }
  }

  private settle(p: Running, end: { code: number; errno?: number; why?: string }): void {
    if (p.timer) clearTimeout(p.timer);
    const failed = end.errno ? `spawn ${p.cmd} ${errnoName(end.errno)}` : end.why;
    p.resolve({
      code: end.code,
      stdout: Buffer.concat(p.out),
      stderr: failed ? Buffer.from(failed) : Buffer.concat(p.err),
      fd3: Buffer.concat(p.fd3),
      timedOut: p.timedOut,
    });
  }
}
