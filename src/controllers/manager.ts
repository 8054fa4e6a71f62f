/**
 * @module controllers/manager
 * Starts the controllers (namespace, serviceaccount, garbagecollector, nodeipam, nodelifecycle,
 * taint-eviction-controller, root-ca-cert-publisher, disruption) side by side under one
 * AbortSignal. Each talks to the cluster only through the REST client it is given.
 */
import { setMaxListeners } from 'node:events';
import { sleep } from '../client/backoff.js';
import type { RestClient } from '../client/rest-client.js';
import { SharedInformers } from '../client/shared-informers.js';
import { realClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ControllerContext } from './context.js';
import { runGarbageCollector } from './garbagecollector/controller.js';
import { runNamespaceController } from './namespace/controller.js';
import { runNodeIpamController } from './nodeipam/controller.js';
import { runTaintEvictionController } from './nodelifecycle/eviction-controller.js';
import { runNodeLifecycleController } from './nodelifecycle/controller.js';
import { runDisruptionController } from './disruption/controller.js';
import { runRootCACertPublisher } from './rootcacertpublisher/controller.js';
import { runServiceAccountController } from './serviceaccount/controller.js';

type Runner = (ctx: ControllerContext, signal: AbortSignal) => Promise<void>;

/** Controller name → runner. Names match upstream's `--controllers` names. */
export const CONTROLLERS: Record<string, Runner> = {
  namespace: runNamespaceController,
  serviceaccount: runServiceAccountController,
  garbagecollector: runGarbageCollector,
  nodeipam: runNodeIpamController,
  nodelifecycle: runNodeLifecycleController,
  'taint-eviction-controller': runTaintEvictionController,
  'root-ca-cert-publisher': runRootCACertPublisher,
  disruption: runDisruptionController,
};

export interface ControllerManagerOptions {
  client: RestClient;
  log: Logger;
  /** Default: the real clock. */
  clock?: Clock;
  /** Which controllers to run; default all of `CONTROLLERS`. */
  controllers?: string[];
  /** The cluster CA (PEM) for the root CA publisher; without it that controller does nothing. */
  rootCA?: string;
  clusterCidr?: string;
}

export interface RunningControllers {
  /** Resolves when every controller has returned after the signal aborted. Never rejects. */
  done: Promise<void>;
}

/**
 * Starts the controllers and returns at once. A controller that throws is logged and restarted
 * after a second, until `signal` aborts.
 */
export function startControllerManager(
  opts: ControllerManagerOptions,
  signal: AbortSignal,
): RunningControllers {
  const clock = opts.clock ?? realClock;
  const names = opts.controllers ?? Object.keys(CONTROLLERS);
  const unknown = names.filter((n) => !CONTROLLERS[n]);
  if (unknown.length) throw new Error(`unknown controllers: ${unknown.join(', ')}`);
  // Every informer's watch and every work queue listens on this one signal.
  setMaxListeners(0, signal);
  const informers = new SharedInformers(opts.client, signal, {
    clock,
    onError: (err, resource) => opts.log.debug({ error: String(err), resource }, 'shared informer'),
  });
  const runs = names.map(async (name) => {
    const run = CONTROLLERS[name];
    const log = opts.log.child({ component: `${name}-controller` });
    while (!signal.aborted) {
      try {
        await run(
          { client: opts.client, clock, log, rootCA: opts.rootCA, clusterCidr: opts.clusterCidr, informers },
          signal,
        );
      } catch (err) {
        if (signal.aborted) break;
        log.error({ err }, 'controller crashed; restarting');
        await sleep(clock, 1000, signal);
      }
    }
  });
  return { done: Promise.allSettled([...runs, informers.done()]).then(() => undefined) };
}
