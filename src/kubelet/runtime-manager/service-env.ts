/**
 * @module kubelet/runtime-manager/service-env
 * The service environment variables every container gets, after upstream's getServiceEnvVarMap
 * and envvars.FromServices: the `kubernetes` service of the default namespace always, and (when
 * the pod's `enableServiceLinks` is not false) every service of the pod's namespace, each with a
 * cluster IP (not headless). Per service `NAME` (upper-cased, `-` → `_`): `NAME_SERVICE_HOST`,
 * `NAME_SERVICE_PORT` (first port), `NAME_SERVICE_PORT_<PORTNAME>` per named port, and Docker
 * link variables `NAME_PORT`, `NAME_PORT_<port>_<PROTO>` with `_PROTO`, `_PORT` and `_ADDR`.
 */
import type { Pod } from '../../api/core/pods/types.js';
import type { Service } from '../../api/core/services/types.js';

/** The services of one namespace (a list through the API server, or a cache). */
export type ServiceLookup = (namespace: string) => Promise<Service[]>;

const MASTER_SERVICES = new Set(['kubernetes']);

const envName = (s: string) => s.replace(/-/g, '_').toUpperCase();

const hasClusterIP = (s: Service) => !!s.spec.clusterIP && s.spec.clusterIP !== 'None';

/** The variables of the given services, in upstream's order per service. */
export function serviceEnvVars(services: Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    const ports = svc.spec.ports ?? [];
    if (!hasClusterIP(svc) || ports.length === 0) continue;
    const ip = svc.spec.clusterIP!;
    const prefix = envName(svc.metadata.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports)
      if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    const hostPort = (port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
    ports.forEach((p, i) => {
      const proto = p.protocol || 'TCP';
      const url = `${proto.toLowerCase()}://${hostPort(p.port)}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push(
        [pp, url],
        [`${pp}_PROTO`, proto.toLowerCase()],
        [`${pp}_PORT`, String(p.port)],
        [`${pp}_ADDR`, ip],
      );
    });
  }
  return out;
}

/** The service variables for a pod's containers. */
export async function serviceEnvFor(pod: Pod, lookup: ServiceLookup): Promise<Map<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  for (const svc of await lookup('default')) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata.name ?? '';
    if (MASTER_SERVICES.has(name)) chosen.set(name, svc);
    else if (ns === 'default' && links) chosen.set(name, svc);
  }
  if (ns !== 'default' && links)
    for (const svc of await lookup(ns)) if (hasClusterIP(svc)) chosen.set(svc.metadata.name ?? '', svc);
  return new Map(serviceEnvVars([...chosen.values()]));
}
