/**
 * @module apiserver/openapi/paths
 * The `paths` section of a group-version's OpenAPI v3 document: for each resource its collection,
 * item, all-namespaces and (deprecated) watch paths, and its subresources, each operation tagged
 * with `x-kubernetes-action` and a single-object `x-kubernetes-group-version-kind`, as upstream
 * does. kubectl finds a kind's PATCH operation by that extension and checks it lists
 * `fieldValidation` before it sends `fieldValidation=Strict`.
 */
import type { SchemaGVK } from '../../api/schema/model.js';
import type { ResourceDefinition, SubresourceDefinition } from '../../api/types.js';
import { refPrefix, type OpenApiSchema } from './components.js';
import {
  connectParams,
  deleteCollectionParams,
  deleteParams,
  listParams,
  logParams,
  param,
  patchParams,
  writeParams,
  type OpenApiParameter,
} from './parameters.js';

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

const objectMedia = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const streamMedia = [
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ref(name: string): OpenApiSchema {
  return { $ref: refPrefix + name };
}

function content(media: string[], schema: OpenApiSchema): OpenApiSchema {
  return Object.fromEntries(media.map((m) => [m, { schema }]));
}

function responses(codes: Record<string, string>, media: string[], schema: OpenApiSchema): OpenApiSchema {
  const out: Record<string, OpenApiSchema> = {};
  for (const [code, description] of Object.entries(codes)) out[code] = { content: content(media, schema), description };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

interface OperationSpec {
  description: string;
  operationId: string;
  action: string;
  gvk: SchemaGVK;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiSchema;
  responses: OpenApiSchema;
  tag: string;
}

function operation(o: OperationSpec): OpenApiSchema {
  const op: OpenApiSchema = { description: o.description, operationId: o.operationId };
  if (o.parameters && o.parameters.length > 0) op.parameters = o.parameters;
  if (o.requestBody) op.requestBody = o.requestBody;
  op.responses = o.responses;
  op.tags = [o.tag];
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = { group: o.gvk.group, kind: o.gvk.kind, version: o.gvk.version };
  return op;
}

const bodyOf = (schemaName: string): OpenApiSchema => ({
  content: { '*/*': { schema: ref(schemaName) } },
  required: true,
});

const patchBody: OpenApiSchema = {
  content: Object.fromEntries(patchContentTypes.map((m) => [m, { schema: ref(metaNames.patch) }])),
  required: true,
};

const deleteBody: OpenApiSchema = { content: { '*/*': { schema: ref(metaNames.deleteOptions) } } };

/** A path item: operations by HTTP method plus path-level parameters. */
export type PathItem = Record<string, unknown>;

/** Component names a resource's operations need besides its own kind (lists, Status...). */
export function listSchemaName(r: OpenApiResource): string {
  return `${r.schemaName}List`;
}

/**
 * Every path of one resource, keyed by URL template. Only the verbs the resource serves appear:
 * `list` → GET collection (and the all-namespaces list for namespaced kinds), `create` → POST,
 * `deletecollection` → DELETE collection, `get`/`update`/`patch`/`delete` on the item, `watch` →
 * the deprecated `/watch/` paths. Subresources follow their own verbs.
 */
export function resourcePaths(r: OpenApiResource, resolveKind: KindResolver): Record<string, PathItem> {
  const paths: Record<string, PathItem> = {};
  const gvk: SchemaGVK = { group: r.group, version: r.version, kind: r.kind };
  const base = groupVersionPrefix(r.group, r.version);
  const scope = r.namespaced ? '/namespaces/{namespace}' : '';
  const collection = `${base}${scope}/${r.plural}`;
  const item = `${collection}/{name}`;
  const gv = operationGroupName(r.group, r.version);
  const ns = r.namespaced ? 'Namespaced' : '';
  const tag = operationTag(r.group, r.version);
  const has = (v: string) => r.verbs.includes(v);
  const scopeParams = r.namespaced ? [param.namespace] : [];
  const kindRef = ref(r.schemaName);
  const listRef = ref(listSchemaName(r));
  const statusRef = ref(metaNames.status);
  const plural = `${r.kind} objects`;

  const coll: PathItem = {};
  if (has('deletecollection')) {
    coll.delete = operation({
      description: `delete a collection of ${plural}`,
      operationId: `delete${gv}Collection${ns}${r.kind}`,
      action: 'deletecollection',
      gvk,
      parameters: deleteCollectionParams,
      requestBody: deleteBody,
      responses: responses({ '200': 'OK' }, objectMedia, statusRef),
      tag,
    });
  }
  if (has('list')) {
    coll.get = operation({
      description: `list or watch ${plural}`,
      operationId: `list${gv}${ns}${r.kind}`,
      action: 'list',
      gvk,
      parameters: listParams,
      responses: responses({ '200': 'OK' }, streamMedia, listRef),
      tag,
    });
  }
  if (has('create')) {
    coll.post = operation({
      description: `create a ${r.kind}`,
      operationId: `create${gv}${ns}${r.kind}`,
      action: 'post',
      gvk,
      parameters: writeParams,
      requestBody: bodyOf(r.schemaName),
      responses: responses({ '200': 'OK', '201': 'Created', '202': 'Accepted' }, objectMedia, kindRef),
      tag,
    });
  }
  if (Object.keys(coll).length > 0) paths[collection] = { ...coll, parameters: [...scopeParams, param.pretty] };

  const one: PathItem = {};
  if (has('delete')) {
    one.delete = operation({
      description: `delete a ${r.kind}`,
      operationId: `delete${gv}${ns}${r.kind}`,
      action: 'delete',
      gvk,
      parameters: deleteParams,
      requestBody: deleteBody,
      responses: responses({ '200': 'OK', '202': 'Accepted' }, objectMedia, statusRef),
      tag,
    });
  }
  if (has('get')) {
    one.get = operation({
      description: `read the named ${r.kind}`,
      operationId: `read${gv}${ns}${r.kind}`,
      action: 'get',
      gvk,
      responses: responses({ '200': 'OK' }, objectMedia, kindRef),
      tag,
    });
  }
  if (has('patch')) {
    one.patch = operation({
      description: `partially update the named ${r.kind}`,
      operationId: `patch${gv}${ns}${r.kind}`,
      action: 'patch',
      gvk,
      parameters: patchParams,
      requestBody: patchBody,
      responses: responses({ '200': 'OK', '201': 'Created' }, objectMedia, kindRef),
      tag,
    });
  }
  if (has('update')) {
    one.put = operation({
      description: `replace the named ${r.kind}`,
      operationId: `replace${gv}${ns}${r.kind}`,
      action: 'put',
      gvk,
      parameters: writeParams,
      requestBody: bodyOf(r.schemaName),
      responses: responses({ '200': 'OK', '201': 'Created' }, objectMedia, kindRef),
      tag,
    });
  }
  const nameParam = param.name(r.kind);
  if (Object.keys(one).length > 0) paths[item] = { ...one, parameters: [nameParam, ...scopeParams, param.pretty] };

  if (r.namespaced && has('list')) {
    paths[`${base}/${r.plural}`] = {
      get: operation({
        description: `list or watch ${plural} in every namespace`,
        operationId: `list${gv}${r.kind}ForAllNamespaces`,
        action: 'list',
        gvk,
        responses: responses({ '200': 'OK' }, streamMedia, listRef),
        tag,
      }),
      parameters: [...listParams, param.pretty],
    };
  }
  if (has('watch')) Object.assign(paths, watchPaths(r, gvk, tag));
  for (const sub of r.subresources) {
    paths[`${item}/${sub.name}`] = subresourcePath(r, sub, resolveKind, [nameParam, ...scopeParams]);
  }
  return paths;
}

function watchPaths(r: OpenApiResource, gvk: SchemaGVK, tag: string): Record<string, PathItem> {
  const base = groupVersionPrefix(r.group, r.version);
  const gv = operationGroupName(r.group, r.version);
  const ns = r.namespaced ? 'Namespaced' : '';
  const scope = r.namespaced ? '/namespaces/{namespace}' : '';
  const scopeParams = r.namespaced ? [param.namespace] : [];
  const event = ref(metaNames.watchEvent);
  const watchOp = (id: string, action: string, description: string) =>
    operation({ description, operationId: id, action, gvk, responses: responses({ '200': 'OK' }, streamMedia, event), tag });
  const note = 'deprecated: use the watch parameter of the list operation instead';
  const paths: Record<string, PathItem> = {
    [`${base}/watch${scope}/${r.plural}`]: {
      get: watchOp(`watch${gv}${ns}${r.kind}List`, 'watchlist', `watch changes to a list of ${r.kind}; ${note}`),
      parameters: [...listParams, ...scopeParams, param.pretty],
    },
    [`${base}/watch${scope}/${r.plural}/{name}`]: {
      get: watchOp(`watch${gv}${ns}${r.kind}`, 'watch', `watch changes to one ${r.kind}; ${note}`),
      parameters: [...listParams, param.name(r.kind), ...scopeParams, param.pretty],
    },
  };
  if (r.namespaced) {
    paths[`${base}/watch/${r.plural}`] = {
      get: watchOp(
        `watch${gv}${r.kind}ListForAllNamespaces`,
        'watchlist',
        `watch changes to ${r.kind} objects in every namespace; ${note}`,
      ),
      parameters: [...listParams, param.pretty],
    };
  }
  return paths;
}

const httpMethodOf: Record<string, string> = {
  get: 'get',
  create: 'post',
  update: 'put',
  patch: 'patch',
  delete: 'delete',
};

/** Subresources served as streams or proxies (exec, attach, portforward, proxy): `connect` actions. */
function isConnect(sub: SubresourceDefinition): boolean {
  return sub.responseKind.kind.endsWith('Options');
}

function subresourcePath(
  r: OpenApiResource,
  sub: SubresourceDefinition,
  resolveKind: KindResolver,
  baseParams: OpenApiParameter[],
): PathItem {
  const gv = operationGroupName(r.group, r.version);
  const tag = operationTag(r.group, r.version);
  const ns = r.namespaced ? 'Namespaced' : '';
  const suffix = capitalise(sub.name);
  const gvk = sub.responseKind;
  const item: PathItem = {};
  if (isConnect(sub)) {
    for (const verb of sub.verbs) {
      const method = httpMethodOf[verb];
      if (!method) continue;
      item[method] = operation({
        description: `connect ${method.toUpperCase()} requests to ${sub.name} of ${r.kind}`,
        operationId: `connect${gv}${capitalise(method)}${ns}${r.kind}${suffix}`,
        action: 'connect',
        gvk,
        parameters: connectParams[sub.name],
        responses: responses({ '200': 'OK' }, ['*/*'], { type: 'string' }),
        tag,
      });
    }
    return { ...item, parameters: baseParams };
  }
  if (sub.name === 'log') {
    item.get = operation({
      description: `read the log of a ${r.kind}`,
      operationId: `read${gv}${ns}${r.kind}Log`,
      action: 'get',
      gvk,
      parameters: logParams,
      responses: responses({ '200': 'OK' }, ['text/plain'], { type: 'string' }),
      tag,
    });
    return { ...item, parameters: [...baseParams, param.pretty] };
  }
  const schema = ref(resolveKind(gvk));
  for (const verb of sub.verbs) {
    const what = `${sub.name} of the named ${r.kind}`;
    if (verb === 'get') {
      item.get = operation({
        description: `read ${what}`,
        operationId: `read${gv}${ns}${r.kind}${suffix}`,
        action: 'get',
        gvk,
        responses: responses({ '200': 'OK' }, objectMedia, schema),
        tag,
      });
    } else if (verb === 'update') {
      item.put = operation({
        description: `replace ${what}`,
        operationId: `replace${gv}${ns}${r.kind}${suffix}`,
        action: 'put',
        gvk,
        parameters: writeParams,
        requestBody: { content: { '*/*': { schema } }, required: true },
        responses: responses({ '200': 'OK', '201': 'Created' }, objectMedia, schema),
        tag,
      });
    } else if (verb === 'patch') {
      item.patch = operation({
        description: `partially update ${what}`,
        operationId: `patch${gv}${ns}${r.kind}${suffix}`,
        action: 'patch',
        gvk,
        parameters: patchParams,
        requestBody: patchBody,
        responses: responses({ '200': 'OK', '201': 'Created' }, objectMedia, schema),
        tag,
      });
    } else if (verb === 'create') {
      item.post = operation({
        description: `create ${what}`,
        operationId: `create${gv}${ns}${r.kind}${suffix}`,
        action: 'post',
        gvk,
        parameters: writeParams,
        requestBody: { content: { '*/*': { schema } }, required: true },
        responses: responses({ '200': 'OK', '201': 'Created', '202': 'Accepted' }, objectMedia, schema),
        tag,
      });
    }
  }
  return { ...item, parameters: [...baseParams, param.pretty] };
}
