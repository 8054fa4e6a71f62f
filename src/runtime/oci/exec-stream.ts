/**
 * @module runtime/oci/exec-stream
 * Streaming exec and attach for real containers (`kubectl exec -it`, `kubectl attach -it`).
 *
 * exec, as CRI-O's ExecContainer: `runc exec` in the foreground. Without a tty runc hands its own
 * stdin, stdout and stderr to the command, so our pipes reach it directly and the two streams stay
 * apart. With a tty runc makes the container's terminal and copies between it and its own
 * terminal, which must be a real one (runc reads its size from it and forwards SIGWINCH): CRI-O
 * gives it a pty it owns; Node cannot open ptys, so util-linux `script` (Debian's bsdutils,
 * Essential, so always installed) holds that pty and runs runc in it. A resize sets the size of
 * that pty (`stty -F`, coreutils), which the kernel announces to runc with SIGWINCH, and runc
 * copies it to the container's terminal.
 *
 * attach, as CRI-O's AttachContainer: conmon (started with `-i`, or `-t` for a tty container)
 * serves the container's stdio on `<bundle>/attach`, a SOCK_SEQPACKET unix socket: each packet
 * it sends is one byte naming the stream (2 stdout, 3 stderr) and the bytes; what a client sends is
 * the container's input, and a client's shutdown for writing closes that input unless conmon was
 * told `--leave-stdin-open`. Resizes are lines `1 <rows> <cols>` written to the fifo `<bundle>/ctl`.
 * Node cannot open SEQPACKET sockets (libuv speaks stream sockets only), so a small Perl program
 * (perl-base is Essential on Debian and its Socket module knows SOCK_SEQPACKET) relays: packets
 * to its stdout or stderr by their first byte, its stdin to the socket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { open, readFile, readlink } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { RuntimeError, type ExecProcess, type StreamOptions } from '../interface.js';
import type { Runc } from './runc.js';

/** The exit code of a child as a shell reports it: its code, or 128 + the signal's number. */
function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (osConstants.signals[signal] ?? 1) : 1);
}

