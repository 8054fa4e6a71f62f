/**
 * @module apiserver/registry/resources/pods
 * Graceful deletion of pods, as upstream's pod strategy decides it: a pod bound to a node
 * waits for its kubelet (grace from the request, else spec.terminationGracePeriodSeconds);
 * unscheduled or finished pods go at once.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import type { ResourceHooks } from '../hooks.js';

export const podHooks: ResourceHooks = {
  returnDeletedObject: true,
  gracePeriod(obj: KubeObject, options) {
    const pod = obj as any;
    let grace: number = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    if (grace < 0) grace = 1;
    return grace;
  },
};
