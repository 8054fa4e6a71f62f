/**
 * @module api/schema/coordination-v1
 * Type schemas for coordination.k8s.io/v1: Lease.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.coordination.v1.${n}`);

export const coordinationV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.coordination.v1.Lease',
    'A lease record used for leader election and node heartbeats.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('LeaseSpec'), 'Desired state of the Lease.'),
    },
    { gvk: [{ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' }] },
  ),

  type('io.k8s.api.coordination.v1.LeaseSpec', 'Desired state of a Lease.', {
    holderIdentity: f(1, t.string, 'Identity of the current holder.'),
    leaseDurationSeconds: f(
      2,
      t.int32,
      'How long other candidates wait after the last renewal before taking over.',
    ),
    acquireTime: f(3, t.microTime, 'When the current holder took the lease.'),
    renewTime: f(4, t.microTime, 'When the holder last renewed the lease.'),
    leaseTransitions: f(5, t.int32, 'How many times the lease has changed hands.'),
    strategy: f(6, t.string, 'Leader-election strategy used for coordinated election.'),
    preferredHolder: f(7, t.string, 'Holder that coordinated election would like to take the lease next.'),
  }),

  type(
    'io.k8s.api.coordination.v1.LeaseList',
    'A list of Lease objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('Lease')), 'The Lease objects.', { required: true }),
    },
    { gvk: [{ group: 'coordination.k8s.io', version: 'v1', kind: 'LeaseList' }] },
  ),
];
