/**
 * @module api/core/services/validation
 * core/v1 Service validation (upstream ValidateService, ValidateServiceUpdate,
 * ValidateServiceStatusUpdate). NodePort ranges are not checked here: the allocator
 * (`service-ip.ts`) reports those when it reserves the port.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidPortNum,
  nameIsDNS1035Label,
  ipFamily,
} from '../../../machinery/validation/names.js';
import { validateLabels } from '../../../machinery/validation/object-meta.js';
import { SUPPORTED_PORT_PROTOCOLS, validateNonSpecialIP, validatePortNumOrName } from '../common/checks.js';
import { goErrors } from '../common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { externallyAccessible } from './defaults.js';
import type { Service, ServicePort } from './types.js';
import {
  isHeadless,
  validateClusterIPsRelatedFields,
  validateClusterIPsUpdate,
  validateIPFamiliesUpdate,
} from './validation-ips.js';

const spec = FieldPath.root('spec');
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
const MAX_AFFINITY_SECONDS = 86400;
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** `core.ServicePort{...}` as Go prints the duplicate-port key (only protocol and port are set). */
function goPortKey(protocol: string, port: number): string {
  return (
    `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
    `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`
  );
}

function validatePort(sp: ServicePort, requireName: boolean, names: Set<string>, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldErrors.required(f.child('name'), ''));
  else if (sp.name) {
    errs.push(...invalidEach(f.child('name'), sp.name, isDNS1123Label(sp.name)));
    if (names.has(sp.name)) errs.push(fieldErrors.duplicate(f.child('name'), sp.name));
    else names.add(sp.name);
  }
  errs.push(...invalidEach(f.child('port'), sp.port ?? 0, isValidPortNum(sp.port ?? 0)));
  if (!sp.protocol) errs.push(fieldErrors.required(f.child('protocol'), ''));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(sp.protocol))
    errs.push(fieldErrors.notSupported(f.child('protocol'), sp.protocol, SUPPORTED_PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, f.child('targetPort')));
  if (sp.appProtocol != null)
    errs.push(...invalidEach(f.child('appProtocol'), sp.appProtocol, isQualifiedName(sp.appProtocol)));
  return errs;
}

function validateTypeSpecific(svc: Service): FieldError[] {
  const s = svc.spec;
  const errs: FieldError[] = [];
  const headless = isHeadless(svc);
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && headless)
    errs.push(
      fieldErrors.invalid(
        spec.child('clusterIPs').index(0),
        'None',
        `may not be set to 'None' for ${s.type} services`,
      ),
    );
  if (s.type === 'ExternalName') {
    const notForExternalName = 'may not be set for ExternalName services';
    if (s.clusterIPs?.length) errs.push(fieldErrors.forbidden(spec.child('clusterIPs'), notForExternalName));
    if (s.ipFamilies?.length) errs.push(fieldErrors.forbidden(spec.child('ipFamilies'), notForExternalName));
    if (s.ipFamilyPolicy != null)
      errs.push(fieldErrors.forbidden(spec.child('ipFamilyPolicy'), notForExternalName));
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...invalidEach(spec.child('externalName'), cname, isDNS1123Subdomain(cname)));
    else errs.push(fieldErrors.required(spec.child('externalName'), ''));
  }
  return errs;
}

function validateAffinity(svc: Service): FieldError[] {
  const s = svc.spec;
  const p = spec.child('sessionAffinityConfig');
  if (!s.sessionAffinity) return [fieldErrors.required(spec.child('sessionAffinity'), '')];
  if (s.sessionAffinity === 'None')
    return s.sessionAffinityConfig
      ? [fieldErrors.forbidden(p, 'must not be set when session affinity is None')]
      : [];
  if (s.sessionAffinity !== 'ClientIP')
    return [fieldErrors.notSupported(spec.child('sessionAffinity'), s.sessionAffinity, ['ClientIP', 'None'])];
  const when = 'when session affinity type is ClientIP';
  if (!s.sessionAffinityConfig) return [fieldErrors.required(p, when)];
  if (!s.sessionAffinityConfig.clientIP) return [fieldErrors.required(p.child('clientIP'), when)];
  const t = s.sessionAffinityConfig.clientIP.timeoutSeconds;
  const tp = p.child('clientIP').child('timeoutSeconds');
  if (t == null) return [fieldErrors.required(tp, when)];
  if (t <= 0 || t > MAX_AFFINITY_SECONDS)
    return [fieldErrors.invalid(tp, t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
  return [];
}

function validatePortsAndRanges(svc: Service): FieldError[] {
  const s = svc.spec;
  const errs: FieldError[] = [];
  const ports = s.ports ?? [];
  const portsPath = spec.child('ports');
  if (s.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort)
        errs.push(
          fieldErrors.forbidden(
            portsPath.index(i).child('nodePort'),
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key))
      errs.push(fieldErrors.duplicate(portsPath.index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port}`;
    if (seen.has(key)) errs.push(goErrors.duplicate(portsPath.index(i), goPortKey(p.protocol ?? '', p.port)));
    seen.add(key);
  });
  const ranges = s.loadBalancerSourceRanges ?? [];
  const annotation = svc.metadata.annotations?.['service.beta.kubernetes.io/load-balancer-source-ranges'];
  if (ranges.length) {
    const rp = spec.child('LoadBalancerSourceRanges');
    if (s.type !== 'LoadBalancer') errs.push(fieldErrors.forbidden(rp, LB_ONLY));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(rp.index(i), r.trim())));
  } else if (annotation !== undefined) {
    const ap = FieldPath.root('metadata')
      .child('annotations')
      .key('service.beta.kubernetes.io/load-balancer-source-ranges');
    if (s.type !== 'LoadBalancer') errs.push(fieldErrors.forbidden(ap, LB_ONLY));
    const v = annotation.trim();
    if (v) for (const c of v.split(',')) errs.push(...isValidCIDR(ap, c.trim()));
  }
  if (s.allocateLoadBalancerNodePorts != null && s.type !== 'LoadBalancer')
    errs.push(fieldErrors.forbidden(spec.child('allocateLoadBalancerNodePorts'), LB_ONLY));
  // Upstream reports this one without the `spec.` prefix.
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts == null)
    errs.push(fieldErrors.required('allocateLoadBalancerNodePorts', ''));
  return errs;
}

