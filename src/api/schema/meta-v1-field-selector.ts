/**
 * @module api/schema/meta-v1-field-selector
 * meta/v1 FieldSelectorRequirement, which authorization/v1 FieldSelectorAttributes refers to.
 * The index adds it only when meta-v1 does not define it. Proto numbers from apimachinery v0.32.
 */
import { f, t, type, type TypeSchema } from './model.js';

export const metaV1FieldSelectorSchemas: TypeSchema[] = [
  type(
    'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement',
    'One condition of a field selector: a field key, an operator and the values it compares with.',
    {
      key: f(1, t.string, 'Field path the requirement applies to.', { required: true }),
      operator: f(2, t.string, 'How the field relates to the values: In, NotIn, Exists or DoesNotExist.', {
        required: true,
      }),
      values: f(3, t.array(t.string), 'Values to compare with; empty for Exists and DoesNotExist.', {
        listType: 'atomic',
      }),
    },
  ),
];
