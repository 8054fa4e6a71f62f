/**
 * @module kubelet/volumes/volume-manager
 * Materializes a pod's volumes on the host before its containers are created, and removes them
 * when the pod is done, as upstream's volume manager with the in-tree plugins does. Layout:
 *
 * ```
 * <rootDir>/pods/<uid>/volumes/kubernetes.io~empty-dir/<name>    emptyDir (tmpfs when medium Memory)
 * <rootDir>/pods/<uid>/volumes/kubernetes.io~configmap/<name>    atomically written files
 * <rootDir>/pods/<uid>/volumes/kubernetes.io~secret/<name>
 * <rootDir>/pods/<uid>/volumes/kubernetes.io~downward-api/<name>
 * <rootDir>/pods/<uid>/volumes/kubernetes.io~projected/<name>
 * <rootDir>/pods/<uid>/etc-hosts, containers/<name>/<id>          (container-mounts.ts)
 * ```
 * hostPath volumes are the host path itself (type-checked, never created under the pod, never
 * removed). `setUpPod` runs on every sync of a running pod, so ConfigMap, Secret, downward API
 * and token changes reach the files (rewritten only when their content changed). Failures come
 * back per volume worded as upstream's `MountVolume.SetUp failed for volume "v" : <cause>`.
 * With `memoryBackedSecrets`, secret and projected volumes each get a tmpfs first (upstream keeps
 * secrets and tokens off the disk that way).
 * What goes into configMap, secret and projected volumes is gathered in ./sources.ts.
 * `removePod` unmounts the pod's tmpfs volumes and deletes its directory, refusing when anything
 * else is still mounted inside it (a directory is never removed across a mount point).
 * With a pod `fsGroup`, the volumes the kubelet makes belong to that group, as upstream's
 * SetVolumeOwnership: group read (and write, unless the plugin is read-only) on files, plus
 * setgid and search on directories; a projected token file is then 0600 before that (0640 after).
 */
import { mkdirSync } from 'node:fs';
import { chmod, lchown, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pod, Volume } from '../../api/core/pods/types.js';
import { parseQuantity, quantityValue } from '../../machinery/quantity.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { podResources } from '../runtime-manager/resources.js';
import { writeAtomic, type Payload } from './atomic-writer.js';
import { checkHostPathType } from './host-path.js';
import { linuxMounter, type Mounter } from './mounter.js';
import {
  aggregate,
  DEFAULT_MODE,
  downwardPayload,
  hostAllocatable,
  type NodeAllocatable,
} from './payload.js';
import { keyPayloadOf, projectedPayload, type VolumeDataLookup, type VolumeSources } from './sources.js';
import { TokenManager, type RequestToken } from './token.js';

export type { VolumeDataLookup };

export interface VolumeManagerOptions {
  /** The kubelet's root directory; pods live under `<rootDir>/pods/<uid>`. */
  rootDir: string;
  lookup: VolumeDataLookup;
  requestToken: RequestToken;
  clock: Clock;
  log: Logger;
  /** Default: `mount`/`umount` and /proc/self/mountinfo. */
  mounter?: Mounter;
  /** What unset container limits mean to resourceFieldRef; default: this machine's CPUs and memory. */
  nodeAllocatable?: NodeAllocatable;
  /**
   * Keep secret and projected volumes on a tmpfs of their own, as upstream does so that secrets
   * and tokens never reach the disk. Needs root (mount); default false.
   */
  memoryBackedSecrets?: boolean;
}

/** A volume ready to be mounted into containers. */
export interface MountedVolume {
  hostPath: string;
  /** The plugin mounts it read-only whatever the volumeMount says (configMap, secret, …). */
  readOnly: boolean;
}

