/**
 * @module client/resources
 * ResourceRefs of the built-in resources components use, so callers do not spell paths.
 */
import type { ResourceRef } from './rest-client.js';

const core = (plural: string, namespaced = true): ResourceRef => ({
  group: '',
  version: 'v1',
  plural,
  namespaced,
});
const apps = (plural: string): ResourceRef => ({ group: 'apps', version: 'v1', plural, namespaced: true });
const batch = (plural: string): ResourceRef => ({ group: 'batch', version: 'v1', plural, namespaced: true });

export const R = {
  namespaces: core('namespaces', false),
  nodes: core('nodes', false),
  pods: core('pods'),
  configmaps: core('configmaps'),
  secrets: core('secrets'),
  services: core('services'),
  endpoints: core('endpoints'),
  serviceaccounts: core('serviceaccounts'),
  events: core('events'),
  replicasets: apps('replicasets'),
  deployments: apps('deployments'),
  daemonsets: apps('daemonsets'),
  statefulsets: apps('statefulsets'),
  controllerrevisions: apps('controllerrevisions'),
  jobs: batch('jobs'),
  cronjobs: batch('cronjobs'),
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', namespaced: true },
  leases: { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', namespaced: true },
  poddisruptionbudgets: { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', namespaced: true },
} satisfies Record<string, ResourceRef>;

/** `plural.group` or `plural` for the core group; used as a map key. */
export function refId(ref: Pick<ResourceRef, 'group' | 'plural'>): string {
  return ref.group ? `${ref.plural}.${ref.group}` : ref.plural;
}
