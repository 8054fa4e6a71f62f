/**
 * @module api/schema/meta-v1
 * Schemas of the shared meta/v1 types (object and list metadata, owner references, label
 * selectors, Status, DeleteOptions) that every API group embeds.
 *
 * Proto numbers come from apimachinery's generated.proto (v1.32). A proto number of 0 marks a
 * field that exists only in JSON (apiVersion/kind): in protobuf those travel in the
 * runtime.Unknown envelope, not in the message.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

/** Fully qualified name prefix of the meta/v1 types. */
export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** Reference to a meta/v1 type by its short name: `metaRef('ObjectMeta')`. */
export const metaRef = (name: string): FieldType => t.ref(META_V1 + name);

export const metaV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    'Metadata that every persisted object carries: identity, labels, ownership and lifecycle markers.',
    {
      name: f(
        1,
        t.string,
        'Name of the object, unique within its namespace (or cluster-wide when not namespaced).',
      ),
      generateName: f(
        2,
        t.string,
        'Prefix the server extends with random characters to make a name when name is empty.',
      ),
      namespace: f(3, t.string, 'Namespace the object lives in; empty for cluster-scoped objects.'),
      selfLink: f(4, t.string, 'Deprecated URL of the object; no longer filled in by the server.'),
      uid: f(5, t.string, 'Unique ID the server assigns at creation; never reused.'),
      resourceVersion: f(
        6,
        t.string,
        'Opaque version string that changes on every write; used for optimistic concurrency and watches.',
      ),
      generation: f(7, t.int64, 'Counter of changes to the desired state, maintained by the server.'),
      creationTimestamp: f(8, t.time, 'Time the server created the object.'),
      deletionTimestamp: f(
        9,
        t.time,
        'Time after which the object is removed; set when deletion is requested.',
      ),
      deletionGracePeriodSeconds: f(
        10,
        t.int64,
        'Seconds allowed for graceful termination once deletion is requested.',
      ),
      labels: f(11, t.map(t.string), 'Key/value pairs used to organise and select objects.'),
      annotations: f(12, t.map(t.string), 'Free-form key/value data for tools; not used for selection.'),
      ownerReferences: f(
        13,
        t.array(metaRef('OwnerReference')),
        'Objects this object depends on; garbage collection follows these links.',
        { mergeKey: 'uid', patchStrategy: 'merge', listType: 'map', listMapKeys: ['uid'] },
      ),
      finalizers: f(
        14,
        t.array(t.string),
        'Names of pending cleanup tasks that must finish before the object is removed.',
        { patchStrategy: 'merge', listType: 'set' },
      ),
      managedFields: f(
        17,
        t.array(metaRef('ManagedFieldsEntry')),
        'Record of which manager owns which fields, used by server-side apply.',
        { listType: 'atomic' },
      ),
    },
  ),
  type('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', 'Metadata of a list response.', {
    selfLink: f(1, t.string, 'Deprecated URL of the list; no longer filled in by the server.'),
    resourceVersion: f(
      2,
      t.string,
      'Version of the store at which the list was read; start a watch from here.',
    ),
    continue: f(
      3,
      t.string,
      'Token to fetch the next page when the list was limited; empty on the last page.',
    ),
    remainingItemCount: f(4, t.int64, 'Estimated number of items left after this page, when known.'),
  }),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
    'Link from an object to the object that owns it.',
    {
      apiVersion: f(5, t.string, 'API version of the owner.', { required: true }),
      kind: f(1, t.string, 'Kind of the owner.', { required: true }),
      name: f(3, t.string, 'Name of the owner.', { required: true }),
      uid: f(4, t.string, 'UID of the owner.', { required: true }),
      controller: f(
        6,
        t.boolean,
        'True when this owner is the managing controller; at most one owner may set it.',
      ),
      blockOwnerDeletion: f(
        7,
        t.boolean,
        'When true, foreground deletion of the owner waits for this object to go first.',
      ),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
    "One manager's ownership of a set of fields at one API version.",
    {
      manager: f(1, t.string, 'Name of the client or controller that owns these fields.'),
      operation: f(2, t.string, 'Kind of request that produced the entry: Apply or Update.'),
      apiVersion: f(3, t.string, 'API version in which the field set is expressed.'),
      time: f(4, t.time, 'When the entry was last changed.'),
      fieldsType: f(6, t.string, 'Format of the field set; always FieldsV1.'),
      fieldsV1: f(7, t.fieldsV1, 'The owned fields, as a trie of field paths.'),
      subresource: f(
        8,
        t.string,
        'Subresource the fields were written through, or empty for the main resource.',
      ),
    },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
    'Query over labels: every equality and expression must match.',
    {
      matchLabels: f(1, t.map(t.string), 'Labels that must be present with exactly these values.'),
      matchExpressions: f(
        2,
        t.array(metaRef('LabelSelectorRequirement')),
        'Set-based requirements that must all hold.',
        { listType: 'atomic' },
      ),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement',
    'A single set-based label requirement.',
    {
      key: f(1, t.string, 'Label key the requirement applies to.', { required: true }),
      operator: f(2, t.string, 'Relation between key and values: In, NotIn, Exists or DoesNotExist.', {
        required: true,
      }),
      values: f(3, t.array(t.string), 'Values to compare against; empty for Exists and DoesNotExist.', {
        listType: 'atomic',
      }),
    },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.Condition',
    'Generic status condition shape shared by many APIs.',
    {
      type: f(1, t.string, 'Condition name in CamelCase.', { required: true }),
      status: f(2, t.string, 'Whether the condition holds: True, False or Unknown.', { required: true }),
      observedGeneration: f(3, t.int64, 'Object generation the condition was computed from.'),
      lastTransitionTime: f(4, t.time, 'When status last changed.', { required: true }),
      reason: f(5, t.string, 'Machine-readable CamelCase cause of the last transition.', { required: true }),
      message: f(6, t.string, 'Human-readable detail about the last transition.', { required: true }),
    },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
    'Outcome of an API call that does not return an object, usually an error.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List-style metadata; normally empty.'),
      status: f(2, t.string, 'Success or Failure.'),
      message: f(3, t.string, 'Human-readable explanation of the outcome.'),
      reason: f(4, t.string, 'Machine-readable cause; empty when unknown.'),
      details: f(
        5,
        metaRef('StatusDetails'),
        'Extra data about the failure, such as the object and field errors.',
      ),
      code: f(6, t.int32, 'HTTP status code of the outcome.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Status' }] },
  ),
  type('io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails', 'Extra information attached to a Status.', {
    name: f(1, t.string, 'Name of the object the status is about.'),
    group: f(2, t.string, 'API group of the object.'),
    kind: f(3, t.string, 'Kind of the object.'),
    uid: f(6, t.string, 'UID of the object, when known.'),
    causes: f(4, t.array(metaRef('StatusCause')), 'Individual problems, for example one per invalid field.', {
      listType: 'atomic',
    }),
    retryAfterSeconds: f(5, t.int32, 'Seconds a client should wait before retrying.'),
  }),
  type('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause', 'One specific problem behind a failed call.', {
    reason: f(1, t.string, 'Machine-readable kind of problem.'),
    message: f(2, t.string, 'Human-readable description of the problem.'),
    field: f(3, t.string, 'Path of the field at fault, such as spec.containers[0].name.'),
  }),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
    'Options accompanying a delete request.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      gracePeriodSeconds: f(
        1,
        t.int64,
        "Seconds to wait before deleting; zero means now, empty uses the object's default.",
      ),
      preconditions: f(2, metaRef('Preconditions'), 'Conditions that must hold for the delete to proceed.'),
      orphanDependents: f(
        3,
        t.boolean,
        'Deprecated switch to orphan dependents; use propagationPolicy instead.',
      ),
      propagationPolicy: f(4, t.string, 'How dependents are handled: Orphan, Background or Foreground.'),
      dryRun: f(5, t.array(t.string), 'When set to All, the request is checked but not persisted.', {
        listType: 'atomic',
      }),
      ignoreStoreReadErrorWithClusterBreakingPotential: f(
        6,
        t.boolean,
        'Force deletion of an object whose stored data cannot be read; dangerous.',
      ),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'DeleteOptions' }] },
  ),
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions',
    'Requirements checked before an operation runs.',
    {
      uid: f(1, t.string, 'UID the target object must have.'),
      resourceVersion: f(2, t.string, 'Resource version the target object must have.'),
    },
  ),
];
