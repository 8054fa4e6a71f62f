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
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../util/logger.js';

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

export class LayerPool {
  private readonly ready: string[] = [];
  private filling?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: LayerPoolOptions) {
    let names: string[] = [];
    try {
      names = readdirSync(o.dir);
    } catch {
      // no layers directory yet
    }
    for (const name of names) {
      const dir = join(o.dir, name);
      if (!isSpareLayer(name)) continue;
      // Half made when the agent stopped: removed, and made again by the refill.
      if (existsSync(join(dir, 'upper')) && existsSync(join(dir, 'work'))) this.ready.push(dir);
      else void rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  }

  get readyCount(): number {
    return this.ready.length;
  }

  /** Makes `target` a layer directory with empty `upper/` and `work/`: a spare renamed, else made now. */
  make(target: string): void {
    for (let spare = this.ready.shift(); spare; spare = this.ready.shift()) {
      try {
        renameSync(spare, target);
        this.refill();
        return;
      } catch (err) {
        this.o.log.debug({ spare, error: (err as Error).message }, 'a spare layer could not be used');
      }
    }
    for (const d of ['upper', 'work']) mkdirSync(join(target, d), { recursive: true });
    this.refill();
  }

  /** Fills up to the pool's size, one at a time, in the background. */
  refill(): void {
    if (this.stopped || this.filling || this.ready.length >= this.o.size) return;
    this.filling = (async () => {
      while (!this.stopped && this.ready.length < this.o.size) {
        await this.o.whenQuiet?.();
        if (this.stopped) break;
        const dir = join(this.o.dir, `${SPARE}${randomBytes(8).toString('hex')}`);
        await mkdir(join(dir, 'upper'), { recursive: true });
        await mkdir(join(dir, 'work'));
        this.ready.push(dir);
      }
    })()
      .catch((err: Error) => this.o.log.warn({ error: err.message }, 'preparing a container layer failed'))
      .finally(() => (this.filling = undefined));
  }

  /** Stops refilling and waits for one in progress; ready ones stay for the next run. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.filling;
  }

  /** Stops refilling and removes every spare. */
  async drain(): Promise<void> {
    await this.stop();
    for (const dir of this.ready.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}
