/**
 * @module runtime/oci/layer-pool
 * Writable layers made ahead of time. A container's layer is a directory on disk with an empty
 * `upper/` and `work/` for its overlay; making three directories costs a few inode allocations,
 * which on some file systems take most of a millisecond each, on the path from a pod's creation
 * to its start. So a few are kept ready as `<layers>/.spare-<random>` (made in the background
 * while no container is being started) and a new container's layer is a spare renamed to
 * `<layers>/<container id>`, which allocates nothing. Spares left by an earlier run are used
 * again; `drain` removes them (for reset).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../util/logger.js';
import { isOverlayProbe } from './rootfs.js';
import { Spares } from './spares.js';

const SPARE = '.spare-';

export interface LayerPoolOptions {
  /** `<oci root>/layers`. */
  dir: string;
  /** How many to keep ready; 0 makes each on demand. */
  size: number;
  log: Logger;
  /** Resolves when no container is being started: the background work waits for it. */
  whenQuiet?: () => Promise<void>;
}

/** Whether a name in the layers directory is a spare (not a container's layer). */
export const isSpareLayer = (name: string): boolean => name.startsWith(SPARE);

export class LayerPool extends Spares<string> {
  constructor(private readonly o: LayerPoolOptions) {
    super({ size: o.size, whenQuiet: o.whenQuiet, log: o.log, what: 'a container layer' }, keptLayers(o.dir));
  }

  protected async makeSpare(): Promise<string> {
    const dir = join(this.o.dir, `${SPARE}${randomBytes(8).toString('hex')}`);
    await mkdir(join(dir, 'upper'), { recursive: true });
    await mkdir(join(dir, 'work'));
    return dir;
  }

  protected discardSpare(dir: string): Promise<void> {
    return rm(dir, { recursive: true, force: true });
  }

  /**
   * Removes the layers `inUse` says no container has, spares aside: after a reboot the records on
   * the state tmpfs are gone with the containers, and their layers on disk are left.
   */
  async removeOrphans(inUse: (id: string) => boolean): Promise<void> {
    const names = await readdir(this.o.dir).catch(() => [] as string[]);
    for (const id of names)
      if (!inUse(id) && !isSpareLayer(id) && !isOverlayProbe(id))
        await rm(join(this.o.dir, id), { recursive: true, force: true });
  }

  /**
   * Makes `target` a layer directory with empty `upper/` and `work/`: a spare renamed (at once),
   * else made now through the thread pool, so that many containers starting together (the spares
   * used up) do not hold the event loop while the disk allocates their inodes.
   */
  async make(target: string): Promise<void> {
    for (let spare = this.takeSpare(); spare; spare = this.takeSpare()) {
      try {
        renameSync(spare, target);
        return;
      } catch (err) {
        this.o.log.debug({ spare, error: (err as Error).message }, 'a spare layer could not be used');
      }
    }
    await mkdir(join(target, 'upper'), { recursive: true });
    await mkdir(join(target, 'work'));
  }
}

/** The whole spares an earlier run left in `dir`; half-made ones are removed (the refill makes others). */
function keptLayers(dir: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no layers directory yet
  }
  const kept: string[] = [];
  for (const name of names.filter(isSpareLayer)) {
    const layer = join(dir, name);
    if (existsSync(join(layer, 'upper')) && existsSync(join(layer, 'work'))) kept.push(layer);
    else void rm(layer, { recursive: true, force: true }).catch(() => {});
  }
  return kept;
}
