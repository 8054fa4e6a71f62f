import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setDefaults } from './defaults.js';
import type { Service } from './types.js';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validation.js';

function svc(spec: Service['spec'], name = 'web'): Service {
  const s: Service = { metadata: { name, namespace: 'default' }, spec };
  setDefaults(s);
  return s;
}
const msgs = (s: Service) => validateCreate(s).map(String);

describe('service defaults', () => {
  it('fills the ClusterIP defaults', () => {
    const s = svc({ ports: [{ port: 80 }], selector: { app: 'web' } });
    assert.equal(s.spec.type, 'ClusterIP');
    assert.equal(s.spec.sessionAffinity, 'None');
    assert.deepEqual(s.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.equal(s.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(s.spec.ipFamilies, ['IPv4']);
    assert.equal(s.spec.internalTrafficPolicy, 'Cluster');
    assert.equal(s.spec.externalTrafficPolicy, undefined);
    assert.deepEqual(msgs(s), []);
  });

  it('adds external traffic policy and node-port allocation for load balancers', () => {
    const s = svc({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 'http' }] });
    assert.equal(s.spec.externalTrafficPolicy, 'Cluster');
    assert.equal(s.spec.allocateLoadBalancerNodePorts, true);
    assert.equal(s.spec.ports?.[0].targetPort, 'http');
    assert.deepEqual(msgs(s), []);
  });

  it('leaves IP families off ExternalName services and syncs clusterIPs', () => {
    const e = svc({ type: 'ExternalName', externalName: 'example.com' });
    assert.equal(e.spec.ipFamilies, undefined);
    assert.deepEqual(msgs(e), []);
    const c = svc({ clusterIP: '10.43.0.9', ports: [{ port: 80 }] });
    assert.deepEqual(c.spec.clusterIPs, ['10.43.0.9']);
  });

  it('defaults the ClientIP affinity timeout', () => {
    const s = svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
    assert.deepEqual(s.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('service validation', () => {
  it('requires ports unless headless', () => {
    assert.deepEqual(msgs(svc({})), ['spec.ports: Required value']);
    assert.deepEqual(msgs(svc({ clusterIP: 'None' })), []);
  });

  it('reports duplicate ports the way Go prints the key', () => {
    const s = svc({
      ports: [
        { name: 'a', port: 80 },
        { name: 'b', port: 80 },
      ],
    });
    assert.deepEqual(msgs(s), [
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, ' +
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('requires and de-duplicates port names when there are several ports', () => {
    assert.deepEqual(msgs(svc({ ports: [{ port: 80 }, { port: 81 }] })), [
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
    ]);
    assert.deepEqual(
      msgs(
        svc({
          ports: [
            { name: 'http', port: 80 },
            { name: 'http', port: 81 },
          ],
        }),
      ),
      ['spec.ports[1].name: Duplicate value: "http"'],
    );
  });

  it('checks the port range and protocol', () => {
    assert.deepEqual(msgs(svc({ ports: [{ port: 70000 }] })), [
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    assert.deepEqual(msgs(svc({ ports: [{ port: 80, protocol: 'HTTP' }] })), [
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('rejects unknown types and node ports on ClusterIP services', () => {
    assert.deepEqual(msgs(svc({ type: 'Foo', ports: [{ port: 80 }] })), [
      'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    assert.deepEqual(msgs(svc({ ports: [{ port: 80, nodePort: 30080 }] })), [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('does not check the NodePort range (the allocator does)', () => {
    assert.deepEqual(msgs(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })), []);
  });

  it('requires externalName for ExternalName services', () => {
    assert.deepEqual(msgs(svc({ type: 'ExternalName' })), ['spec.externalName: Required value']);
  });

  it('rejects a headless NodePort service', () => {
    assert.deepEqual(msgs(svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] })), [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ]);
  });

  it('names must be DNS-1035 labels', () => {
    const errs = msgs(svc({ ports: [{ port: 80 }] }, '1web'));
    assert.equal(errs.length, 1);
    assert.match(errs[0], /^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of/);
  });
});

describe('service update', () => {
  const withIP = (ip: string) => {
    const s = svc({ clusterIP: ip, ports: [{ port: 80 }] });
    s.metadata.resourceVersion = '1';
    return s;
  };

  it('keeps the cluster IP', () => {
    assert.deepEqual(validateUpdate(withIP('10.43.0.9'), withIP('10.43.0.5')).map(String), [
      'spec.clusterIPs[0]: Invalid value: []string{"10.43.0.9"}: may not change once set',
    ]);
    assert.deepEqual(validateUpdate(withIP('10.43.0.5'), withIP('10.43.0.5')), []);
  });

  it('only allows load balancer status on LoadBalancer services', () => {
    const s = withIP('10.43.0.5');
    s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } };
    assert.deepEqual(validateStatusUpdate(s, withIP('10.43.0.5')).map(String), [
      "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
    ]);
  });
});
