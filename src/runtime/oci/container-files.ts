/**
 * @module runtime/oci/container-files
 * What a container is on the host besides its processes, made and removed as one: its directory
 * on the state tmpfs (record, bundle, the paths conmon writes), its writable layer on disk, its
 * exit and attach-socket entries and its cgroup; and its status as the RuntimeService reports it,
 * from its record and the exit conmon wrote.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../util/logger.js';
import { RuntimeError, type ContainerConfig, type ContainerStatus } from '../interface.js';
import { writeBundle } from './bundle.js';
import { removeCgroup } from './cgroups.js';
import type { ConmonPaths } from './conmon.js';
import type { Observed } from './exit-watch.js';
import type { LocalImage } from './images/store.js';
import type { LayerPool } from './layer-pool.js';
import { writeRecord, type ContainerRecord, type SandboxRecord } from './records.js';
import { unmountRootfs } from './rootfs.js';
import type { Runc } from './runc.js';

export interface ContainerFilesDeps {
  runc: Runc;
  layers: LayerPool;
  exitDir: string;
  sockDir: string;
  log: Logger;
}

/**
 * Makes the container's directories, layer and bundle (rootfs mounted, config.json) and writes
 * its record last; on a failure whatever was made is removed and the error rethrown.
 */
export async function makeContainerFiles(
  d: ContainerFilesDeps,
  rec: ContainerRecord,
  config: ContainerConfig,
  image: LocalImage,
  sandbox: SandboxRecord,
  pidNamespace?: string,
): Promise<void> {
  try {
    for (const sub of ['rootfs', 'persist']) mkdirSync(join(rec.dir, sub), { recursive: true });
    if (rec.layerDir) await d.layers.make(rec.layerDir);
    await writeBundle({ rec, config, image, sandbox, pidNamespace, warn: (m) => d.log.warn(m) });
    writeRecord(join(rec.dir, 'record.json'), rec);
  } catch (err) {
    await removeContainerFiles(d, rec);
    throw err;
  }
}

/** Forgets the container in runc, unmounts its rootfs and removes its files (not its log). */
export async function removeContainerFiles(d: ContainerFilesDeps, rec: ContainerRecord): Promise<void> {
  await d.runc
    .delete(rec.id)
    .catch((e: Error) => d.log.warn({ id: rec.id, error: e.message }, 'runc delete failed'));
  await unmountRootfs(rec.dir);
  // The record goes first: stopped halfway, what is left is an exit file without a container,
  // never a container whose exit can no longer be seen.
  await rm(join(rec.dir, 'record.json'), { force: true });
  await rm(rec.dir, { recursive: true, force: true });
  if (rec.layerDir) await rm(rec.layerDir, { recursive: true, force: true });
  await rm(join(d.exitDir, rec.id), { force: true });
  await rm(join(d.sockDir, rec.id), { force: true });
  await removeCgroup(rec.cgroupsPath);
}

/**
 * The PID namespace a container targeting `targetId` joins (`kubectl debug --target`): the
 * running target's, in the same sandbox; none without a target. Throws when it does not run.
 */
export function targetPidNamespace(
  containers: ReadonlyMap<string, ContainerRecord>,
  sandboxId: string,
  targetId: string | undefined,
): string | undefined {
  if (!targetId) return undefined;
  const target = containers.get(targetId);
  const ns = target?.sandboxId === sandboxId ? pidNamespaceOf(target) : undefined;
  if (!ns)
    throw new RuntimeError(
      'CreateContainerFailed',
      `target container ${targetId} is not running in sandbox ${sandboxId}`,
    );
  return ns;
}

/** The PID namespace of a running container (`/proc/<its init pid>/ns/pid`); undefined when it does not run. */
function pidNamespaceOf(rec: Pick<ContainerRecord, 'dir'>): string | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(rec.dir, 'pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
  const path = `/proc/${pid}/ns/pid`;
  return pid > 0 && existsSync(path) ? path : undefined;
}

/** Where conmon keeps the container's pid, log, exit code, OOM marker and attach socket. */
export function conmonPaths(
  d: Pick<ContainerFilesDeps, 'runc' | 'exitDir' | 'sockDir'>,
  rec: Pick<ContainerRecord, 'dir' | 'logPath'>,
): ConmonPaths {
  return {
    bundle: rec.dir,
    runcRoot: d.runc.root,
    logPath: rec.logPath,
    exitDir: d.exitDir,
    persistDir: join(rec.dir, 'persist'),
    socketDir: d.sockDir,
    pidFile: join(rec.dir, 'pid'),
    conmonPidFile: join(rec.dir, 'conmon.pid'),
  };
}

/** The CRI status of a container from its record and its exit (undefined while it runs or was never started). */
export function containerStatusOf(rec: ContainerRecord, exit: Observed | undefined): ContainerStatus {
  return {
    id: rec.id,
    podSandboxId: rec.sandboxId,
    metadata: rec.config.metadata,
    state: exit ? 'CONTAINER_EXITED' : rec.startedAt ? 'CONTAINER_RUNNING' : 'CONTAINER_CREATED',
    createdAt: rec.createdAt,
    startedAt: rec.startedAt,
    finishedAt: exit?.finishedAt ?? 0,
    exitCode: exit?.exitCode ?? 0,
    reason: exit?.reason ?? '',
    message: exit?.message ?? '',
    image: rec.image,
    imageRef: rec.imageRef,
    labels: rec.config.labels,
    annotations: rec.config.annotations,
    logPath: rec.logPath,
  };
}
