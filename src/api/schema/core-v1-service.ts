/**
 * @module api/schema/core-v1-service
 * Schemas of Service and Endpoints and their specs and statuses.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreServiceSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.core.v1.Service',
    'A named abstraction over a set of pods, with a stable virtual address and ports.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('ServiceSpec'), 'Desired behaviour of the service.'),
      status: f(3, coreRef('ServiceStatus'), 'Most recently observed status of the service.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Service' }] },
  ),
  type(
    'io.k8s.api.core.v1.ServiceList',
    'A list of Service objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Service')), 'The Service objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ServiceList' }] },
  ),
  type('io.k8s.api.core.v1.ServiceSpec', 'Desired behaviour of a service.', {
    ports: f(1, t.array(coreRef('ServicePort')), 'Ports the service exposes.', {
      mergeKey: 'port',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['port', 'protocol'],
    }),
    selector: f(2, t.map(t.string), "Pod labels that select the service's backends.", { mapType: 'atomic' }),
    clusterIP: f(3, t.string, 'Primary virtual IP address of the service, None for headless.'),
    clusterIPs: f(
      18,
      t.array(t.string),
      'Virtual IP addresses of the service, at most one per address family.',
      { listType: 'atomic' },
    ),
    type: f(4, t.string, 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.', {
      enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
    }),
    externalIPs: f(
      5,
      t.array(t.string),
      'Extra IP addresses on which nodes accept traffic for the service.',
      { listType: 'atomic' },
    ),
    sessionAffinity: f(7, t.string, 'Session affinity: ClientIP or None.', { enum: ['ClientIP', 'None'] }),
    loadBalancerIP: f(8, t.string, 'Deprecated requested load balancer address.'),
    loadBalancerSourceRanges: f(
      9,
      t.array(t.string),
      'Client CIDR ranges allowed through the load balancer.',
      { listType: 'atomic' },
    ),
    externalName: f(10, t.string, 'DNS name the service aliases, for type ExternalName.'),
    externalTrafficPolicy: f(11, t.string, 'Routing of external traffic: Cluster or Local.', {
      enum: ['Cluster', 'Local'],
    }),
    healthCheckNodePort: f(12, t.int32, 'Node port for load balancer health checks with the Local policy.'),
    publishNotReadyAddresses: f(13, t.boolean, 'Publish endpoints of pods even when they are not ready.'),
    sessionAffinityConfig: f(14, coreRef('SessionAffinityConfig'), 'Settings of session affinity.'),
    ipFamilies: f(19, t.array(t.string), 'Address families of the service, in order.', {
      listType: 'atomic',
      enum: ['', 'IPv4', 'IPv6'],
    }),
    ipFamilyPolicy: f(
      17,
      t.string,
      'Single or dual-stack requirement: SingleStack, PreferDualStack or RequireDualStack.',
      { enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] },
    ),
    allocateLoadBalancerNodePorts: f(
      20,
      t.boolean,
      'Whether node ports are allocated for a LoadBalancer service.',
    ),
    loadBalancerClass: f(21, t.string, 'Load balancer implementation that handles the service.'),
    internalTrafficPolicy: f(22, t.string, 'Routing of traffic from inside the cluster: Cluster or Local.', {
      enum: ['Cluster', 'Local'],
    }),
    trafficDistribution: f(
      23,
      t.string,
      'Preference for how traffic is spread over endpoints, such as PreferClose.',
    ),
  }),
  type('io.k8s.api.core.v1.ServicePort', 'One port of a service.', {
    name: f(1, t.string, 'Name of the port, unique within the service.'),
    protocol: f(2, t.string, 'Protocol of the port: TCP, UDP or SCTP.', {
      enum: ['SCTP', 'TCP', 'UDP'],
      default: 'TCP',
    }),
    appProtocol: f(6, t.string, 'Application protocol of the port.'),
    port: f(3, t.int32, 'Port number exposed by the service.', { required: true }),
    targetPort: f(4, t.intOrString, 'Port number or name on the backend pods.'),
    nodePort: f(5, t.int32, 'Port on every node for NodePort and LoadBalancer services.'),
  }),
  type('io.k8s.api.core.v1.ServiceStatus', 'Observed status of a service.', {
    loadBalancer: f(1, coreRef('LoadBalancerStatus'), "State of the service's load balancer."),
    conditions: f(2, t.array(metaRef('Condition')), 'Current conditions of the service.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  }),
  type('io.k8s.api.core.v1.LoadBalancerStatus', 'State of a load balancer.', {
    ingress: f(1, t.array(coreRef('LoadBalancerIngress')), 'Entry points of the load balancer.', {
      listType: 'atomic',
    }),
  }),
  type('io.k8s.api.core.v1.LoadBalancerIngress', 'One entry point of a load balancer.', {
    ip: f(1, t.string, 'IP address of the entry point.'),
    hostname: f(2, t.string, 'DNS name of the entry point.'),
    ipMode: f(3, t.string, 'How traffic to the IP reaches the service: VIP or Proxy.'),
    ports: f(4, t.array(coreRef('PortStatus')), 'Status of each service port on this entry point.', {
      listType: 'atomic',
    }),
  }),
  type('io.k8s.api.core.v1.PortStatus', 'Status of one port of a load balancer.', {
    port: f(1, t.int32, 'Port number.', { required: true }),
    protocol: f(2, t.string, 'Protocol of the port: TCP, UDP or SCTP.', {
      enum: ['SCTP', 'TCP', 'UDP'],
      required: true,
    }),
    error: f(3, t.string, 'Problem with the port, if any, as a CamelCase reason.'),
  }),
  type('io.k8s.api.core.v1.SessionAffinityConfig', 'Settings of session affinity.', {
    clientIP: f(1, coreRef('ClientIPConfig'), 'Settings of client-IP based affinity.'),
  }),
  type('io.k8s.api.core.v1.ClientIPConfig', 'Settings of client-IP session affinity.', {
    timeoutSeconds: f(1, t.int32, 'Seconds a session sticks to one backend.'),
  }),
  type(
    'io.k8s.api.core.v1.Endpoints',
    'Addresses and ports backing a service.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      subsets: f(2, t.array(coreRef('EndpointSubset')), 'Groups of addresses sharing the same ports.', {
        listType: 'atomic',
      }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Endpoints' }] },
  ),
  type(
    'io.k8s.api.core.v1.EndpointsList',
    'A list of Endpoints objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Endpoints')), 'The Endpoints objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'EndpointsList' }] },
  ),
  type('io.k8s.api.core.v1.EndpointSubset', 'Addresses that all serve the same set of ports.', {
    addresses: f(1, t.array(coreRef('EndpointAddress')), 'Ready addresses.', { listType: 'atomic' }),
    notReadyAddresses: f(2, t.array(coreRef('EndpointAddress')), 'Addresses not yet ready to serve.', {
      listType: 'atomic',
    }),
    ports: f(3, t.array(coreRef('EndpointPort')), 'Ports served by the addresses.', { listType: 'atomic' }),
  }),
  type(
    'io.k8s.api.core.v1.EndpointAddress',
    'One endpoint address.',
    {
      ip: f(1, t.string, 'IP address of the endpoint.', { required: true }),
      hostname: f(3, t.string, 'Host name of the endpoint.'),
      nodeName: f(4, t.string, 'Node hosting the endpoint.'),
      targetRef: f(2, coreRef('ObjectReference'), 'Object that provides the endpoint, usually a pod.'),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.EndpointPort',
    'One port of an endpoint.',
    {
      name: f(1, t.string, 'Name of the port, matching the service port name.'),
      port: f(2, t.int32, 'Port number.', { required: true }),
      protocol: f(3, t.string, 'Protocol of the port: TCP, UDP or SCTP.', { enum: ['SCTP', 'TCP', 'UDP'] }),
      appProtocol: f(4, t.string, 'Application protocol of the port.'),
    },
    { structType: 'atomic' },
  ),
];
