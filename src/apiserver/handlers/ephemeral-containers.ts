/**
 * @module apiserver/handlers/ephemeral-containers
 * `pods/NAME/ephemeralcontainers` (get, update, patch), as upstream's EphemeralContainersREST,
 * which `kubectl debug` patches: the answer is the Pod, and a write changes nothing but
 * spec.ephemeralContainers (the rest is taken from the stored pod, as upstream's
 * dropNonEphemeralContainerUpdates). The pods' `ephemeralcontainers` validation then allows
 * only additions.
 */
import { partSubresource } from './part-subresource.js';

export const handleEphemeralContainers = partSubresource(
  'pods/ephemeralcontainers',
  (cur, next) => {
    const spec = { ...cur.spec };
    if (next.spec?.ephemeralContainers?.length) spec.ephemeralContainers = next.spec.ephemeralContainers;
    else delete spec.ephemeralContainers;
    return { ...cur, spec };
  },
  // Not shared: the write defaults the whole pod (the new containers' defaults), in place.
  false,
);
