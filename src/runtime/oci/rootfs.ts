/**
 * @module runtime/oci/rootfs
 * A container's root filesystem: an overlay whose lower layer is the image's read-only
 * filesystem (shared by every container of the image) and whose upper layer is the container's
 * own; a full copy where overlay cannot be mounted. And whether a monitor process still runs.
 *
 * runc mounts the overlay itself, inside the container's mount namespace (./spec.ts), so it never
 * appears in the host's mount table. runc reads that table four times at every container start,
 * and its cost grows with each line: with a hundred pods, their overlay lines alone were half of
 * it. The overlay goes away with the container's last process.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hostLauncher } from '../../util/launcher/host.js';
import { hostOverlayLowerDirs } from '../../util/mountinfo.js';
import { run } from './command.js';

/** The overlay's options over `lower` (under the init layer `init`, ./init-layer.ts, when given). */
export function overlayOptions(lower: string, layerDir: string, init?: string): string[] {
  return [
    `lowerdir=${init ? `${init}:${lower}` : lower}`,
    `upperdir=${join(layerDir, 'upper')}`,
    `workdir=${join(layerDir, 'work')}`,
  ];
}

const mountable = new Map<string, Promise<boolean>>();

const PROBE = '.overlay-probe-';

/** A directory the probe below works in (the layer pool leaves it alone). */
export const isOverlayProbe = (name: string): boolean => name.startsWith(PROBE);

/**
 * Whether an overlay over `lower` with its upper and work directories in `layersDir` can be
 * mounted here: tried once per `layersDir`, with a throwaway upper layer. Where it cannot,
 * `warn` hears why (containers then get a full copy of their image).
 */
export function overlayMountable(
  lower: string,
  layersDir: string,
  warn?: (message: string) => void,
): Promise<boolean> {
  let known = mountable.get(layersDir);
  if (!known) {
    known = tryOverlay(lower, join(layersDir, `${PROBE}${randomBytes(6).toString('hex')}`)).then((failed) => {
      if (failed !== undefined)
        warn?.(
          `overlay cannot be mounted over ${layersDir} (${failed}): each container gets a copy of its image`,
        );
      return failed === undefined;
    });
    mountable.set(layersDir, known);
  }
  return known;
}

/** Mounts and unmounts an overlay in `dir`; resolves with why it failed, if it did. */
async function tryOverlay(lower: string, dir: string): Promise<string | undefined> {
  const merged = join(dir, 'merged');
  try {
    for (const sub of ['upper', 'work', 'merged']) await mkdir(join(dir, sub), { recursive: true });
    const launcher = hostLauncher();
    const options = [overlayOptions(lower, dir).join(',')];
    await launcher.mount({ source: 'overlay', target: merged, fstype: 'overlay', options });
    await launcher.unmount(merged, { detach: true });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** Fills `target` with a copy of `lower`: the rootfs where overlay cannot be mounted. */
export async function copyRootfs(lower: string, target: string): Promise<void> {
  const cp = await run('cp', ['-a', `${lower}/.`, target]);
  if (cp.code !== 0) throw new Error(`cannot prepare the rootfs: ${cp.stderr.toString().trim()}`);
}

/** Unmounts a rootfs overlay mounted on the host, as earlier versions did; nothing there is fine. */
export async function unmountRootfs(dir: string): Promise<void> {
  await hostLauncher()
    .unmount(join(dir, 'rootfs'), { detach: true })
    .catch(() => {});
}

/**
 * Every lower directory a container's overlay uses: those of the containers' bundles under
 * `containersDir` (`<id>/config.json`), and of overlays mounted on the host (earlier versions).
 */
export async function lowerDirsInUse(containersDir: string): Promise<string[]> {
  const out = await hostOverlayLowerDirs();
  for (const id of await readdir(containersDir).catch(() => [] as string[])) {
    const spec = await readFile(join(containersDir, id, 'config.json'), 'utf8').catch(() => '');
    out.push(...bundleLowerDirs(spec));
  }
  return out;
}

/** The lower directories of the root overlay a bundle's config.json asks runc to mount. */
export function bundleLowerDirs(configJson: string): string[] {
  let spec: { mounts?: { destination?: string; type?: string; options?: string[] }[] };
  try {
    spec = JSON.parse(configJson) as typeof spec;
  } catch {
    return [];
  }
  const root = spec.mounts?.find((m) => m.destination === '/' && m.type === 'overlay');
  const lower = root?.options?.find((o) => o.startsWith('lowerdir='));
  return lower ? lower.slice('lowerdir='.length).split(':') : [];
}

/** Whether `pid` runs (a zombie nobody reaped yet does not: pid 1 here may be slow to reap). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}
