/**
 * @module api/schema/core-v1-pvc
 * Type schemas for core/v1 PersistentVolumeClaim and its status, which StatefulSet
 * volumeClaimTemplates refer to. The index adds them only when core-v1 does not define them.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const core = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);

export const coreV1PvcSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.core.v1.PersistentVolumeClaim',
    "A user's request for storage, bound to a PersistentVolume that satisfies it.",
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, core('PersistentVolumeClaimSpec'), 'Desired state of the PersistentVolumeClaim.'),
      status: f(
        3,
        core('PersistentVolumeClaimStatus'),
        'Observed state of the PersistentVolumeClaim, written by the system.',
      ),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'PersistentVolumeClaim' }] },
  ),

  type(
    'io.k8s.api.core.v1.PersistentVolumeClaimList',
    'A list of PersistentVolumeClaim objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(core('PersistentVolumeClaim')), 'The PersistentVolumeClaim objects.', {
        required: true,
      }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'PersistentVolumeClaimList' }] },
  ),

  type(
    'io.k8s.api.core.v1.ModifyVolumeStatus',
    "Progress of a change of a claim's volume attributes class.",
    {
      targetVolumeAttributesClassName: f(
        1,
        t.string,
        'Volume attributes class the volume is being moved to.',
      ),
      status: f(2, t.string, 'Where the change stands: Pending, InProgress or Infeasible.', {
        enum: ['InProgress', 'Infeasible', 'Pending'],
        required: true,
      }),
    },
  ),

  type(
    'io.k8s.api.core.v1.PersistentVolumeClaimCondition',
    'One observed condition of a PersistentVolumeClaim.',
    {
      type: f(1, t.string, 'Kind of condition.', { required: true }),
      status: f(2, t.string, 'Observed state of the PersistentVolumeClaimCondition, written by the system.', {
        required: true,
      }),
      lastProbeTime: f(3, t.time, 'When the condition was last checked.'),
      lastTransitionTime: f(4, t.time, 'When the status last changed.'),
      reason: f(5, t.string, 'Machine-readable cause of the last status change.'),
      message: f(6, t.string, 'Human-readable details about the last change.'),
    },
  ),

  type('io.k8s.api.core.v1.PersistentVolumeClaimStatus', 'Observed state of a PersistentVolumeClaim.', {
    phase: f(1, t.string, 'Binding state of the claim: Pending, Bound or Lost.', {
      enum: ['Bound', 'Lost', 'Pending'],
    }),
    accessModes: f(2, t.array(t.string), 'Access modes the bound volume actually offers.', {
      listType: 'atomic',
      enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
    }),
    capacity: f(3, t.map(t.quantity), 'Storage actually available through the bound volume.'),
    conditions: f(
      4,
      t.array(core('PersistentVolumeClaimCondition')),
      'Latest known conditions of the claim, such as resizing.',
      { mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] },
    ),
    allocatedResources: f(
      5,
      t.map(t.quantity),
      'Storage the system has allocated to the claim, which may exceed the request during a resize.',
    ),
    allocatedResourceStatuses: f(
      7,
      t.map(t.string),
      'Progress of resize operations, keyed by resource name.',
      { mapType: 'granular' },
    ),
    currentVolumeAttributesClassName: f(
      8,
      t.string,
      'Volume attributes class currently applied to the volume.',
    ),
    modifyVolumeStatus: f(
      9,
      core('ModifyVolumeStatus'),
      'Progress of a volume attributes class change, when one is under way.',
    ),
  }),
];
