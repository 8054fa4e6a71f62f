/**
 * @module apiserver/registry/resources/pods
 * Graceful deletion of pods, as upstream's pod strategy decides it: a pod bound to a node
 * waits for its kubelet (grace from the request, else spec.terminationGracePeriodSeconds);
 * unscheduled or finished pods go at once. A write to pods/ephemeralcontainers passes the
 * ServiceAccount admission for ephemeral containers first.
 */
import { admitEphemeralContainers } from '../../../api/core/pods/service-account-admission.js';
import type { ServiceAccount } from '../../../api/core/serviceaccounts/types.js';
import type { Pod } from '../../../api/core/pods/types.js';
import { newForbidden } from '../../../machinery/errors.js';
import type { KubeObject } from '../../../machinery/meta.js';
import type { ResourceHooks } from '../hooks.js';

export const podHooks: ResourceHooks = {
  returnDeletedObject: true,
  async beforeUpdate(obj, _old, ctx, store) {
    if (ctx.subresource !== 'ephemeralcontainers') return;
    const namespace = obj.metadata.namespace ?? '';
    const accounts = store.storeOf('', 'serviceaccounts');
    const refused = await admitEphemeralContainers(
      obj as Pod,
      namespace,
      async (name) => (await accounts?.tryGet(namespace, name)) as ServiceAccount | undefined,
    );
    if (refused) throw newForbidden({ group: '', resource: 'pods' }, obj.metadata.name ?? '', refused);
  },
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
