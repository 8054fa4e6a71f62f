/**
 * @module runtime/oci
 * The `oci` container runtime: real Linux containers by runc under conmon, images from registries
 * (./images/), pods networked by the CNI plugins. Needs root; `checkOciHost` says what is missing.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { realClock, type Clock } from '../../util/clock.js';
import { spreadSubdirectories } from '../../util/launcher/spread-dirs.js';
import { silentLogger, type Logger } from '../../util/logger.js';
import type { ContainerRuntime } from '../interface.js';
import { removeCgroup } from './cgroups.js';
import { CniPlugins, nodeNetwork } from './cni.js';
import { createImageStore, type ImageStore } from './images/store.js';
import { bridgeName, setUpNodeNetwork, tearDownNodeNetwork } from './node-network.js';
import { writeRecord } from './records.js';
import { lowerDirsInUse } from './rootfs.js';
import { containersDirOf, hasLegacyLayout, mountStateDir, stateDirOf, unmountStateDir } from './state-dir.js';
import { run, runOk } from './command.js';
import { resetOciRuntime } from './reset.js';
import { checkOciHost } from './preflight.js';
import { openRunc, Runc } from './runc.js';
import { OciRuntimeService } from './runtime.js';

export { checkOciHost } from './preflight.js';
export { OciRuntimeService } from './runtime.js';

export interface OciRuntimeOptions {
  /** The runtime's state: `<data-dir>/oci`. */
  root: string;
  /** `<data-dir>/registries.yaml`. */
  registriesFile?: string;
  /** This node's pod range (`10.42.0.0/24`). */
  podCidr: string;
  /** Routed to a local dummy device. Default `10.43.0.0/16`. */
  serviceCidr?: string;
  /** Let pod traffic leave the node (masqueraded). Default false. */
  egress?: boolean;
  /** Registries with mirrors are asked only through them. Default false. */
  disableDefaultRegistryEndpoint?: boolean;
  clock?: Clock;
  log?: Logger;
  /** cgroup path prefix; default `kubeling`. */
  cgroupPrefix?: string;
  /** Pod networks kept prepared; default 2. */
  sandboxPoolSize?: number;
}

export interface OciContainerRuntime extends ContainerRuntime {
  runtime: OciRuntimeService;
  images: ImageStore;
  bridge: string;
  /** Removes everything this runtime made (containers, pod networks, mounts, bridge, route); then closes it. */
  destroy(): Promise<void>;
}

export async function createOciRuntime(o: OciRuntimeOptions): Promise<OciContainerRuntime> {
  const host = checkOciHost();
  if (!host.ok || !host.tools)
    throw new Error(`the oci runtime cannot run here: ${host.problems.join('; ')}`);
  const clock = o.clock ?? realClock;
  const log = o.log ?? silentLogger;
  const bridge = bridgeName(o.podCidr);
  const egress = o.egress ?? false;
  const serviceCidr = o.serviceCidr ?? '10.43.0.0/16';
  mkdirSync(o.root, { recursive: true });
  if (hasLegacyLayout(o.root))
    throw new Error(
      `${o.root} holds containers of an earlier kubeling, which kept their state on disk: run \`kubeling reset\` on this data dir first`,
    );
  const stateRoot = stateDirOf(o.root);
  // Remembered for `kubeling reset`, which must find the bridge and route without the cluster.
  const cgroupPrefix = o.cgroupPrefix ?? 'kubeling';
  writeRecord(join(o.root, 'network.json'), { bridge, podCidr: o.podCidr, serviceCidr, cgroupPrefix });
  await setUpNodeNetwork({ bridge, serviceCidr, egress });
  const images = createImageStore({
    root: join(o.root, 'images'),
    registriesFile: o.registriesFile,
    disableDefaultEndpoint: o.disableDefaultRegistryEndpoint,
    clock: { now: () => clock.nowMs() },
    log,
    lowerDirsInUse: () => lowerDirsInUse(containersDirOf(stateRoot)),
  });
  const runcVersion =
    /runc version (\S+)/.exec(await runOk(host.tools.runc, ['--version']))?.[1] ?? 'unknown';
  await mountStateDir(stateRoot);
  // Every container's writable layer comes and goes under this one (see spreadSubdirectories).
  await spreadSubdirectories(join(o.root, 'layers'), log);
  const runtime = new OciRuntimeService({
    root: o.root,
    stateRoot,
    images,
    network: nodeNetwork({
      bridge,
      podCidr: o.podCidr,
      ipamDir: join(stateRoot, 'cni', 'ipam'),
      ipMasq: egress,
    }),
    clock,
    log,
    runc: await openRunc(join(stateRoot, 'runc'), host.tools.runc, join(stateRoot, 'bin')),
    runcVersion: runcVersion.replace(/\+.*/, ''),
    cni: new CniPlugins(host.tools.cniBinDir),
    conmonPath: host.tools.conmon,
    cgroupPrefix,
    sandboxPoolSize: o.sandboxPoolSize,
  });
  runtime.startPool();
  void runtime
    .removeOrphanLayers()
    .catch((e: Error) => log.warn({ error: e.message }, 'removing orphaned container layers failed'));
  return {
    runtime,
    images,
    bridge,
    async close() {
      await runtime.close();
      await images.close();
    },
    async destroy() {
      await resetOciRuntime(runtime);
      await runtime.close();
      await images.close();
      await unmountStateDir(stateRoot);
      await tearDownNodeNetwork({ bridge, serviceCidr });
      await removeCgroup(`/${cgroupPrefix}`);
    },
  };
}

