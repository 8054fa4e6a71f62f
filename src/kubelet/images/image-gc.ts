/**
 * @module kubelet/images/image-gc
 * Image garbage collection as upstream's realImageGCManager: when the image filesystem's usage
 * reaches imageGCHighThresholdPercent (85), remove images no container uses, least recently used
 * first (then first stored), until usage is back at imageGCLowThresholdPercent (80). An image
 * first stored within minimum age (2 min) is kept: it may be about to be used. As upstream's
 * freeSpace, only the first-detected time counts for the minimum age (an image whose last container
 * went a moment ago may go); an image used at the time of the pass (lastUsed ≥ now) is kept.
 *
 * `planImageGC` is the pure policy; `runImageGC` applies it to a store and is what the kubelet's
 * loop calls (every 5 minutes upstream).
 */

export interface ImageGCPolicy {
  /** Default 85. */
  highThresholdPercent: number;
  /** Default 80. */
  lowThresholdPercent: number;
  /** Default 2 minutes. */
  minAgeMs: number;
}

export const DEFAULT_IMAGE_GC_POLICY: Readonly<ImageGCPolicy> = Object.freeze({
  highThresholdPercent: 85,
  lowThresholdPercent: 80,
  minAgeMs: 2 * 60_000,
});

export interface GCImage {
  id: string;
  size: number;
  /** ms since the epoch; 0 when never used. */
  lastUsed: number;
  /** When the image was first seen (stored), ms. */
  firstDetected: number;
}

export interface ImageGCInput {
  capacityBytes: number;
  availableBytes: number;
  images: GCImage[];
  /** IDs of images used by a container (running or not). */
  inUse: Set<string>;
  now: number;
  policy?: ImageGCPolicy;
}

export interface ImageGCPlan {
  usagePercent: number;
  /** Bytes to free to reach the low threshold; 0 below the high threshold. */
  amountToFree: number;
  /** Images that may be removed, in removal order. */
  candidates: GCImage[];
  /** The shortest prefix of candidates freeing amountToFree (all of them if that is not enough). */
  remove: GCImage[];
  /** Set when the plan cannot free enough (upstream's FreeDiskSpaceFailed message) or the input is unusable. */
  error?: string;
}

/** Upstream's FreeDiskSpaceFailed message. */
function shortfall(amountToFree: number, freed: number): string | undefined {
  return freed < amountToFree
    ? `Failed to garbage collect required amount of images. Attempted to free ${amountToFree} bytes, but only found ${freed} bytes eligible to free.`
    : undefined;
}

/** Upstream's ordering: least recently used first, then first detected. */
function evictionOrder(a: GCImage, b: GCImage): number {
  return a.lastUsed - b.lastUsed || a.firstDetected - b.firstDetected;
}

export function planImageGC(input: ImageGCInput): ImageGCPlan {
  const policy = input.policy ?? DEFAULT_IMAGE_GC_POLICY;
  const capacity = input.capacityBytes;
  const available = Math.min(input.availableBytes, capacity);
  if (capacity <= 0)
    return {
      usagePercent: 0,
      amountToFree: 0,
      candidates: [],
      remove: [],
      error: 'invalid capacity 0 on image filesystem',
    };
  const usagePercent = 100 - Math.trunc((available * 100) / capacity);
  const candidates = input.images
    .filter(
      (i) =>
        !input.inUse.has(i.id) && i.lastUsed < input.now && input.now - i.firstDetected >= policy.minAgeMs,
    )
    .sort(evictionOrder);
  if (usagePercent < policy.highThresholdPercent)
    return { usagePercent, amountToFree: 0, candidates, remove: [] };
  const amountToFree = Math.trunc((capacity * (100 - policy.lowThresholdPercent)) / 100) - available;
  const remove: GCImage[] = [];
  let freed = 0;
  for (const i of candidates) {
    if (freed >= amountToFree) break;
    remove.push(i);
    freed += i.size;
  }
  return { usagePercent, amountToFree, candidates, remove, error: shortfall(amountToFree, freed) };
}

/** What image GC needs from an image store (the oci ImageStore has it). */
export interface ImageGCStore {
  usage(): Promise<{ capacityBytes: number; availableBytes: number }>;
  listImages(): Promise<{ id: string; size: number; lastUsed?: number; createdAt?: number }[]>;
  removeImage(id: string): Promise<void>;
}

export interface ImageGCResult {
  plan: ImageGCPlan;
  removed: string[];
  freedBytes: number;
  /** Set when not enough could be freed: the message for a FreeDiskSpaceFailed event. */
  error?: string;
  /**
   * Set when a removal failed (upstream's freeSpace error: the pass fails with it, logged, and no
   * FreeDiskSpaceFailed event is sent, even if too little was freed).
   */
  removalError?: string;
}

/**
 * One GC pass: plans, then removes candidates in order until enough is freed. A failed removal is
 * skipped (the next candidate is tried) and reported in `removalError`. Never throws for a failed
 * removal; throws if the store cannot report usage or images.
 */
export async function runImageGC(
  store: ImageGCStore,
  inUse: Set<string>,
  now: number,
  policy: ImageGCPolicy = DEFAULT_IMAGE_GC_POLICY,
): Promise<ImageGCResult> {
  const [usage, list] = await Promise.all([store.usage(), store.listImages()]);
  const images = list.map((i) => ({
    id: i.id,
    size: i.size,
    lastUsed: i.lastUsed ?? 0,
    firstDetected: i.createdAt ?? now,
  }));
  const plan = planImageGC({ ...usage, images, inUse, now, policy });
  if (plan.amountToFree <= 0) return { plan, removed: [], freedBytes: 0, error: plan.error };
  const removed: string[] = [];
  const failures: string[] = [];
  let freed = 0;
  for (const i of plan.candidates) {
    if (freed >= plan.amountToFree) break;
    try {
      await store.removeImage(i.id);
    } catch (err) {
      failures.push(`failed to remove image "${i.id}": ${(err as Error).message}`);
      continue;
    }
    removed.push(i.id);
    freed += i.size;
  }
  if (failures.length)
    return {
      plan,
      removed,
      freedBytes: freed,
      removalError: `wanted to free ${plan.amountToFree} bytes, but freed ${freed} bytes space with errors in image deletion: ${failures.length === 1 ? failures[0] : `[${failures.join(', ')}]`}`,
    };
  return { plan, removed, freedBytes: freed, error: shortfall(plan.amountToFree, freed) };
}
