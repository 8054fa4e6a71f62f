/**
 * @module api/core/services/printer
 * The service table: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR wide).
 * The apiserver always prints wide, so load-balancer addresses are never cut to 16 characters.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import { formatSelectorMap } from '../../../machinery/selector-text.js';
import type { TablePrinter } from '../../types.js';

/** The fields of a Service this printer reads. */
export interface ServiceView extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: { port: number; nodePort?: number; protocol?: string }[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** Ingress IPs (else hostnames) of the load balancer, sorted and de-duplicated. */
function loadBalancerAddresses(svc: ServiceView): string[] {
  const out = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) out.add(ing.ip);
    else if (ing.hostname) out.add(ing.hostname);
  }
  return [...out].sort();
}

export function externalIP(svc: ServiceView): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc), ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `80/TCP` or `80:30080/TCP` per port, comma-joined; `<none>` without ports. */
export function portsText(svc: ServiceView): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) =>
      p.nodePort && p.nodePort > 0
        ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}`
        : `${p.port}/${p.protocol ?? ''}`,
    )
    .join(',');
}

export const printer: TablePrinter<ServiceView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the service.', priority: 0 },
    { name: 'Type', type: 'string', description: 'How the service is exposed.', priority: 0 },
    {
      name: 'Cluster-IP',
      type: 'string',
      description: 'Virtual IP of the service inside the cluster.',
      priority: 0,
    },
    {
      name: 'External-IP',
      type: 'string',
      description: 'Addresses the service answers on from outside.',
      priority: 0,
    },
    { name: 'Port(s)', type: 'string', description: 'Ports the service exposes.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since the service was created.', priority: 0 },
    {
      name: 'Selector',
      type: 'string',
      description: 'Labels of the pods the service routes to.',
      priority: 1,
    },
  ],
  row(svc, now) {
    const spec = svc.spec ?? {};
    return {
      cells: [
        svc.metadata.name ?? '',
        spec.type ?? '',
        spec.clusterIPs?.[0] || spec.clusterIP || '<none>',
        externalIP(svc),
        portsText(svc),
        translateTimestampSince(svc.metadata.creationTimestamp, now),
        formatSelectorMap(spec.selector),
      ],
    };
  },
};
