/**
 * @module api/schema/scheduling-v1
 * Type schemas for scheduling.k8s.io/v1: PriorityClass.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.scheduling.v1.${n}`);

export const schedulingV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.scheduling.v1.PriorityClass',
    'A name for a pod priority: pods naming the class get its value as their priority.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      value: f(2, t.int32, 'The priority pods of this class get; higher runs first and may preempt lower.', {
        required: true,
      }),
      globalDefault: f(
        3,
        t.boolean,
        'Whether pods naming no class get this one; at most one class may say so.',
      ),
      description: f(4, t.string, 'When to use this class, in words.'),
      preemptionPolicy: f(
        5,
        t.string,
        'PreemptLowerPriority (default) or Never: whether pods of this class may evict lower-priority pods.',
      ),
    },
    { gvk: [{ group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' }] },
  ),

  type(
    'io.k8s.api.scheduling.v1.PriorityClassList',
    'A list of PriorityClass objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('PriorityClass')), 'The PriorityClass objects.', { required: true }),
    },
    { gvk: [{ group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClassList' }] },
  ),
];
