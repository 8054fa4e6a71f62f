/**
 * @module runtime/oci/sandbox-pool
 * Pod networks made ahead of time. Making one (namespaces, a tmpfs, the CNI bridge plugin) is most
 * of the time a pod takes to start, and none of it depends on the pod: so a few are kept ready,
 * each with its namespaces and IP, and a new pod takes one and gets its own /etc/hostname,
 * resolv.conf and port mappings. One is made again in the background for each taken. A prepared
 * one is marked by `pooled.json` in its directory, so that a restarted runtime keeps its pool and
 * `kubeling reset` finds it.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../util/logger.js';
import { parseMountPoints } from '../../util/mountinfo.js';
import { podIP, type CniNetwork, type CniPlugins, type CniResult } from './cni.js';
import { writeRecord } from './records.js';
import { Spares } from './spares.js';
import { createNamespaces, removeSandboxFiles, sandboxFiles, type SandboxFiles } from './sandbox.js';

export interface PreparedSandbox {
  id: string;
  files: SandboxFiles;
  cniResult: CniResult;
  ip: string;
}

export interface SandboxPoolOptions {
  /** `<oci root>/sandboxes` (a private mount). */
  dir: string;
  cni: CniPlugins;
  network: CniNetwork;
  log: Logger;
  /** How many to keep ready; 0 makes each on demand. */
  size: number;
  /** Resolves when no container is being started: the background work waits for it. */
  whenQuiet?: () => Promise<void>;
}

export const POOL_MARK = 'pooled.json';

export class SandboxPool extends Spares<PreparedSandbox> {
  constructor(private readonly o: SandboxPoolOptions) {
    const { kept, stale } = earlierPrepared(o.dir);
    super({ size: o.size, whenQuiet: o.whenQuiet, log: o.log, what: 'a pod sandbox' }, kept);
    for (const p of stale)
      void this.release(p).catch((e: Error) =>
        o.log.warn({ sandbox: p.id, error: e.message }, 'releasing a stale pod network failed'),
      );
  }

  /** A prepared network sandbox: a ready one, else one made now. Starts a refill either way. */
  async take(): Promise<PreparedSandbox> {
    return this.takeSpare() ?? (await this.prepare());
  }

  /** Makes one: namespaces, tmpfs and the CNI chain for `eth0` without port mappings. */
  async prepare(background = false): Promise<PreparedSandbox> {
    const id = randomBytes(16).toString('hex');
    const files = sandboxFiles(join(this.o.dir, id), false);
    // Made in the background at the lowest priority, it leaves the CPUs to the pods being started.
    const call = { containerId: id, netns: files.netns!, portMappings: [], nice: background ? 19 : 0 };
    try {
      await createNamespaces(files, call.nice);
      const cniResult = await this.o.cni.add(this.o.network, call);
      return { id, files, cniResult, ip: podIP(cniResult) };
    } catch (err) {
      await this.o.cni.del(this.o.network, call).catch(() => {});
      await removeSandboxFiles(files).catch(() => {});
      throw err;
    }
  }

  /** Tears a prepared sandbox down (its IP returns to the range). */
  async release(p: PreparedSandbox): Promise<void> {
    await this.o.cni
      .del(this.o.network, { containerId: p.id, netns: p.files.netns!, portMappings: [] }, p.cniResult)
      .catch((e: Error) => this.o.log.warn({ sandbox: p.id, error: e.message }, 'CNI DEL failed'));
    await removeSandboxFiles(p.files);
  }

  /** One made in the background and marked, so that a restarted runtime keeps it. */
  protected async makeSpare(): Promise<PreparedSandbox> {
    const p = await this.prepare(true);
    try {
      writeRecord(join(p.files.dir, POOL_MARK), { id: p.id, cniResult: p.cniResult, ip: p.ip });
    } catch (err) {
      await this.release(p); // unmarked, it would hold its IP and mounts until a reset
      throw err;
    }
    return p;
  }

  protected discardSpare(p: PreparedSandbox): Promise<void> {
    return this.release(p);
  }
}

/**
 * The sandboxes an earlier run prepared and nobody took: kept while their namespace is still
 * held; stale after a reboot (the bind mount is gone), to be released so their IP goes back.
 * A half-prepared one (no mark) is left for the next reset.
 */
function earlierPrepared(dir: string): { kept: PreparedSandbox[]; stale: PreparedSandbox[] } {
  const kept: PreparedSandbox[] = [];
  const stale: PreparedSandbox[] = [];
  const mounted = mountPoints();
  for (const id of safeReaddir(dir)) {
    const sbDir = join(dir, id);
    if (existsSync(join(sbDir, 'record.json'))) continue;
    let p: PreparedSandbox;
    try {
      const mark = JSON.parse(readFileSync(join(sbDir, POOL_MARK), 'utf8')) as Omit<PreparedSandbox, 'files'>;
      p = { ...mark, files: sandboxFiles(sbDir, false) };
    } catch {
      continue;
    }
    (mounted.has(p.files.netns!) ? kept : stale).push(p);
  }
  return { kept, stale };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The mount points of this process's mount namespace. */
function mountPoints(): Set<string> {
  try {
    return new Set(parseMountPoints(readFileSync('/proc/self/mountinfo', 'utf8')));
  } catch {
    return new Set();
  }
}
