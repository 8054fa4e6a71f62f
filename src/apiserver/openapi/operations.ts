/**
 * @module apiserver/openapi/operations
 * Building blocks of OpenAPI v3 operations: upstream's naming (operationId infixes, tags), the
 * shared apimachinery component names, media types, request bodies and responses, and the
 * operation object with its `x-kubernetes-action` and single-object
 * `x-kubernetes-group-version-kind` extensions.
 */
import type { SchemaGVK } from '../../api/schema/model.js';
import type { ResourceDefinition } from '../../api/types.js';
import { refPrefix, type OpenApiSchema } from './components.js';
import type { OpenApiParameter } from './parameters.js';

/** The part of a resource definition the OpenAPI generator needs. */
export type OpenApiResource = Pick<
  ResourceDefinition,
  'group' | 'version' | 'kind' | 'plural' | 'namespaced' | 'verbs' | 'subresources' | 'schemaName'
>;

/** Fixed names of the shared apimachinery types operations refer to. */
export const metaNames = {
  status: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  deleteOptions: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  watchEvent: 'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  patch: 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  listMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
};

/** The content types a PATCH accepts; kubectl looks for the strategic-merge one. */
export const patchContentTypes = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

export const objectMedia = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
export const streamMedia = [
  'application/json',
  'application/json;stream=watch',
  'application/vnd.kubernetes.protobuf',
  'application/vnd.kubernetes.protobuf;stream=watch',
  'application/yaml',
];

/** Resolves a kind to its component name (subresource kinds such as autoscaling/v1 Scale). */
export type KindResolver = (gvk: SchemaGVK) => string;

/** `/api/v1` or `/apis/apps/v1`. */
export function groupVersionPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** `CoreV1`, `AppsV1`, `RbacAuthorizationV1`: the operationId infix upstream uses. */
export function operationGroupName(group: string, version: string): string {
  const parts = group ? group.replace(/\.k8s\.io$/, '').split('.') : ['core'];
  return parts.map(capitalise).join('') + capitalise(version);
}

/** `core_v1`, `apps_v1`, `rbacAuthorization_v1`. */
export function operationTag(group: string, version: string): string {
  const parts = group ? group.replace(/\.k8s\.io$/, '').split('.') : ['core'];
  return parts.map((p, i) => (i === 0 ? p : capitalise(p))).join('') + '_' + version;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function ref(name: string): OpenApiSchema {
  return { $ref: refPrefix + name };
}

export function content(media: string[], schema: OpenApiSchema): OpenApiSchema {
  return Object.fromEntries(media.map((m) => [m, { schema }]));
}

export function responses(
  codes: Record<string, string>,
  media: string[],
  schema: OpenApiSchema,
): OpenApiSchema {
  const out: Record<string, OpenApiSchema> = {};
  for (const [code, description] of Object.entries(codes))
    out[code] = { content: content(media, schema), description };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

export interface OperationSpec {
  description: string;
  operationId: string;
  action: string;
  gvk: SchemaGVK;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiSchema;
  responses: OpenApiSchema;
  tag: string;
}

export function operation(o: OperationSpec): OpenApiSchema {
  const op: OpenApiSchema = { description: o.description, operationId: o.operationId };
  if (o.parameters && o.parameters.length > 0) op.parameters = o.parameters;
  if (o.requestBody) op.requestBody = o.requestBody;
  op.responses = o.responses;
  op.tags = [o.tag];
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = { group: o.gvk.group, kind: o.gvk.kind, version: o.gvk.version };
  return op;
}

export const bodyOf = (schemaName: string): OpenApiSchema => ({
  content: { '*/*': { schema: ref(schemaName) } },
  required: true,
});

export const patchBody: OpenApiSchema = {
  content: Object.fromEntries(patchContentTypes.map((m) => [m, { schema: ref(metaNames.patch) }])),
  required: true,
};

export const deleteBody: OpenApiSchema = { content: { '*/*': { schema: ref(metaNames.deleteOptions) } } };

/** A path item: operations by HTTP method plus path-level parameters. */
export type PathItem = Record<string, unknown>;

/** The component name of a resource's list kind: `io.k8s.api.core.v1.PodList`. */
export function listSchemaName(r: OpenApiResource): string {
  return `${r.schemaName}List`;
}
