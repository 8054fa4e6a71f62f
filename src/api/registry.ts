/**
 * @module api/registry
 * Every served resource. Adding a resource folder here is the only wiring it needs.
 */
import type { ResourceDefinition } from './types.js';
import { definition as core_pods } from './core/pods/index.js';
import { definition as core_nodes } from './core/nodes/index.js';
import { definition as core_namespaces } from './core/namespaces/index.js';
import { definition as core_events } from './core/events/index.js';
import { definition as core_configmaps } from './core/configmaps/index.js';
import { definition as core_secrets } from './core/secrets/index.js';
import { definition as core_serviceaccounts } from './core/serviceaccounts/index.js';
import { definition as core_services } from './core/services/index.js';
import { definition as core_endpoints } from './core/endpoints/index.js';
import { definition as core_limitranges } from './core/limitranges/index.js';
import { definition as core_resourcequotas } from './core/resourcequotas/index.js';
import { definition as core_podtemplates } from './core/podtemplates/index.js';
import { definition as apps_deployments } from './apps/deployments/index.js';
import { definition as apps_replicasets } from './apps/replicasets/index.js';
import { definition as apps_daemonsets } from './apps/daemonsets/index.js';
import { definition as apps_statefulsets } from './apps/statefulsets/index.js';
import { definition as apps_controllerrevisions } from './apps/controllerrevisions/index.js';
import { definition as batch_jobs } from './batch/jobs/index.js';
import { definition as batch_cronjobs } from './batch/cronjobs/index.js';
import { definition as rbac_roles } from './rbac/roles/index.js';
import { definition as rbac_clusterroles } from './rbac/clusterroles/index.js';
import { definition as rbac_rolebindings } from './rbac/rolebindings/index.js';
import { definition as rbac_clusterrolebindings } from './rbac/clusterrolebindings/index.js';
import { definition as coordination_leases } from './coordination/leases/index.js';
import { definition as discovery_endpointslices } from './discovery/endpointslices/index.js';
import { definition as events_events } from './events/events/index.js';
import { definition as policy_poddisruptionbudgets } from './policy/poddisruptionbudgets/index.js';
import { definition as scheduling_priorityclasses } from './scheduling/priorityclasses/index.js';

export const resources: ResourceDefinition<any>[] = [
  core_pods,
  core_nodes,
  core_namespaces,
  core_events,
  core_configmaps,
  core_secrets,
  core_serviceaccounts,
  core_services,
  core_endpoints,
  core_limitranges,
  core_resourcequotas,
  core_podtemplates,
  apps_deployments,
  apps_replicasets,
  apps_daemonsets,
  apps_statefulsets,
  apps_controllerrevisions,
  batch_jobs,
  batch_cronjobs,
  rbac_roles,
  rbac_clusterroles,
  rbac_rolebindings,
  rbac_clusterrolebindings,
  coordination_leases,
  discovery_endpointslices,
  events_events,
  policy_poddisruptionbudgets,
  scheduling_priorityclasses,
];