function validateTrafficPolicies(svc: Service): FieldError[] {
  const s = svc.spec;
  const errs: FieldError[] = [];
  if (s.type === 'LoadBalancer') {
    if (s.loadBalancerClass != null)
      errs.push(
        ...invalidEach(
          spec.child('loadBalancerClass'),
          s.loadBalancerClass,
          isQualifiedName(s.loadBalancerClass),
        ),
      );
  } else if (s.loadBalancerClass != null) {
    errs.push(fieldErrors.forbidden(spec.child('loadBalancerClass'), LB_ONLY));
  }
  const etp = spec.child('externalTrafficPolicy');
  if (!externallyAccessible(svc)) {
    if (s.externalTrafficPolicy)
      errs.push(
        fieldErrors.invalid(
          etp,
          s.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!s.externalTrafficPolicy) errs.push(fieldErrors.required(etp, ''));
  else if (!['Cluster', 'Local'].includes(s.externalTrafficPolicy))
    errs.push(fieldErrors.notSupported(etp, s.externalTrafficPolicy, ['Cluster', 'Local']));
  const needsHealthCheck = s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  const hc = spec.child('healthCheckNodePort');
  if (!needsHealthCheck) {
    if (s.healthCheckNodePort)
      errs.push(
        fieldErrors.invalid(
          hc,
          s.healthCheckNodePort,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
  } else if (!s.healthCheckNodePort) errs.push(fieldErrors.required(hc, ''));
  else errs.push(...invalidEach(hc, s.healthCheckNodePort, isValidPortNum(s.healthCheckNodePort)));
  const itp = spec.child('internalTrafficPolicy');
  if (s.internalTrafficPolicy == null) {
    if (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')
      errs.push(fieldErrors.required(itp, ''));
  } else if (!['Cluster', 'Local'].includes(s.internalTrafficPolicy)) {
    errs.push(fieldErrors.notSupported(itp, s.internalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (s.trafficDistribution != null && s.trafficDistribution !== 'PreferClose')
    errs.push(
      fieldErrors.notSupported(spec.child('trafficDistribution'), s.trafficDistribution, ['PreferClose']),
    );
  return errs;
}

function validateService(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  svc = { ...svc, spec: s };
  const errs = validateMeta(svc.metadata, true, nameIsDNS1035Label);
  const ports = s.ports ?? [];
  if (ports.length === 0 && !isHeadless(svc) && s.type !== 'ExternalName')
    errs.push(fieldErrors.required(spec.child('ports'), ''));
  errs.push(...validateTypeSpecific(svc));
  const names = new Set<string>();
  ports.forEach((p, i) =>
    errs.push(...validatePort(p, ports.length > 1, names, spec.child('ports').index(i))),
  );
  if (s.selector) errs.push(...validateLabels(s.selector, spec.child('selector')));
  errs.push(...validateAffinity(svc));
  errs.push(...validateClusterIPsRelatedFields(svc));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const p = spec.child('externalIPs').index(i);
    const e = isValidIP(p, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, p)));
  });
  if (!s.type) errs.push(fieldErrors.required(spec.child('type'), ''));
  else if (!SERVICE_TYPES.includes(s.type))
    errs.push(fieldErrors.notSupported(spec.child('type'), s.type, SERVICE_TYPES));
  errs.push(...validatePortsAndRanges(svc));
  errs.push(...validateTrafficPolicies(svc));
  return errs;
}

export function validateCreate(svc: Service): FieldError[] {
  return validateService(svc);
}

export function validateUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateMetaUpdate(svc.metadata, old.metadata);
  errs.push(...validateClusterIPsUpdate(old, svc));
  errs.push(...validateIPFamiliesUpdate(old, svc));
  if (
    old.spec.type === 'LoadBalancer' &&
    svc.spec.type === 'LoadBalancer' &&
    (old.spec.loadBalancerClass ?? null) !== (svc.spec.loadBalancerClass ?? null)
  )
    errs.push(
      fieldErrors.invalid(
        spec.child('loadBalancerClass'),
        svc.spec.loadBalancerClass ?? null,
        'may not change once set',
      ),
    );
  const hc = (x: Service) => x.spec.type === 'LoadBalancer' && x.spec.externalTrafficPolicy === 'Local';
  if (hc(old) && hc(svc) && svc.spec.healthCheckNodePort !== old.spec.healthCheckNodePort)
    errs.push(fieldErrors.forbidden(spec.child('healthCheckNodePort'), 'field is immutable'));
  return [...errs, ...validateService(svc)];
}

export function validateStatusUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateMetaUpdate(svc.metadata, old.metadata);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const p = FieldPath.root('status').child('loadBalancer').child('ingress');
  if (svc.spec.type !== 'LoadBalancer' && ingress.length)
    return [...errs, fieldErrors.forbidden(p, "may only be used when `spec.type` is 'LoadBalancer'")];
  ingress.forEach((ing, i) => {
    const ip = p.index(i);
    if (ing.ip) errs.push(...isValidIP(ip.child('ip'), ing.ip));
    if (ing.ipMode == null) {
      if (ing.ip) errs.push(fieldErrors.required(ip.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (!ing.ip)
      errs.push(fieldErrors.forbidden(ip.child('ipMode'), 'may not be specified when `ip` is not set'));
    else if (!['Proxy', 'VIP'].includes(ing.ipMode))
      errs.push(fieldErrors.notSupported(ip.child('ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    if (ing.hostname) {
      errs.push(...invalidEach(ip.child('hostname'), ing.hostname, isDNS1123Subdomain(ing.hostname)));
      if (ipFamily(ing.hostname) !== 0)
        errs.push(
          fieldErrors.invalid(ip.child('hostname'), ing.hostname, 'must be a DNS name, not an IP address'),
        );
    }
  });
  return errs;
}
