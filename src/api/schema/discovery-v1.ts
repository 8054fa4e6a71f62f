/**
 * @module api/schema/discovery-v1
 * Type schemas for discovery.k8s.io/v1: EndpointSlice and its endpoints and ports.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const core = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.discovery.v1.${n}`);

export const discoveryV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.discovery.v1.EndpointSlice',
    'A group of network endpoints backing a service.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      addressType: f(4, t.string, 'Kind of address held by this slice; cannot change.', {
        enum: ['FQDN', 'IPv4', 'IPv6'],
        required: true,
      }),
      endpoints: f(2, t.array(local('Endpoint')), 'The endpoints in this slice.', {
        listType: 'atomic',
        required: true,
      }),
      ports: f(3, t.array(local('EndpointPort')), 'Ports exposed by every endpoint in the slice.', {
        listType: 'atomic',
      }),
    },
    { gvk: [{ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }] },
  ),

  type('io.k8s.api.discovery.v1.Endpoint', 'One backend of a service within an EndpointSlice.', {
    addresses: f(1, t.array(t.string), "Addresses of this endpoint, of the slice's address type.", {
      listType: 'set',
      required: true,
    }),
    conditions: f(2, local('EndpointConditions'), 'Readiness information for this endpoint.'),
    hostname: f(3, t.string, 'Host name of the endpoint, for DNS.'),
    targetRef: f(4, core('ObjectReference'), 'Object (usually a pod) that provides this endpoint.'),
    deprecatedTopology: f(5, t.map(t.string), 'Old-style topology labels; replaced by nodeName and zone.'),
    nodeName: f(6, t.string, 'Node that hosts this endpoint.'),
    zone: f(7, t.string, 'Zone the endpoint is in.'),
    hints: f(8, local('EndpointHints'), 'Routing hints for topology-aware routing.'),
  }),

  type('io.k8s.api.discovery.v1.EndpointConditions', 'Readiness state of an endpoint.', {
    ready: f(1, t.boolean, 'Whether the endpoint can receive traffic now.'),
    serving: f(2, t.boolean, 'Whether the endpoint is ready, ignoring termination.'),
    terminating: f(3, t.boolean, 'Whether the endpoint is shutting down.'),
  }),

  type('io.k8s.api.discovery.v1.EndpointHints', 'Hints that help consumers route traffic to this endpoint.', {
    forZones: f(1, t.array(local('ForZone')), 'Zones whose clients should use this endpoint.', {
      listType: 'atomic',
    }),
  }),

  type('io.k8s.api.discovery.v1.ForZone', 'A zone named in endpoint hints.', {
    name: f(1, t.string, 'Name of the zone.', { required: true }),
  }),

  type(
    'io.k8s.api.discovery.v1.EndpointPort',
    'A port exposed by the endpoints of a slice.',
    {
      name: f(1, t.string, 'Port name, matching the service port name.'),
      protocol: f(2, t.string, 'Network protocol; TCP unless set.', { enum: ['SCTP', 'TCP', 'UDP'] }),
      port: f(3, t.int32, 'Port number; any port when unset.'),
      appProtocol: f(4, t.string, 'Application protocol carried on this port.'),
    },
    { structType: 'atomic' },
  ),

  type(
    'io.k8s.api.discovery.v1.EndpointSliceList',
    'A list of EndpointSlice objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('EndpointSlice')), 'The EndpointSlice objects.', { required: true }),
    },
    { gvk: [{ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSliceList' }] },
  ),
];