/** One volume that could not be set up; `message` is the FailedMount event's text. */
export class VolumeSetUpError extends Error {
  constructor(
    readonly volume: string,
    readonly detail: string,
  ) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${detail}`);
    this.name = 'VolumeSetUpError';
  }
}

export interface PodVolumesResult {
  /** Every volume set up, by name. */
  volumes: Map<string, MountedVolume>;
  errors: VolumeSetUpError[];
}

export const PLUGIN_DIRS = {
  emptyDir: 'kubernetes.io~empty-dir',
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
} as const;

/** The plugins whose volumes may be a tmpfs of this manager's (memory emptyDir, memory-backed secrets). */
export const TMPFS_PLUGIN_DIRS: readonly string[] = [
  PLUGIN_DIRS.emptyDir,
  PLUGIN_DIRS.secret,
  PLUGIN_DIRS.projected,
];

/** Kinds this kubelet knows but cannot provide (no attach/CSI machinery). */
const KNOWN_KEYS = new Set([
  'name',
  'emptyDir',
  'hostPath',
  'configMap',
  'secret',
  'downwardAPI',
  'projected',
]);

export class VolumeManager {
  readonly tokens: TokenManager;
  private readonly mounter: Mounter;
  private readonly allocatable: NodeAllocatable;
  /** The volumes of each pod as last set up. */
  private readonly mounted = new Map<string, Map<string, MountedVolume>>();
  /** Directories with a tmpfs this manager mounted or found mounted (dropped when torn down). */
  private readonly tmpfsMounted = new Set<string>();
  /** Where volume data comes from (./sources.ts). */
  private readonly sources: VolumeSources;

  constructor(private readonly opts: VolumeManagerOptions) {
    this.mounter = opts.mounter ?? linuxMounter;
    this.allocatable = opts.nodeAllocatable ?? hostAllocatable();
    this.tokens = new TokenManager({ requestToken: opts.requestToken, clock: opts.clock, log: opts.log });
    this.sources = { lookup: opts.lookup, tokens: this.tokens, allocatable: this.allocatable, log: opts.log };
  }

  podDir(uid: string): string {
    return join(this.opts.rootDir, 'pods', uid);
  }

  volumeDir(uid: string, plugin: string, name: string): string {
    return join(this.podDir(uid), 'volumes', plugin, name);
  }

  /** The volumes last set up for the pod (undefined before the first `setUpPod`). */
  podVolumes(uid: string): Map<string, MountedVolume> | undefined {
    return this.mounted.get(uid);
  }

  /**
   * Sets up or refreshes every volume of the pod; never rejects for one volume's failure. A
   * volume set up before whose refresh fails stays in `volumes` with its old content.
   */
  async setUpPod(pod: Pod): Promise<PodVolumesResult> {
    const uid = pod.metadata.uid ?? '';
    const volumes = new Map<string, MountedVolume>();
    const errors: VolumeSetUpError[] = [];
    const previous = this.mounted.get(uid);
    for (const v of pod.spec.volumes ?? []) {
      try {
        volumes.set(v.name, await this.setUp(pod, v));
      } catch (err) {
        errors.push(new VolumeSetUpError(v.name, err instanceof Error ? err.message : String(err)));
        // A refresh that failed leaves the volume as it was: containers still mount it.
        const before = previous?.get(v.name);
        if (before) volumes.set(v.name, before);
      }
    }
    this.mounted.set(uid, volumes);
    return { volumes, errors };
  }

  private async setUp(pod: Pod, v: Volume): Promise<MountedVolume> {
    const uid = pod.metadata.uid ?? '';
    const ns = pod.metadata.namespace ?? 'default';
    if (v.hostPath) {
      await checkHostPathType(v.hostPath.path, v.hostPath.type);
      return { hostPath: v.hostPath.path, readOnly: false };
    }
    if (v.emptyDir) {
      const dir = this.volumeDir(uid, PLUGIN_DIRS.emptyDir, v.name);
      const made = (await mkdir(dir, { recursive: true, mode: 0o750 })) !== undefined;
      if (v.emptyDir.medium === 'Memory') {
        const size = tmpfsSize(pod, v.emptyDir.sizeLimit, this.allocatable.memoryBytes);
        if (await this.ensureTmpfs(dir, made, size)) await this.applyFsGroup(pod, dir, false);
      } else if (made) {
        // As upstream: world-writable, so that any user in the container can use it.
        await chmod(dir, 0o777);
        await this.applyFsGroup(pod, dir, false);
      }
      return { hostPath: dir, readOnly: false };
    }
    if (v.configMap || v.secret) {
      const kind = v.configMap ? 'configmap' : 'secret';
      const src = v.configMap ?? v.secret!;
      const name = v.configMap ? (v.configMap.name ?? '') : (v.secret!.secretName ?? '');
      const plugin = v.configMap ? PLUGIN_DIRS.configMap : PLUGIN_DIRS.secret;
      const dir = this.volumeDir(uid, plugin, v.name);
      const payload = await whileMounting(
        keyPayloadOf(this.sources, kind, ns, name, src, src.defaultMode ?? DEFAULT_MODE),
        v.secret ? this.ensureMemoryBacked(dir) : undefined,
      );
      return this.write(pod, dir, payload);
    }
    if (v.downwardAPI) {
      const { payload, errors } = downwardPayload(
        pod,
        v.downwardAPI.items,
        v.downwardAPI.defaultMode ?? DEFAULT_MODE,
        this.allocatable,
      );
      if (errors.length) throw new Error(aggregate(errors));
      return this.write(pod, this.volumeDir(uid, PLUGIN_DIRS.downwardAPI, v.name), payload);
    }
    if (v.projected) {
      const dir = this.volumeDir(uid, PLUGIN_DIRS.projected, v.name);
      const payload = await whileMounting(
        projectedPayload(this.sources, pod, v),
        this.ensureMemoryBacked(dir),
      );
      return this.write(pod, dir, payload);
    }
    const kind = Object.keys(v).find((k) => !KNOWN_KEYS.has(k) && v[k] !== undefined) ?? 'unknown';
    throw new Error(`volume type ${kind} is not supported by this node`);
  }

  /** With memoryBackedSecrets: a tmpfs at `dir` before anything is written into it. */
  private async ensureMemoryBacked(dir: string): Promise<void> {
    if (!this.opts.memoryBackedSecrets || this.tmpfsMounted.has(dir)) return;
    // Made synchronously, so that the mount request leaves at once, while the volume's data is
    // fetched, not after a trip through the thread pool and a turn of a loop busy with the pod.
    const made = mkdirSync(dir, { recursive: true, mode: 0o750 }) !== undefined;
    await this.ensureTmpfs(dir, made);
  }

  /**
   * Mounts a tmpfs at `dir` unless one is there; true when it mounted one. A directory made just
   * now has none, one this run mounted has one; only a directory an earlier run of the agent left
   * needs the mount table read (which costs milliseconds with hundreds of pods' mounts, and pods
   * are synced again and again).
   */
  private async ensureTmpfs(dir: string, made: boolean, sizeBytes?: number): Promise<boolean> {
    if (this.tmpfsMounted.has(dir)) return false;
    const there = !made && (await this.mounter.mountsUnder(dir)).includes(dir);
    if (!there) await this.mounter.mountTmpfs(dir, sizeBytes);
    this.tmpfsMounted.add(dir);
    return !there;
  }

  private async write(pod: Pod, dir: string, payload: Payload): Promise<MountedVolume> {
    if (await writeAtomic(dir, payload, this.opts.clock.now())) await this.applyFsGroup(pod, dir, true);
    return { hostPath: dir, readOnly: true };
  }

  /** Upstream's SetVolumeOwnership (policy Always): symlinks are skipped, never followed. */
  private async applyFsGroup(pod: Pod, dir: string, readOnly: boolean): Promise<void> {
    const gid = pod.spec.securityContext?.fsGroup;
    if (gid === undefined) return;
    const walk = async (path: string): Promise<void> => {
      const st = await lstat(path);
      if (st.isSymbolicLink()) return;
      await lchown(path, st.uid, gid);
      let mask = readOnly ? 0o440 : 0o660;
      if (st.isDirectory()) mask |= 0o2000 | 0o110;
      await chmod(path, (st.mode & 0o7777) | mask);
      if (st.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
    };
    await walk(dir);
  }

  /**
   * Unmounts the pod's tmpfs volumes and removes its `volumes/` directory (a terminated pod's
   * volumes go, as upstream; its container files stay until `removePod`).
   */
  async tearDownVolumes(uid: string): Promise<void> {
    this.mounted.delete(uid);
    await this.removeUnder(uid, join(this.podDir(uid), 'volumes'));
  }

  /** Tears the pod's volumes down and removes `<rootDir>/pods/<uid>`; forgets its tokens. */
  async removePod(uid: string): Promise<void> {
    this.mounted.delete(uid);
    this.tokens.forgetPod(uid);
    await this.removeUnder(uid, this.podDir(uid));
  }

  /**
   * Removes the directory of every pod on disk that `keep` rejects (pods gone while the kubelet
   * was down). `keep` is asked at removal time, so a pod that just arrived is never removed.
   */
  async cleanupOrphans(keep: (uid: string) => boolean): Promise<void> {
    let names: string[];
    try {
      names = await readdir(join(this.opts.rootDir, 'pods'));
    } catch {
      return;
    }
    // Log directories (`<ns>_<name>_<uid>`) share the folder; pod directories are bare UIDs.
    for (const name of names) {
      if (name.includes('_') || keep(name)) continue;
      try {
        await this.removePod(name);
      } catch (err) {
        this.opts.log.warn({ uid: name, err: String(err) }, 'removing orphaned pod directory failed');
      }
    }
  }

  /**
   * Unmounts the pod's tmpfs volumes below `dir` (its pod directory or its `volumes/`), then
   * removes `dir`. Refuses (rejects) when another mount is still there: a recursive removal would
   * delete inside it. Symlinks are removed, never followed.
   */
  private async removeUnder(uid: string, dir: string): Promise<void> {
    const volumes = join(this.podDir(uid), 'volumes');
    // Only the tmpfs mounts this manager makes are undone; anything else blocks the removal.
    const ours = TMPFS_PLUGIN_DIRS.map((p) => `${join(volumes, p)}/`);
    for (const point of await this.mounter.mountsUnder(dir)) {
      if (ours.some((prefix) => point.startsWith(prefix))) await this.mounter.unmount(point);
    }
    for (const point of this.tmpfsMounted)
      if (point === dir || point.startsWith(`${dir}/`)) this.tmpfsMounted.delete(point);
    const left = await this.mounter.mountsUnder(dir);
    if (left.length > 0) throw new Error(`not removing ${dir}: still mounted: ${left.join(', ')}`);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A volume's data, fetched while its tmpfs is mounted (each is a round trip; upstream does one
 * after the other). Both are settled before it returns, so a pod torn down right after a failure
 * never races a mount still under way; a failed fetch is the error reported, as it was first.
 */
async function whileMounting(
  payload: Promise<Payload>,
  mounting: Promise<void> | undefined,
): Promise<Payload> {
  const [data, mounted] = await Promise.allSettled([payload, mounting]);
  if (data.status === 'rejected') throw data.reason;
  if (mounted.status === 'rejected') throw mounted.reason;
  return data.value;
}

/**
 * The tmpfs size of a memory-backed emptyDir, as upstream's calculateEmptyDirMemorySize: the
 * node's allocatable memory, lowered to the pod's memory limit (when every container declares
 * one) and then to the volume's sizeLimit, each only when it is positive and smaller.
 */
function tmpfsSize(pod: Pod, sizeLimit: string | undefined, nodeMemoryBytes: number): number | undefined {
  let size = nodeMemoryBytes > 0 ? nodeMemoryBytes : Infinity;
  const podLimit = podResources(pod).memoryLimitBytes ?? 0;
  if (podLimit > 0 && podLimit <= size) size = podLimit;
  const volumeLimit = sizeLimit ? quantityValue(parseQuantity(sizeLimit)) : 0;
  if (volumeLimit > 0 && volumeLimit <= size) size = volumeLimit;
  return Number.isFinite(size) ? size : undefined;
}
