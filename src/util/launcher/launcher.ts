/**
 * @module util/launcher/launcher
 * How kubeling starts host tools (runc, conmon, the CNI plugins, ip, iptables) and makes mounts.
 * Every fork of a large Node.js process costs milliseconds (its page tables are copied), and a pod
 * needs several: so the host's launcher is a small helper process that forks for us and calls
 * mount(2) itself (./perl-launcher.ts), with Node's own spawn where Perl is missing
 * (./node-launcher.ts). Both pass ./launcher.conformance.ts.
 */

export interface CommandResult {
  /** Exit code; 128+n after signal n; 127 when it could not be run; -1 when `until` ended the wait. */
  code: number;
  stdout: Buffer;
  stderr: Buffer;
  /** What came through the pipe at fd 3 (`fd3` asked for). */
  fd3: Buffer;
  /** True when the time limit ran out and the command was killed. */
  timedOut: boolean;
}

export interface CommandOptions {
  input?: string | Buffer;
  /** Replaces the environment when given (the CNI plugins read theirs from it). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** 0 or undefined: no limit. */
  timeoutMs?: number;
  /** Added to its niceness: background work (19) leaves the CPU to what a pod waits for. */
  nice?: number;
  /** A pipe at fd 3 as well (conmon's sync pipe). */
  fd3?: boolean;
  /**
   * Asked after each piece of output: true stops waiting (code -1), leaving the process to run;
   * what it writes later is read and dropped (conmon daemonizes and keeps its pipes).
   */
  until?: (so: { fd3: Buffer; stderr: Buffer }) => boolean;
  /**
   * An executable whose sealed copy (`Launcher.seal`) the command finds open at fd 9, made now
   * when there is none yet. A command execs the copy through a symlink to /proc/self/fd/9.
   */
  sealed?: string;
}

export interface MountRequest {
  /** Empty for none (a propagation change). */
  source: string;
  target: string;
  /** Empty for none (a bind mount or a propagation change). */
  fstype: string;
  /** mount(8)-style options: flags (ro, nosuid, nodev, noexec, bind, private, …) and data (size=…). */
  options?: string[];
}

export interface NamespacePins {
  /** The file the new IPC namespace is held on (a bind mount of its nsfs file). */
  ipc: string;
  /** The file a new network namespace is held on, when the sandbox has one; its `lo` is up. */
  net?: string;
  /** Added to the niceness of the work (19 for sandboxes prepared in the background). */
  nice?: number;
}

export interface Launcher {
  run(cmd: string, args: string[], opts?: CommandOptions): Promise<CommandResult>;
  /** Rejects with the reason, in words, when the mount cannot be made. */
  mount(m: MountRequest): Promise<void>;
  /** New namespaces, each held on its file as `unshare --ipc=FILE --net=FILE` holds them. */
  pinNamespaces(p: NamespacePins): Promise<void>;
  /** Lazy (`umount -l`) when `detach`; rejects when nothing is mounted there. */
  unmount(target: string, opts?: { detach?: boolean }): Promise<void>;
  /**
   * Makes a sealed copy of the executable at `path` (a memfd no one can change), for commands
   * given `sealed`: false where this launcher cannot, and then those commands have no fd 9.
   */
  seal(path: string): Promise<boolean>;
  /** Ends any helper process; commands it started keep running. */
  close(): void;
}

const FLAGS: Record<string, number> = {
  ro: 1,
  rw: 0,
  nosuid: 2,
  nodev: 4,
  noexec: 8,
  remount: 32,
  bind: 4096,
  rbind: 4096 | 16384,
  private: 1 << 18,
  rprivate: (1 << 18) | 16384,
  relatime: 1 << 21,
};

/** mount(2)'s flags and data string for mount(8)-style options. */
export function mountFlags(options: string[] = []): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const o of options) {
    if (o in FLAGS) flags |= FLAGS[o];
    else data.push(o);
  }
  return { flags, data: data.join(',') };
}
