/**
 * @module runtime/oci/bundle
 * A container's OCI bundle: its config.json (./spec.ts), with the sandbox's namespaces, files and
 * the container's cgroup, and its rootfs: an overlay over the image, under the init layer that
 * holds the pod's mount points (./init-layer.ts), that runc mounts (./rootfs.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { ContainerConfig } from '../interface.js';
import { currentCapabilities } from './capabilities.js';
import { hostDevices } from './host-devices.js';
import type { LocalImage } from './images/store.js';
import { derivedDirOf } from './images/unpack.js';
import { INIT_LAYER_DIRS, INIT_LAYER_FILES, initLayerFor } from './init-layer.js';
import type { ContainerRecord, SandboxRecord } from './records.js';
import { copyRootfs, overlayMountable, overlayOptions } from './rootfs.js';
import { buildSpec } from './spec.js';
import { pidNamespaceOfHolder } from './pid-holder.js';
import { userDbOf } from './users.js';

export interface BundleInput {
  rec: ContainerRecord;
  config: ContainerConfig;
  image: LocalImage;
  sandbox: SandboxRecord;
  /** The PID namespace to join (`/proc/<pid>/ns/pid` of the target container), if any. */
  pidNamespace?: string;
  /** Told once when overlay cannot be mounted here. */
  warn?: (message: string) => void;
}

/** Writes config.json into `rec.dir` (and the rootfs, where it is a copy); the log directory is made too. */
export async function writeBundle({
  rec,
  config,
  image,
  sandbox: sb,
  pidNamespace,
  warn,
}: BundleInput): Promise<void> {
  const rootfs = join(rec.dir, 'rootfs');
  const has = (path: string) => config.mounts.some((m) => m.containerPath === path);
  // /etc/hostname and /etc/resolv.conf come from the sandbox for every container; the others
  // only when the kubelet mounts them.
  const init = initLayerFor(
    image.rootfs,
    derivedDirOf(image.rootfs),
    INIT_LAYER_FILES.filter((f) => f !== '/etc/hosts' || has(f)),
    INIT_LAYER_DIRS.filter(has),
  );
  const layerDir = rec.layerDir ?? rec.dir;
  const overlay = (await overlayMountable(image.rootfs, dirname(layerDir), warn))
    ? overlayOptions(image.rootfs, layerDir, init)
    : undefined;
  if (!overlay) await copyRootfs(image.rootfs, rootfs);
  mkdirSync(dirname(rec.logPath), { recursive: true });
  const spec = buildSpec({
    config,
    image: image.config,
    rootfs,
    rootOverlay: overlay,
    namespaces: {
      network: sb.netns,
      ipc: sb.ipc,
      pid: pidNamespace ?? (sb.pidHolder ? pidNamespaceOfHolder(sb.pidHolder) : undefined),
      hostIPC: sb.config.hostIPC,
      hostPID: sb.config.hostPID,
    },
    sandboxFiles: {
      hostname: join(sb.dir, 'hostname'),
      resolvConf: join(sb.dir, 'resolv.conf'),
      // As containerd: a hostIPC pod's containers share the host's /dev/shm.
      shm: sb.config.hostIPC ? '/dev/shm' : join(sb.dir, 'shm'),
    },
    cgroupsPath: rec.cgroupsPath,
    // As containerd: a hostNetwork container keeps the host's UTS namespace, and its HOSTNAME
    // is the host's name (as its /etc/hostname), not empty.
    hostname: sb.config.hostNetwork ? hostname() : sb.config.hostname,
    utsNamespace: !sb.config.hostNetwork,
    swapAccounting: existsSync('/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'),
    // The image's users: a new container's own layer is empty.
    ...userDbOf(image.rootfs),
    hostDevices: config.security?.privileged ? await hostDevices() : undefined,
    allCapabilities: currentCapabilities(),
  });
  writeFileSync(join(rec.dir, 'config.json'), JSON.stringify(spec));
}
