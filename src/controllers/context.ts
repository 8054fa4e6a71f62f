/**
 * @module controllers/context
 * What every controller receives: the API client, the clock, a logger, the shared informers and
 * the cluster CA. Controllers reach the
 * cluster only through `client`.
 */
import type { RestClient } from '../client/rest-client.js';
import type { SharedInformers } from '../client/shared-informers.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface ControllerContext {
  client: RestClient;
  clock: Clock;
  log: Logger;
  /** The cluster CA certificate (PEM) that the root CA publisher hands to every namespace. */
  rootCA?: string;
  /** The pod range node IPAM splits into a /24 per node; default 10.42.0.0/16. */
  clusterCidr?: string;
  /** Informers shared by the controllers (one list and watch per resource). */
  informers: SharedInformers;
}

/** Resolves when `signal` aborts (at once if it already has). */
export function abortedPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
