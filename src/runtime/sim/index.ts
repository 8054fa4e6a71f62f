/**
 * @module runtime/sim
 * The `sim` container runtime: no processes, no files. Containers start after a delay and run until
 * stopped or until the pod's `sim.kubeling.io/…` annotations script otherwise (see ./README.md).
 * Everything is timed by the injected Clock, so FakeClock tests and 100-node scale runs both work.
 */
import { realClock, type Clock } from '../../util/clock.js';
import type { ContainerRuntime } from '../interface.js';
import { SimImageService } from './images.js';
import { IpPool } from './ip-pool.js';
import { SimRuntimeService } from './runtime.js';
import { TimerQueue } from './timer-queue.js';

export { SimImageService, normalizeImageRef } from './images.js';
export { SimRuntimeService } from './runtime.js';
export { SIM_PREFIX, parseContainerScript, parseDuration } from './script.js';

export interface SimRuntimeOptions {
  /** Default: the real clock. */
  clock?: Clock;
  /** The node this runtime serves (exposed as `nodeName`). Default `sim`. */
  nodeName?: string;
  /** IPv4 range sandbox IPs come from. Default `10.42.0.0/24`. */
  podCidr?: string;
  defaults?: {
    /** Time startContainer takes unless the pod scripts `<container>.start-delay`. Default 100 ms. */
    startDelayMs?: number;
    /** Time every successful or failed pull takes. Default 200 ms. */
    pullDelayMs?: number;
  };
  /** Images whose pulls always fail (besides tags named `missing`). Default none. */
  failImages?: string[];
  /** Images present from the start, without a pull. Default none. */
  preloadedImages?: string[];
  /**
   * What `scriptedProbe` answers for probes the pod does not script: `run` (undefined, so the kubelet
   * runs the real probe) or `success`. Default `success`: sim pod IPs are not real, and a real
   * probe against one would send packets off the machine.
   */
  unscriptedProbes?: 'run' | 'success';
  /** Recent log lines kept per container. Default 100. */
  logLines?: number;
}

/** A ContainerRuntime whose services expose the sim extras (`readLog`, `stats`). */
export interface SimContainerRuntime extends ContainerRuntime {
  runtime: SimRuntimeService;
  images: SimImageService;
  readonly nodeName: string;
}

export function createSimRuntime(opts: SimRuntimeOptions = {}): SimContainerRuntime {
  const clock = opts.clock ?? realClock;
  const queue = new TimerQueue(clock);
  const pool = new IpPool(opts.podCidr ?? '10.42.0.0/24');
  const images: SimImageService = new SimImageService({
    queue,
    nowMs: () => clock.nowMs(),
    pullDelayMs: opts.defaults?.pullDelayMs ?? 200,
    failImages: opts.failImages ?? [],
    // Called only during pulls, by which time `runtime` exists.
    scriptedFailure: (normalized, sandbox): boolean => runtime.pullFailScripted(normalized, sandbox),
  });
  for (const image of opts.preloadedImages ?? []) images.preload(image);
  const runtime: SimRuntimeService = new SimRuntimeService({
    clock,
    queue,
    images,
    pool,
    startDelayMs: opts.defaults?.startDelayMs ?? 100,
    unscriptedProbes: opts.unscriptedProbes ?? 'success',
    logLines: opts.logLines ?? 100,
  });
  return {
    runtime,
    images,
    nodeName: opts.nodeName ?? 'sim',
    async close() {
      runtime.close();
      queue.close();
    },
  };
}
