/**
 * @module api/core/services/strategy-helpers
 * What the apiserver does to a Service on update before defaults and validation (upstream
 * service strategy `dropTypeDependentFields`): when the type changes, fields that only made sense
 * for the old type are cleared, provided the user left them as they were. This is what lets
 * `kubectl apply` turn a NodePort service back into a ClusterIP one.
 */
import { externallyAccessible } from './defaults.js';
import { deepEqual } from '../common/checks.js';
import type { Service } from './types.js';

const needsClusterIP = (s: Service) => s.spec.type !== 'ExternalName';
const needsNodePort = (s: Service) => s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer';
const needsHealthCheck = (s: Service) =>
  s.spec.type === 'LoadBalancer' && s.spec.externalTrafficPolicy === 'Local';
const isLB = (s: Service) => s.spec.type === 'LoadBalancer';

/** Clears fields the new type cannot use; runs before setDefaults on update. */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  if ((svc.spec.type ?? 'ClusterIP') === (old.spec.type ?? 'ClusterIP')) return;
  const s = svc.spec;
  const o = old.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if ((s.clusterIP ?? '') === (o.clusterIP ?? '') && deepEqual(s.clusterIPs, o.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (deepEqual(s.ipFamilies, o.ipFamilies)) delete s.ipFamilies;
    if (s.ipFamilyPolicy === o.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const same = (s.ports ?? []).every((p, i) => p.nodePort === o.ports?.[i]?.nodePort);
    if (same) for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && s.healthCheckNodePort === o.healthCheckNodePort)
    delete s.healthCheckNodePort;
  if (isLB(old) && !isLB(svc)) {
    if (s.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts)
      delete s.allocateLoadBalancerNodePorts;
    if (s.loadBalancerClass === o.loadBalancerClass) delete s.loadBalancerClass;
  }
  if (
    externallyAccessible(old) &&
    !externallyAccessible(svc) &&
    s.externalTrafficPolicy === o.externalTrafficPolicy
  )
    delete s.externalTrafficPolicy;
  if (s.type === 'ExternalName' && s.internalTrafficPolicy === o.internalTrafficPolicy)
    delete s.internalTrafficPolicy;
}
