/**
 * @module api/schema/autoscaling-v1
 * Type schemas for autoscaling/v1: the Scale subresource (HorizontalPodAutoscaler is not served).
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.autoscaling.v1.${n}`);

export const autoscalingV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.autoscaling.v1.Scale',
    'The scale subresource of a scalable object.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ObjectMeta'), 'Metadata of the scaled object.'),
      spec: f(2, local('ScaleSpec'), 'The wanted size.'),
      status: f(3, local('ScaleStatus'), 'The current size, which may lag behind the spec.'),
    },
    { gvk: [{ group: 'autoscaling', version: 'v1', kind: 'Scale' }] },
  ),

  type('io.k8s.api.autoscaling.v1.ScaleSpec', 'Desired size of a scalable object.', {
    replicas: f(1, t.int32, 'Wanted number of instances.'),
  }),

  type('io.k8s.api.autoscaling.v1.ScaleStatus', 'Observed size of a scalable object.', {
    replicas: f(1, t.int32, 'Number of instances currently running.', { required: true }),
    selector: f(2, t.string, 'Label query for the pods counted, in string form.'),
  }),
];
