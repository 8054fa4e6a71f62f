/**
 * @module api/schema/core-v1-misc
 * Schemas of the smaller core kinds: Namespace, Event, ConfigMap, Secret, ServiceAccount,
 * LimitRange and ResourceQuota, plus ObjectReference and LocalObjectReference.
 * Field numbers are from core/v1 generated.proto (v1.32); descriptions are our own.
 */
import { coreRef } from './core-v1-ref.js';
import { metaRef } from './meta-v1.js';
import { f, t, type, type TypeSchema } from './model.js';

export const coreMiscSchemas: TypeSchema[] = [
  type(
    'io.k8s.api.core.v1.ObjectReference',
    'Reference to another object, possibly part of it.',
    {
      kind: f(1, t.string, 'Kind of the object.'),
      namespace: f(2, t.string, 'Namespace of the object.'),
      name: f(3, t.string, 'Name of the object.'),
      uid: f(4, t.string, 'UID of the object.'),
      apiVersion: f(5, t.string, 'API version of the object.'),
      resourceVersion: f(6, t.string, 'Resource version of the object that was referenced.'),
      fieldPath: f(7, t.string, 'Path to a part of the object, such as spec.containers{name}.'),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.LocalObjectReference',
    'Reference to an object by name in the same namespace.',
    {
      name: f(1, t.string, 'Name of the object.', { default: '' }),
    },
    { structType: 'atomic' },
  ),
  type(
    'io.k8s.api.core.v1.Namespace',
    'A scope for names and policy shared by a group of objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('NamespaceSpec'), 'Desired behaviour of the namespace.'),
      status: f(3, coreRef('NamespaceStatus'), 'Observed status of the namespace.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Namespace' }] },
  ),
  type(
    'io.k8s.api.core.v1.NamespaceList',
    'A list of Namespace objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Namespace')), 'The Namespace objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'NamespaceList' }] },
  ),
  type('io.k8s.api.core.v1.NamespaceSpec', 'Desired behaviour of a namespace.', {
    finalizers: f(1, t.array(t.string), 'Cleanup tasks that must finish before the namespace is removed.', {
      listType: 'atomic',
    }),
  }),
  type('io.k8s.api.core.v1.NamespaceStatus', 'Observed status of a namespace.', {
    phase: f(1, t.string, 'Lifecycle phase: Active or Terminating.', { enum: ['Active', 'Terminating'] }),
    conditions: f(2, t.array(coreRef('NamespaceCondition')), 'Current conditions of the namespace.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  }),
  type('io.k8s.api.core.v1.NamespaceCondition', 'One condition of a namespace.', {
    type: f(1, t.string, 'Name of the condition.', { required: true }),
    status: f(2, t.string, 'Whether the condition holds: True, False or Unknown.', { required: true }),
    lastTransitionTime: f(4, t.time, 'When the status last changed.'),
    reason: f(5, t.string, 'CamelCase reason for the last change.'),
    message: f(6, t.string, 'Human-readable detail about the last change.'),
  }),
  type(
    'io.k8s.api.core.v1.Event',
    'A report of something that happened to an object.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
        { required: true },
      ),
      involvedObject: f(2, coreRef('ObjectReference'), 'Object the event is about.', { required: true }),
      reason: f(3, t.string, 'Short CamelCase reason for the event.'),
      message: f(4, t.string, 'Human-readable description of the event.'),
      source: f(5, coreRef('EventSource'), 'Component that reported the event.'),
      firstTimestamp: f(6, t.time, 'When the event was first seen.'),
      lastTimestamp: f(7, t.time, 'When the event was most recently seen.'),
      count: f(8, t.int32, 'Number of times the event has occurred.'),
      type: f(9, t.string, 'Kind of event: Normal or Warning.'),
      eventTime: f(10, t.microTime, 'When the event was first observed, with microseconds.'),
      series: f(11, coreRef('EventSeries'), 'Data about a series of repeated events.'),
      action: f(12, t.string, 'What was done, or failed to be done, to the object.'),
      related: f(13, coreRef('ObjectReference'), 'A second object involved, if any.'),
      reportingComponent: f(14, t.string, 'Controller that emitted the event.'),
      reportingInstance: f(15, t.string, 'Instance of the controller that emitted the event.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Event' }] },
  ),
  type(
    'io.k8s.api.core.v1.EventList',
    'A list of Event objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Event')), 'The Event objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'EventList' }] },
  ),
  type('io.k8s.api.core.v1.EventSource', 'Component that produced an event.', {
    component: f(1, t.string, 'Name of the component.'),
    host: f(2, t.string, 'Node the component runs on.'),
  }),
  type('io.k8s.api.core.v1.EventSeries', 'Data about a series of repeated events.', {
    count: f(1, t.int32, 'Number of occurrences so far.'),
    lastObservedTime: f(2, t.microTime, 'When the last occurrence was seen.'),
  }),
  type(
    'io.k8s.api.core.v1.ConfigMap',
    'Non-secret configuration data for pods to use.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      immutable: f(4, t.boolean, 'Forbid changes to the data once set.'),
      data: f(2, t.map(t.string), 'Text configuration entries.'),
      binaryData: f(3, t.map(t.bytes), 'Binary configuration entries.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ConfigMap' }] },
  ),
  type(
    'io.k8s.api.core.v1.ConfigMapList',
    'A list of ConfigMap objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('ConfigMap')), 'The ConfigMap objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ConfigMapList' }] },
  ),
  type(
    'io.k8s.api.core.v1.Secret',
    'Sensitive data such as passwords, tokens or keys.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      immutable: f(5, t.boolean, 'Forbid changes to the data once set.'),
      data: f(2, t.map(t.bytes), 'Secret entries; values are base64 encoded in JSON.'),
      stringData: f(4, t.map(t.string), 'Write-only plain-text entries merged into data.'),
      type: f(3, t.string, 'Kind of secret, used to check its content.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'Secret' }] },
  ),
  type(
    'io.k8s.api.core.v1.SecretList',
    'A list of Secret objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('Secret')), 'The Secret objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'SecretList' }] },
  ),
  type(
    'io.k8s.api.core.v1.ServiceAccount',
    'An identity for processes that run in pods.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      secrets: f(2, t.array(coreRef('ObjectReference')), 'Secrets that pods using this account may use.', {
        mergeKey: 'name',
        patchStrategy: 'merge',
        listType: 'map',
        listMapKeys: ['name'],
      }),
      imagePullSecrets: f(
        3,
        t.array(coreRef('LocalObjectReference')),
        'Registry credentials added to pods using this account.',
        { listType: 'atomic' },
      ),
      automountServiceAccountToken: f(
        4,
        t.boolean,
        'Whether pods using this account get a token mounted automatically.',
      ),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ServiceAccount' }] },
  ),
  type(
    'io.k8s.api.core.v1.ServiceAccountList',
    'A list of ServiceAccount objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('ServiceAccount')), 'The ServiceAccount objects in the list.', {
        required: true,
      }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ServiceAccountList' }] },
  ),
  type(
    'io.k8s.api.core.v1.LimitRange',
    'Per-namespace limits on the resources of pods, containers and claims.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('LimitRangeSpec'), 'The limits.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'LimitRange' }] },
  ),
  type(
    'io.k8s.api.core.v1.LimitRangeList',
    'A list of LimitRange objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('LimitRange')), 'The LimitRange objects in the list.', { required: true }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'LimitRangeList' }] },
  ),
  type('io.k8s.api.core.v1.LimitRangeSpec', 'The limits of a LimitRange.', {
    limits: f(1, t.array(coreRef('LimitRangeItem')), 'Limits, one entry per kind of object.', {
      listType: 'atomic',
      required: true,
    }),
  }),
  type('io.k8s.api.core.v1.LimitRangeItem', 'Resource limits for one kind of object.', {
    type: f(1, t.string, 'Kind of object: Pod, Container or PersistentVolumeClaim.', { required: true }),
    max: f(2, t.map(t.quantity), 'Largest allowed amount per resource.'),
    min: f(3, t.map(t.quantity), 'Smallest allowed amount per resource.'),
    default: f(4, t.map(t.quantity), 'Limit applied when none is given.'),
    defaultRequest: f(5, t.map(t.quantity), 'Request applied when none is given.'),
    maxLimitRequestRatio: f(6, t.map(t.quantity), 'Largest allowed ratio of limit to request per resource.'),
  }),
  type(
    'io.k8s.api.core.v1.ResourceQuota',
    'Aggregate resource limits for a namespace.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(
        1,
        metaRef('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, coreRef('ResourceQuotaSpec'), 'Desired quota.'),
      status: f(3, coreRef('ResourceQuotaStatus'), 'Current quota and usage.'),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ResourceQuota' }] },
  ),
  type(
    'io.k8s.api.core.v1.ResourceQuotaList',
    'A list of ResourceQuota objects.',
    {
      apiVersion: f(0, t.string, 'Schema version of this object, such as v1.'),
      kind: f(0, t.string, 'Kind of this object, in CamelCase.'),
      metadata: f(1, metaRef('ListMeta'), 'List metadata: resource version and continue token.'),
      items: f(2, t.array(coreRef('ResourceQuota')), 'The ResourceQuota objects in the list.', {
        required: true,
      }),
    },
    { gvk: [{ group: '', version: 'v1', kind: 'ResourceQuotaList' }] },
  ),
  type('io.k8s.api.core.v1.ResourceQuotaSpec', 'Desired quota.', {
    hard: f(1, t.map(t.quantity), 'Hard limit per named resource.'),
    scopes: f(2, t.array(t.string), 'Scopes an object must match to be counted.', {
      listType: 'atomic',
      enum: [
        'BestEffort',
        'CrossNamespacePodAffinity',
        'NotBestEffort',
        'NotTerminating',
        'PriorityClass',
        'Terminating',
      ],
    }),
    scopeSelector: f(3, coreRef('ScopeSelector'), 'Scope expressions an object must match to be counted.'),
  }),
  type('io.k8s.api.core.v1.ResourceQuotaStatus', 'Enforced quota and current usage.', {
    hard: f(1, t.map(t.quantity), 'Enforced hard limit per named resource.'),
    used: f(2, t.map(t.quantity), 'Current usage per named resource.'),
  }),
  type(
    'io.k8s.api.core.v1.ScopeSelector',
    'Scope requirements for a quota, all of which must hold.',
    {
      matchExpressions: f(
        1,
        t.array(coreRef('ScopedResourceSelectorRequirement')),
        'Requirements on scopes.',
        { listType: 'atomic' },
      ),
    },
    { structType: 'atomic' },
  ),
  type('io.k8s.api.core.v1.ScopedResourceSelectorRequirement', 'One requirement on a quota scope.', {
    scopeName: f(1, t.string, 'Scope the requirement applies to.', {
      enum: [
        'BestEffort',
        'CrossNamespacePodAffinity',
        'NotBestEffort',
        'NotTerminating',
        'PriorityClass',
        'Terminating',
      ],
      required: true,
    }),
    operator: f(2, t.string, 'Relation between scope and values: In, NotIn, Exists or DoesNotExist.', {
      enum: ['DoesNotExist', 'Exists', 'In', 'NotIn'],
      required: true,
    }),
    values: f(3, t.array(t.string), 'Values to compare against; empty for Exists and DoesNotExist.', {
      listType: 'atomic',
    }),
  }),
];
