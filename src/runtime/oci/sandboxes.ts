/**
 * @module runtime/oci/sandboxes
 * The oci runtime's pod sandboxes: their records (read back at start, so a restarted agent keeps
 * them), opening one (./sandbox-open.ts), tearing its network down when the pod stops, removing
 * its files and cgroup, and their status as the RuntimeService reports it. Containers are the
 * runtime's business: it stops and removes a sandbox's containers before calling in here.
 */
import { join } from 'node:path';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { PodSandboxConfig, PodSandboxStatus, SandboxFilter } from '../interface.js';
import { podCgroup, removeCgroup } from './cgroups.js';
import type { CniNetwork, CniPlugins } from './cni.js';
import { readRecords, writeRecord, type SandboxRecord } from './records.js';
import { openSandbox } from './sandbox-open.js';
import type { SandboxPool } from './sandbox-pool.js';
import { removeSandboxFiles, sandboxFiles } from './sandbox.js';
import { pidHolderAlive, stopPidHolder } from './pid-holder.js';

export interface SandboxesOptions {
  /** `<oci root>/run`: the records are under its `sandboxes/`. */
  stateRoot: string;
  pool: SandboxPool;
  cni: CniPlugins;
  network: CniNetwork;
  clock: Clock;
  log: Logger;
  /** First path component of the cgroups (`kubeling`). */
  cgroupPrefix: string;
}

export const labelsMatch = (labels: Record<string, string>, sel?: Record<string, string>) =>
  !sel || Object.entries(sel).every(([k, v]) => labels[k] === v);

export class Sandboxes {
  private readonly records = new Map<string, SandboxRecord>();

  constructor(private readonly o: SandboxesOptions) {
    for (const s of readRecords<SandboxRecord>(join(o.stateRoot, 'sandboxes'))) this.records.set(s.id, s);
  }

  get(id: string): SandboxRecord | undefined {
    return this.records.get(id);
  }

  async open(config: PodSandboxConfig): Promise<string> {
    const rec = await openSandbox(
      {
        root: this.o.stateRoot,
        pool: this.o.pool,
        cni: this.o.cni,
        network: this.o.network,
        clock: this.o.clock,
      },
      config,
      podCgroup(this.o.cgroupPrefix, config.metadata.uid),
    );
    this.records.set(rec.id, rec);
    return rec.id;
  }

  /**
   * Stops what the sandbox itself runs, once its containers are stopped: the shared PID
   * namespace's PID 1, then the pod's network (CNI DEL; a failure is logged, as upstream goes
   * on); marks it stopped. False when it was stopped already.
   */
  async stop(rec: SandboxRecord): Promise<boolean> {
    if (rec.stopped) return false;
    // As a pause container's end: the shared PID namespace goes, with whatever still ran in it.
    if (rec.pidHolder) await stopPidHolder(rec.pidHolder);
    if (rec.netns)
      await this.o.cni
        .del(
          this.o.network,
          { containerId: rec.id, netns: rec.netns, portMappings: rec.config.portMappings },
          rec.cniResult,
        )
        .catch((e: Error) => this.o.log.warn({ sandbox: rec.id, error: e.message }, 'CNI DEL failed'));
    rec.stopped = true;
    writeRecord(join(rec.dir, 'record.json'), rec);
    return true;
  }

  /** Removes a stopped sandbox's mounts, files and cgroup, and forgets it. */
  async remove(rec: SandboxRecord): Promise<void> {
    if (rec.pidHolder) await stopPidHolder(rec.pidHolder);
    await removeSandboxFiles(sandboxFiles(rec.dir, rec.config.hostNetwork));
    await removeCgroup(rec.cgroupParent);
    this.records.delete(rec.id);
  }

  status(rec: SandboxRecord): PodSandboxStatus {
    return {
      id: rec.id,
      metadata: rec.config.metadata,
      // A shared PID namespace whose PID 1 died is a sandbox to make again, as a dead pause's.
      state:
        rec.stopped || (rec.pidHolder !== undefined && !pidHolderAlive(rec.pidHolder))
          ? 'SANDBOX_NOTREADY'
          : 'SANDBOX_READY',
      createdAt: rec.createdAt,
      ip: rec.ip,
      additionalIps: [],
      labels: rec.config.labels,
      annotations: rec.config.annotations,
    };
  }

  list(filter?: SandboxFilter): PodSandboxStatus[] {
    return [...this.records.values()]
      .map((s) => this.status(s))
      .filter(
        (s) => (!filter?.state || s.state === filter.state) && labelsMatch(s.labels, filter?.labelSelector),
      );
  }
}
