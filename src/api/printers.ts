/**
 * @module api/printers
 * Every server-side table printer, keyed `<group>/<plural>` (`/pods` for the core group,
 * `apps/deployments`). Kinds missing here get the apiserver's default Name / Created At table.
 */
import type { TablePrinter } from './types.js';
import { printer as deployments } from './apps/deployments/printer.js';
import { printer as replicasets } from './apps/replicasets/printer.js';
import { printer as daemonsets } from './apps/daemonsets/printer.js';
import { printer as statefulsets } from './apps/statefulsets/printer.js';
import { printer as controllerrevisions } from './apps/controllerrevisions/printer.js';
import { printer as jobs } from './batch/jobs/printer.js';
import { printer as cronjobs } from './batch/cronjobs/printer.js';
import { printer as priorityclasses } from './scheduling/priorityclasses/printer.js';
import { printer as leases } from './coordination/leases/printer.js';
import { printer as configmaps } from './core/configmaps/printer.js';
import { printer as endpoints } from './core/endpoints/printer.js';
import { printer as coreEvents } from './core/events/printer.js';
import { printer as limitranges } from './core/limitranges/printer.js';
import { printer as namespaces } from './core/namespaces/printer.js';
import { printer as nodes } from './core/nodes/printer.js';
import { printer as pods } from './core/pods/printer.js';
import { printer as podtemplates } from './core/podtemplates/printer.js';
import { printer as resourcequotas } from './core/resourcequotas/printer.js';
import { printer as secrets } from './core/secrets/printer.js';
import { printer as serviceaccounts } from './core/serviceaccounts/printer.js';
import { printer as services } from './core/services/printer.js';
import { printer as endpointslices } from './discovery/endpointslices/printer.js';
import { printer as eventsV1 } from './events/events/printer.js';
import { printer as poddisruptionbudgets } from './policy/poddisruptionbudgets/printer.js';
import { printer as clusterrolebindings } from './rbac/clusterrolebindings/printer.js';
import { printer as clusterroles } from './rbac/clusterroles/printer.js';
import { printer as rolebindings } from './rbac/rolebindings/printer.js';
import { printer as roles } from './rbac/roles/printer.js';

export const printers: Record<string, TablePrinter<any>> = {
  '/pods': pods,
  '/nodes': nodes,
  '/namespaces': namespaces,
  '/events': coreEvents,
  '/configmaps': configmaps,
  '/secrets': secrets,
  '/serviceaccounts': serviceaccounts,
  '/services': services,
  '/endpoints': endpoints,
  '/limitranges': limitranges,
  '/resourcequotas': resourcequotas,
  '/podtemplates': podtemplates,
  'apps/deployments': deployments,
  'apps/replicasets': replicasets,
  'apps/daemonsets': daemonsets,
  'apps/statefulsets': statefulsets,
  'apps/controllerrevisions': controllerrevisions,
  'batch/jobs': jobs,
  'batch/cronjobs': cronjobs,
  'rbac.authorization.k8s.io/roles': roles,
  'rbac.authorization.k8s.io/clusterroles': clusterroles,
  'rbac.authorization.k8s.io/rolebindings': rolebindings,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterrolebindings,
  'coordination.k8s.io/leases': leases,
  'discovery.k8s.io/endpointslices': endpointslices,
  'events.k8s.io/events': eventsV1,
  'policy/poddisruptionbudgets': poddisruptionbudgets,
  'scheduling.k8s.io/priorityclasses': priorityclasses,
};
