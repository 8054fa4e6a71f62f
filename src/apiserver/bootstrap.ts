/**
 * @module apiserver/bootstrap
 * What the API server creates for itself at start, as upstream's apiserver does: the system
 * namespaces, the built-in PriorityClasses and the `kubernetes` Service in `default`. Idempotent.
 */
import { StatusError } from '../machinery/errors.js';
import type { KubeObject } from '../machinery/meta.js';
import type { Clock } from '../util/clock.js';
import type { ApiServer } from './server.js';
import { SYSTEM_PRIORITY_CLASSES } from '../api/scheduling/priorityclasses/types.js';
import type { RequestContext } from './registry/context.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function systemContext(clock: Clock): RequestContext {
  return {
    user: { name: 'system:apiserver', groups: ['system:masters'] },
    dryRun: false,
    fieldManager: 'kube-apiserver',
    now: clock.now(),
    warnings: [],
  };
}

async function ensure(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (!(StatusError.is(err) && err.reason === 'AlreadyExists')) throw err;
  }
}

export async function bootstrap(
  api: ApiServer,
  clock: Clock,
  opts: { apiServerServiceIP: string; securePort: number },
): Promise<void> {
  const ns = api.store('', 'namespaces');
  for (const name of SYSTEM_NAMESPACES) {
    if (await ns.tryGet(undefined, name)) continue;
    await ensure(() => ns.create(systemContext(clock), undefined, { metadata: { name } }));
  }
  // Servers built with a reduced resource list (tests) may not serve PriorityClasses.
  const classes = api.stores.get('scheduling.k8s.io/priorityclasses');
  for (const pc of classes ? SYSTEM_PRIORITY_CLASSES : []) {
    if (await classes!.tryGet(undefined, pc.metadata.name!)) continue;
    await ensure(() => classes!.create(systemContext(clock), undefined, structuredClone(pc)));
  }
  const svc = api.store('', 'services');
  if (!(await svc.tryGet('default', 'kubernetes'))) {
    const kubernetes: KubeObject = {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: opts.apiServerServiceIP,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.securePort }],
        sessionAffinity: 'None',
      },
    };
    await ensure(() => svc.create(systemContext(clock), 'default', kubernetes));
  }
}
