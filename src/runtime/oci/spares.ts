/**
 * @module runtime/oci/spares
 * Things made ahead of time, a few at a time: the pod networks (./sandbox-pool.ts) and the
 * containers' writable layers (./layer-pool.ts). Up to `size` are kept ready; they are made one
 * after another in the background, each only once no container is being started (a container
 * start is what they exist to speed up, and making one would slow it down).
 */
import type { Logger } from '../../util/logger.js';

export interface SparesOptions {
  /** How many to keep ready; 0 keeps none. */
  size: number;
  /** Resolves when no container is being started. */
  whenQuiet?: () => Promise<void>;
  log: Logger;
  /** What they are, for the log: `a pod network`. */
  what: string;
}

/** The fill; a pool says how one is made and undone. */
export abstract class Spares<T> {
  private readonly ready: T[];
  private filling?: Promise<void>;
  private stopped = false;

  /** `kept`: ready ones an earlier run left. */
  constructor(
    private readonly fill: SparesOptions,
    kept: T[] = [],
  ) {
    this.ready = [...kept];
  }

  /** Makes one in the background. */
  protected abstract makeSpare(): Promise<T>;

  /** Undoes one (for drain). */
  protected abstract discardSpare(spare: T): Promise<void>;

  get readyCount(): number {
    return this.ready.length;
  }

  /** A ready one, if any; a refill starts either way. */
  protected takeSpare(): T | undefined {
    const spare = this.ready.shift();
    this.refill();
    return spare;
  }

  /** Fills up to the size, one at a time, in the background. */
  refill(): void {
    if (this.stopped || this.filling || this.ready.length >= this.fill.size) return;
    this.filling = (async () => {
      while (!this.stopped && this.ready.length < this.fill.size) {
        await this.fill.whenQuiet?.();
        if (this.stopped) break;
        // Kept even when stopped meanwhile: a stop keeps the ready ones for the next run.
        this.ready.push(await this.makeSpare());
      }
    })()
      .catch((err: Error) => this.fill.log.warn({ error: err.message }, `preparing ${this.fill.what} failed`))
      .finally(() => (this.filling = undefined));
  }

  /** Stops refilling and waits for one in progress; ready ones stay for the next run. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.filling;
  }

  /** Stops refilling and discards every ready one. */
  async drain(): Promise<void> {
    await this.stop();
    for (const spare of this.ready.splice(0)) await this.discardSpare(spare);
  }
}
