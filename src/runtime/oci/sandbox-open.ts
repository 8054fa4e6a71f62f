/**
 * @module runtime/oci/sandbox-open
 * Opening a pod sandbox: a prepared network from the pool (or, for hostNetwork pods, an IPC
 * namespace of its own only), then the pod's own parts — port mappings, /etc/hostname,
 * resolv.conf, the pod's process, CPU and memory limits, a shared PID namespace — and its record. Nothing is left half made on failure.
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../util/clock.js';
import { RuntimeError, type PodSandboxConfig } from '../interface.js';
import { joinPodCgroup, removeCgroup, setPodPidsLimit, setPodResourceLimits } from './cgroups.js';
import type { CniNetwork, CniPlugins } from './cni.js';
import { writeRecord, type SandboxRecord } from './records.js';
import {
  createNamespaces,
  removeSandboxFiles,
  sandboxFiles,
  writePodFiles,
  type SandboxFiles,
} from './sandbox.js';
import { POOL_MARK, type PreparedSandbox, type SandboxPool } from './sandbox-pool.js';
import { startPidHolder, stopPidHolder } from './pid-holder.js';
import { hostLauncher } from '../../util/launcher/host.js';

export interface OpenSandboxDeps {
  root: string;
  pool: SandboxPool;
  cni: CniPlugins;
  network: CniNetwork;
  clock: Clock;
}

export async function openSandbox(
  d: OpenSandboxDeps,
  config: PodSandboxConfig,
  cgroupParent: string,
): Promise<SandboxRecord> {
  let prepared: PreparedSandbox | undefined;
  let files: SandboxFiles;
  try {
    if (config.hostNetwork) {
      files = sandboxFiles(join(d.root, 'sandboxes', randomBytes(16).toString('hex')), true);
      // The script may fail after the tmpfs is mounted: what it made goes with it.
      await createNamespaces(files).catch(async (err: Error) => {
        await removeSandboxFiles(files).catch(() => {});
        throw err;
      });
    } else {
      prepared = await d.pool.take();
      files = prepared.files;
    }
  } catch (err) {
    throw new RuntimeError('SandboxFailed', `failed to set up sandbox: ${(err as Error).message}`);
  }
  const id = prepared?.id ?? basename(files.dir);
  const rec: SandboxRecord = {
    id,
    config,
    createdAt: d.clock.nowMs(),
    stopped: false,
    ip: prepared?.ip ?? '',
    cniResult: prepared?.cniResult,
    dir: files.dir,
    netns: files.netns,
    ipc: files.ipc,
    cgroupParent,
  };
  const call = { containerId: id, netns: files.netns ?? '', portMappings: config.portMappings };
  try {
    if (prepared && config.portMappings.length)
      rec.cniResult = await d.cni.addPortMappings(d.network, call, prepared.cniResult);
    await writePodFiles(files, config);
    if (config.pidsLimit) await setPodPidsLimit(cgroupParent, config.pidsLimit);
    if (config.cpuLimitMillis || config.memoryLimitBytes) await setPodResourceLimits(cgroupParent, config);
    if (config.sharedPidNamespace) {
      rec.pidHolder = await startPidHolder(hostLauncher(), files.dir);
      await joinPodCgroup(cgroupParent, rec.pidHolder);
    }
    writeRecord(join(files.dir, 'record.json'), rec);
    rmSync(join(files.dir, POOL_MARK), { force: true }); // on the state tmpfs: no thread-pool trip
  } catch (err) {
    if (rec.pidHolder) await stopPidHolder(rec.pidHolder);
    if (files.netns) await d.cni.del(d.network, call, rec.cniResult).catch(() => {});
    await removeSandboxFiles(files).catch(() => {});
    await removeCgroup(cgroupParent).catch(() => {});
    throw new RuntimeError('SandboxFailed', `failed to set up sandbox: ${(err as Error).message}`);
  }
  return rec;
}
