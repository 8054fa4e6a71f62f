/**
 * @module kubelet/pod-source
 * The pods this node should run: an informer on pods bound to the node
 * (`fieldSelector=spec.nodeName=NODE`) merged with the static pods from manifest files.
 * Mirror pods (the API server's copies of static pods) are not pods to run: they are kept
 * apart, for the mirror pod manager, and reported through `onMirrorChange`.
 */
import { Informer } from '../client/informer.js';
import { R } from '../client/resources.js';
import type { RestClient } from '../client/rest-client.js';
import type { Pod } from '../api/core/pods/types.js';
import { realClock, type Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { PodSource } from './interfaces.js';
import { isMirrorPod } from './static-pods/manifest.js';
import type { StaticPodSet } from './static-pods/source.js';

type ChangeType = 'add' | 'update' | 'delete';
type Listener = (pod: Pod, type: ChangeType) => void;

export interface NodePodSource extends PodSource {
  /** Mirror pods of this node as the API server has them. */
  mirrorPods(): Pod[];
  mirrorPod(namespace: string, name: string): Pod | undefined;
  onMirrorChange(listener: Listener): () => void;
  /** Stops the informer (pending `synced()` promises stay pending). */
  stop(): void;
}

export interface PodSourceOptions {
  client: RestClient;
  nodeName: string;
  staticPods?: StaticPodSet;
  clock?: Clock;
  log?: Logger;
}

/** Starts the informer at once; `synced()` resolves after its first list. */
export function createPodSource(o: PodSourceOptions): NodePodSource {
  const stop = new AbortController();
  const informer = new Informer<Pod & { metadata: { name?: string } }>(o.client, R.pods, {
    fieldSelector: `spec.nodeName=${o.nodeName}`,
    clock: o.clock ?? realClock,
    onError: (err) => o.log?.debug({ error: String(err) }, 'pod informer'),
  });
  const listeners = new Set<Listener>();
  const mirrorListeners = new Set<Listener>();
  const emit = (set: Set<Listener>, pod: Pod, type: ChangeType) => {
    for (const l of set) {
      try {
        l(pod, type);
      } catch (err) {
        o.log?.warn({ error: String(err) }, 'pod source listener failed');
      }
    }
  };
  const route = (pod: Pod, type: ChangeType) =>
    emit(isMirrorPod(pod) ? mirrorListeners : listeners, pod, type);
  informer.on({
    add: (p) => route(p, 'add'),
    update: (_old, p) => route(p, 'update'),
    delete: (p) => route(p, 'delete'),
  });
  const unsubscribeStatic = o.staticPods?.onChange((pod, type) => emit(listeners, pod, type));
  void informer.run(stop.signal);

  return {
    pods() {
      const api = informer.store.list().filter((p) => !isMirrorPod(p));
      return [...api, ...(o.staticPods?.pods() ?? [])];
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    synced: () => informer.hasSynced(),
    mirrorPods: () => informer.store.list().filter(isMirrorPod),
    mirrorPod(namespace, name) {
      const p = informer.store.get(namespace, name);
      return p && isMirrorPod(p) ? p : undefined;
    },
    onMirrorChange(l) {
      mirrorListeners.add(l);
      return () => mirrorListeners.delete(l);
    },
    stop() {
      unsubscribeStatic?.();
      stop.abort();
    },
  };
}