/** Resolves with the child's exit code once it has exited and its output streams have closed. */
function exitOf(child: ChildProcess, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new RuntimeError('Unavailable', `cannot run ${what}: ${e.message}`)));
    child.once('close', (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

/** A POSIX shell word for `s`. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `cmd` in the running container `id`, wired as `opts` asks. */
export function execStream(runc: Runc, id: string, cmd: string[], opts: StreamOptions): ExecProcess {
  return opts.tty ? execTty(runc, id, cmd, opts) : execPipes(runc, id, cmd, opts);
}

function execPipes(runc: Runc, id: string, cmd: string[], opts: StreamOptions): ExecProcess {
  const child = spawn(runc.bin, runc.args('exec', id, ...cmd), {
    stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => {}); // the command may stop reading before its input ends
  const exit = exitOf(child, 'runc');
  return {
    stdin: child.stdin ?? undefined,
    stdout: child.stdout!,
    stderr: child.stderr!,
    resize: () => {},
    exit,
    kill: () => stop(child, exit),
  };
}

/** How long a terminal exec waits for the client's first size before it starts without one. */
export const NO_SIZE_START_MS = 3000;

function execTty(runc: Runc, id: string, cmd: string[], opts: StreamOptions): ExecProcess {
  // TERM as CRI-O and Docker set it for a terminal; `exec` leaves runc as script's only child.
  const argv = [runc.bin, ...runc.args('exec', '--tty', '--env', 'TERM=xterm', id, ...cmd)];
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let child: ChildProcess | undefined;
  let resizer: PtyResizer | undefined;
  let settle!: { resolve: (code: number) => void; reject: (e: unknown) => void };
  const exit = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  // The client says its size first thing; runc copies the pty's size when it starts, so the pty
  // gets it before runc runs (a size set later reaches the command only as a SIGWINCH, which a
  // command that asks at once would miss). Without a size within 3 s, it starts anyway: a
  // terminal client always sends one, but under load it has taken over a second to arrive.
  const start = (size?: { cols: number; rows: number }) => {
    if (child) return;
    clearTimeout(timer);
    // Raw from the start: runc makes its terminal raw too, but output that comes before it does
    // would have its newlines turned into CR LF a second time (`started\r\r\n`).
    const setSize = `stty raw${size ? ` rows ${size.rows} cols ${size.cols}` : ''} 2>/dev/null; `;
    child = spawn(
      'script',
      [
        '--quiet', '--return', '--echo', 'never',
        '--command', `${setSize}exec ${argv.map(shellQuote).join(' ')}`,
        '/dev/null',
      ], // prettier-ignore
      // runc's own errors reach the terminal, so stdout; script writes nothing else worth keeping.
      { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, SHELL: '/bin/sh' } },
    );
    child.stdin!.on('error', () => {});
    // Input goes to the terminal even without stdin, so that script keeps it open; it is left empty.
    if (opts.stdin) stdin.pipe(child.stdin!);
    child.stdout!.pipe(stdout);
    // Done once script has ended and everything it printed has passed through `stdout`.
    const drained = new Promise<void>((resolve) => stdout.once('end', resolve));
    Promise.all([exitOf(child, 'script'), drained]).then(([code]) => settle.resolve(code), settle.reject);
    resizer = new PtyResizer(child, exit);
  };
  const timer = setTimeout(() => start(), NO_SIZE_START_MS);
  return {
    stdin: opts.stdin ? stdin : undefined,
    stdout,
    resize: (cols, rows) => {
      // A client on a terminal of no size (0x0) says so: it starts at once, as it is.
      if (!(cols > 0 && rows > 0)) return child ? undefined : start();
      if (child) resizer!.resize(cols, rows);
      else start({ cols: Math.floor(cols), rows: Math.floor(rows) });
    },
    exit,
    kill: () => {
      if (child) return stop(child, exit);
      clearTimeout(timer);
      stdout.end();
      settle.resolve(exitCodeOf(null, 'SIGKILL'));
    },
  };
}

/** Ends a foreground runc (or script around it): runc passes SIGTERM on to the command; SIGKILL later. */
function stop(child: ChildProcess, exit: Promise<number>): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  timer.unref();
  void exit.finally(() => clearTimeout(timer)).catch(() => {});
}

/**
 * Sizes the pty script made for runc. Its slave is runc's stdin; setting its size makes the kernel
 * send runc SIGWINCH. Only the newest size matters: sizes that arrive while one is being set are
 * folded into the next.
 */
class PtyResizer {
  private wanted?: { cols: number; rows: number };
  private busy = false;
  private ended = false;
  private pts?: string;

  constructor(
    private readonly script: ChildProcess,
    exit: Promise<number>,
  ) {
    void exit.finally(() => (this.ended = true)).catch(() => {});
  }

  resize(cols: number, rows: number): void {
    if (!(cols > 0 && rows > 0)) return;
    this.wanted = { cols: Math.floor(cols), rows: Math.floor(rows) };
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.wanted && !this.ended) {
        const size = this.wanted;
        this.wanted = undefined;
        const pts = await this.findPts();
        if (!pts) return;
        await new Promise<void>((resolve) => {
          const stty = spawn('stty', ['-F', pts, 'rows', String(size.rows), 'cols', String(size.cols)], {
            stdio: 'ignore',
          });
          stty.once('error', () => resolve());
          stty.once('close', () => resolve());
        });
      }
    } finally {
      this.busy = false;
    }
  }

  /** The pty runc runs on (`/dev/pts/N`), once script has started it; undefined if it never does. */
  private async findPts(): Promise<string | undefined> {
    if (this.pts) return this.pts;
    const pid = this.script.pid;
    if (!pid) return undefined;
    for (let i = 0; i < 100 && !this.ended; i++) {
      const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
      const child = children.trim().split(/\s+/)[0];
      if (child) {
        const target = await readlink(`/proc/${child}/fd/0`).catch(() => '');
        if (target.startsWith('/dev/pts/')) return (this.pts = target);
      }
      await sleep(20);
    }
    return undefined;
  }
}

/**
 * The relay between conmon's attach socket and our pipes. Arguments: the socket's path and
 * whether to pass stdin. It says `ok` on fd 3 once connected; it ends when conmon closes the
 * socket (the container stopped) or when killed. At the end of its stdin it shuts the socket
 * down for writing, which closes the container's stdin unless conmon leaves it open.
 */