/**
 * Removes every container and sandbox under `root` (as recorded there), then the node's bridge,
 * route and rules: `kubeling reset`, and tests leaving nothing behind. Safe to run twice.
 */
export async function resetOciRoot(root: string, log: Logger = silentLogger): Promise<void> {
  let net: { bridge: string; podCidr: string; serviceCidr: string; cgroupPrefix?: string } | undefined;
  try {
    net = JSON.parse(readFileSync(join(root, 'network.json'), 'utf8')) as typeof net;
  } catch {
    if (!existsSync(join(root, 'containers')) && !existsSync(join(root, 'sandboxes'))) return; // never ran here
  }
  // An earlier kubeling kept this state on disk right under the root.
  const legacy = hasLegacyLayout(root);
  const stateRoot = legacy ? root : stateDirOf(root);
  const host = checkOciHost();
  if (!host.ok || !host.tools) throw new Error(`cannot reset: ${host.problems.join('; ')}`);
  const images = createImageStore({ root: join(root, 'images') });
  const runtime = new OciRuntimeService({
    root,
    stateRoot,
    images,
    network: nodeNetwork({
      bridge: net?.bridge ?? 'kl-unknown',
      podCidr: net?.podCidr ?? '10.42.0.0/24',
      ipamDir: join(stateRoot, 'cni', 'ipam'),
      ipMasq: false,
    }),
    clock: realClock,
    log,
    runc: new Runc(join(stateRoot, 'runc'), host.tools.runc),
    runcVersion: '',
    cni: new CniPlugins(host.tools.cniBinDir),
    conmonPath: host.tools.conmon,
  });
  try {
    await resetOciRuntime(runtime);
  } finally {
    await runtime.close();
    await images.close();
  }
  if (legacy) {
    await run('umount', ['-l', join(root, 'sandboxes')]);
    for (const d of ['sandboxes', 'containers', 'exits', 'sock'])
      await rm(join(root, d), { recursive: true, force: true });
  } else await unmountStateDir(stateRoot);
  // Where earlier versions kept the init layers (now beside each image's rootfs, ./bundle.ts).
  await rm(join(root, 'init'), { recursive: true, force: true });
  if (net) await tearDownNodeNetwork(net);
  // The prefix this root's runtime used (a test's own), when it is one plain path component.
  const prefix = net?.cgroupPrefix;
  await removeCgroup(`/${prefix && /^[\w.-]+$/.test(prefix) && !/^\.+$/.test(prefix) ? prefix : 'kubeling'}`);
}
