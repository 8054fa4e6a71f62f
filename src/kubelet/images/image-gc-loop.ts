/**
 * @module kubelet/images/image-gc-loop
 * Runs image GC every 5 minutes, as upstream's kubelet does: the images any container of this node
 * uses (running or not) are kept; when the image filesystem is above the high threshold the least
 * recently used others go until it is below the low one. When not enough can be freed, the node
 * gets upstream's FreeDiskSpaceFailed warning event.
 */
import type { RuntimeService } from '../../runtime/interface.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { runImageGC, type ImageGCPolicy, type ImageGCResult, type ImageGCStore } from './image-gc.js';

export const IMAGE_GC_PERIOD_MS = 5 * 60_000;

export interface ImageGCLoopDeps {
  store: ImageGCStore & { resolve(image: string): Promise<{ id: string } | undefined> };
  runtime: Pick<RuntimeService, 'listContainers'>;
  clock: Clock;
  log: Logger;
  /** A warning event on this node. */
  warn(reason: string, message: string): void;
  policy?: ImageGCPolicy;
  periodMs?: number;
}

/** One pass: the in-use set from the runtime's containers, then GC. */
export async function imageGCPass(d: ImageGCLoopDeps): Promise<ImageGCResult> {
  const inUse = new Set<string>();
  for (const c of await d.runtime.listContainers()) {
    const image = (await d.store.resolve(c.imageRef)) ?? (await d.store.resolve(c.image));
    if (image) inUse.add(image.id);
  }
  const result = await runImageGC(d.store, inUse, d.clock.nowMs(), d.policy);
  if (result.removed.length)
    d.log.info({ removed: result.removed, freedBytes: result.freedBytes }, 'image GC');
  if (result.removalError) d.log.warn({ err: result.removalError }, 'image GC failed');
  if (result.error) d.warn('FreeDiskSpaceFailed', result.error);
  return result;
}

/** Runs passes every period until `signal` aborts. */
export function startImageGC(d: ImageGCLoopDeps, signal: AbortSignal): void {
  const tick = () => {
    if (signal.aborted) return;
    imageGCPass(d)
      .catch((err) => d.log.warn({ err: String(err) }, 'image GC failed'))
      .finally(() => {
        if (!signal.aborted) d.clock.setTimeout(tick, d.periodMs ?? IMAGE_GC_PERIOD_MS);
      });
  };
  d.clock.setTimeout(tick, d.periodMs ?? IMAGE_GC_PERIOD_MS);
}
