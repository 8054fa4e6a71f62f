/**
 * @module api/core/services/defaults
 * core/v1 Service defaults (upstream SetDefaults_Service), plus what the apiserver settles before
 * allocation in a single-stack IPv4 cluster: `clusterIP` and `clusterIPs` agree, and every
 * non-ExternalName service gets `ipFamilyPolicy: SingleStack` and `ipFamilies: [IPv4]`.
 */
import type { Service } from './types.js';

export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** NodePort and LoadBalancer services, and ClusterIP services with external IPs. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec.type;
  return (
    t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0)
  );
}

export function setDefaults(svc: Service): void {
  svc.spec ??= {};
  const spec = svc.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null)
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '')
      p.targetPort = p.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
    spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    spec.allocateLoadBalancerNodePorts = true;
  setStatusDefaults(svc);

  // clusterIP and clusterIPs are two views of one value; fill whichever the user left out.
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }
}

/** The status part: a load-balancer ingress with an IP is reached as a VIP unless it says otherwise. */
export function setStatusDefaults(svc: Service): void {
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
}