const ATTACH_RELAY = String.raw`
use strict; use warnings; use Socket;
my ($path, $in) = @ARGV;
$SIG{PIPE} = 'DEFAULT';
open(my $ctl, '>&=', 3) or die "no fd 3: $!\n";
my $s;
socket($s, AF_UNIX, SOCK_SEQPACKET, 0) && connect($s, pack_sockaddr_un($path))
  or do { syswrite($ctl, "cannot connect to $path: $!\n"); exit 1 };
syswrite($ctl, "ok\n"); close($ctl);
sub put { my ($fh, $d) = @_; while (length $d) { my $n = syswrite($fh, $d); exit 0 unless defined $n; substr($d, 0, $n) = ''; } }
my $sf = fileno($s);
while (1) {
  my $r = ''; vec($r, $sf, 1) = 1; vec($r, 0, 1) = 1 if $in;
  my $n = select($r, undef, undef, undef);
  next if $n < 0 && $!{EINTR};
  die "select: $!\n" if $n < 0;
  if (vec($r, $sf, 1)) {
    my $got = sysread($s, my $pkt, 65536);
    last unless $got;
    put(ord($pkt) == 3 ? \*STDERR : \*STDOUT, substr($pkt, 1));
  }
  if ($in && vec($r, 0, 1)) {
    my $got = sysread(STDIN, my $buf, 8192);
    if (!$got) { shutdown($s, 1); $in = 0; next; }
    defined(send($s, $buf, 0)) or last;
  }
}
`;

export interface AttachTarget {
  /** The container's bundle directory: conmon's `attach` socket and `ctl` fifo are in it. */
  bundle: string;
  /** The container was created with stdin (conmon `-i` or `-t`): input can reach it. */
  stdinOpen: boolean;
}

/** Attaches to a running container's stdio through conmon; resolves once connected. */
export async function attachStream(target: AttachTarget, opts: StreamOptions): Promise<ExecProcess> {
  const withStdin = opts.stdin && target.stdinOpen;
  // Connect by a path relative to the bundle: a unix socket path has at most 107 bytes.
  const child = spawn('perl', ['-e', ATTACH_RELAY, 'attach', withStdin ? '1' : '0'], {
    cwd: target.bundle,
    stdio: [withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => {});
  const exit = exitOf(child, 'perl');
  // The relay's first line on fd 3: `ok`, or why it could not connect.
  const first = await new Promise<string>((resolve) => {
    let text = '';
    const ctl = child.stdio[3] as NodeJS.ReadableStream;
    ctl.on('data', (b: Buffer) => {
      text += b.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    ctl.once('end', () => resolve(text.trim()));
    exit.then(
      () => resolve(text.trim()),
      (e: Error) => resolve(e.message),
    );
  });
  if (first !== 'ok') {
    child.kill('SIGKILL');
    await exit.catch(() => {});
    throw new RuntimeError('Unavailable', `cannot attach to the container: ${first || 'the relay ended'}`);
  }
  const sizes = new CtlResizer(join(target.bundle, 'ctl'));
  return {
    stdin: child.stdin ?? undefined,
    stdout: child.stdout!,
    stderr: opts.tty ? undefined : child.stderr!,
    resize: (cols, rows) => {
      if (opts.tty) sizes.resize(cols, rows);
    },
    exit: exit.then(() => 0),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/**
 * Sends resizes to conmon's control fifo, newest size only. conmon 2.1.6 (Debian 12) handles one
 * line per read of the fifo (two lines read together apply the first twice and lose the second),
 * so lines go out one at a time, a little apart: kubectl attach sends size+1 and then the size at
 * once, to make the program redraw.
 */
class CtlResizer {
  private wanted?: string;
  private busy = false;

  constructor(private readonly path: string) {}

  resize(cols: number, rows: number): void {
    if (!(cols > 0 && rows > 0)) return;
    this.wanted = `1 ${Math.floor(rows)} ${Math.floor(cols)}\n`;
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.wanted) {
        const line = this.wanted;
        this.wanted = undefined;
        await writeCtl(this.path, line);
        await sleep(50);
      }
    } finally {
      this.busy = false;
    }
  }
}

/** One line to conmon's control fifo; lost (as conmon would lose it) when conmon is gone. */
async function writeCtl(path: string, line: string): Promise<void> {
  try {
    const fh = await open(path, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK);
    try {
      await fh.write(line);
    } finally {
      await fh.close();
    }
  } catch {
    // no conmon reading: the container has stopped
  }
}
