/**
 * @module runtime/oci/exit-watch
 * How the oci runtime learns that a container exited: conmon writes `<exitDir>/<id>` (watched,
 * with a slow sweep for what the watch misses); the first time an exit is seen, the OOM verdict
 * is taken from conmon's marker and the memory cgroup (before runc deletes it) and listeners hear
 * of it. A container found at start-up whose conmon is gone is given up as exited (255).
 */
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../util/clock.js';
import { oomKills } from './cgroups.js';
import { readExit, type ExitRecord } from './conmon.js';
import { writeRecord, type ContainerRecord } from './records.js';
import { processAlive } from './rootfs.js';
import type { Runc } from './runc.js';

export interface Observed extends ExitRecord {
  reason: string;
  message: string;
}

export interface ExitWatchDeps {
  exitDir: string;
  clock: Clock;
  runc: Runc;
  /** The runtime's containers, by id (read, never changed here). */
  containers: ReadonlyMap<string, ContainerRecord>;
  /** A container's exit was seen for the first time. */
  onExit(rec: ContainerRecord): void;
}

export class ExitWatch {
  private readonly exits = new Map<string, Observed>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly watcher: FSWatcher;
  private readonly poll: NodeJS.Timeout;
  private sweeping = false;

  constructor(private readonly d: ExitWatchDeps) {
    // A failure here (a record that cannot be written) must not become an unhandled rejection,
    // which would end the agent: the next sweep or status call looks again.
    this.watcher = watch(d.exitDir, (_ev, file) => {
      if (file) this.notice(String(file)).catch(() => {});
    });
    this.watcher.on('error', () => {});
    this.poll = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = true;
      this.sweep()
        .catch(() => {})
        .finally(() => (this.sweeping = false));
    }, 1000);
    this.poll.unref();
  }

  close(): void {
    this.watcher.close();
    clearInterval(this.poll);
  }

  /** Drops what is known of a removed container. */
  forget(id: string): void {
    this.exits.delete(id);
  }

  /**
   * A started container found at start-up whose conmon is gone without writing its exit (killed
   * with the machine's processes but not the machine, say) would look running for ever: it is
   * taken as exited, its code unknown (255), as a CRI runtime reports a lost container.
   */
  adopt(rec: ContainerRecord): void {
    if (!rec.startedAt || rec.failed || existsSync(join(this.d.exitDir, rec.id))) return;
    let pid = 0;
    try {
      pid = Number(readFileSync(join(rec.dir, 'conmon.pid'), 'utf8').trim());
    } catch {
      // no pid file: treated as gone
    }
    if (pid > 0 && processAlive(pid)) return;
    const message = 'the container monitor (conmon) is gone; the exit code is unknown';
    rec.failed = { exitCode: 255, finishedAt: this.d.clock.nowMs(), reason: 'Error', message };
    writeRecord(join(rec.dir, 'record.json'), rec);
    // Whatever still runs of it is unmonitored: it goes, so a restart never runs two copies.
    void this.d.runc.kill(rec.id, 'SIGKILL', true).catch(() => {});
  }

  /**
   * Whether the container has an exit: known, or its exit file written. Synchronous (one stat on
   * the state tmpfs) for the check before a start, which must not wait on the thread pool.
   */
  hasExit(rec: ContainerRecord): boolean {
    return this.exits.has(rec.id) || existsSync(join(this.d.exitDir, rec.id));
  }

  /** The container's exit, when it has exited; the OOM verdict is taken the first time it is seen. */
  async observe(rec: ContainerRecord): Promise<Observed | undefined> {
    const known = this.exits.get(rec.id);
    if (known) return known;
    if (rec.failed) return { ...rec.failed, oomKilled: false };
    // A running container (the usual case, read on every pod sync) costs one stat on the tmpfs,
    // not two trips through the thread pool.
    if (!this.hasExit(rec)) return undefined;
    const exit = await readExit({ exitDir: this.d.exitDir, persistDir: join(rec.dir, 'persist') }, rec.id);
    if (!exit) return undefined;
    const oom = exit.oomKilled || (await oomKills(rec.cgroupsPath)) > 0 || rec.oomKilled === true;
    const seen: Observed = {
      ...exit,
      oomKilled: oom,
      reason: oom ? 'OOMKilled' : exit.exitCode === 0 ? 'Completed' : 'Error',
      message: '',
    };
    // Removed while this read was under way: nothing is recorded, written or told of it (its
    // directory may be gone, and listeners already heard ContainerDeleted).
    if (this.d.containers.get(rec.id) !== rec) return seen;
    if (oom && !rec.oomKilled) {
      rec.oomKilled = true;
      writeRecord(join(rec.dir, 'record.json'), rec);
    }
    if (!this.exits.has(rec.id)) {
      this.exits.set(rec.id, seen);
      this.d.onExit(rec);
    }
    return seen;
  }

  /** Resolves true once the container's exit is known, false when `ms` ran out first. */
  waitExit(rec: ContainerRecord, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: boolean) => {
        if (done) return;
        done = true;
        timer.cancel();
        clearInterval(tick);
        this.waiters.get(rec.id)?.delete(wake);
        resolve(v);
      };
      const wake = () => void this.observe(rec).then((e) => e && finish(true));
      const timer = this.d.clock.setTimeout(() => finish(false), ms);
      const tick = setInterval(wake, 50);
      let set = this.waiters.get(rec.id);
      if (!set) this.waiters.set(rec.id, (set = new Set()));
      set.add(wake);
      wake();
    });
  }

  private async notice(file: string): Promise<void> {
    const rec = this.d.containers.get(file);
    if (!rec) return;
    await this.observe(rec);
    for (const w of this.waiters.get(rec.id) ?? []) w();
  }

  private async sweep(): Promise<void> {
    for (const rec of this.d.containers.values())
      if (rec.startedAt && !this.exits.has(rec.id)) await this.observe(rec);
  }
}
