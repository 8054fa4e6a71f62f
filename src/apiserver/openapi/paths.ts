/**
 * @module apiserver/openapi/paths
 * The `paths` section of a group-version's OpenAPI v3 document: for each resource its collection,
 * item, all-namespaces and (deprecated) watch paths, and its subresources, each operation tagged
 * with `x-kubernetes-action` and a single-object `x-kubernetes-group-version-kind`, as upstream
 * does. kubectl finds a kind's PATCH operation by that extension and checks it lists
 * `fieldValidation` before it sends `fieldValidation=Strict`.
 */
import type { SchemaGVK } from '../../api/schema/model.js';
import {
  deleteCollectionParams,
  deleteParams,
  listParams,
  param,
  patchParams,
  writeParams,
} from './parameters.js';
import {
  bodyOf,
  deleteBody,
  groupVersionPrefix,
  listSchemaName,
  metaNames,
  objectMedia,
  operation,
  operationGroupName,
  operationTag,
  patchBody,
  ref,
  responses,
  streamMedia,
  type KindResolver,
  type OpenApiResource,
  type PathItem,
} from './operations.js';
import { subresourcePath } from './subresource-paths.js';

export {
  groupVersionPrefix,
  listSchemaName,
  metaNames,
  operationGroupName,
  operationTag,
  patchContentTypes,
  type KindResolver,
  type OpenApiResource,
  type PathItem,
} from './operations.js';

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
  if (Object.keys(coll).length > 0)
    paths[collection] = { ...coll, parameters: [...scopeParams, param.pretty] };

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
  if (Object.keys(one).length > 0)
    paths[item] = { ...one, parameters: [nameParam, ...scopeParams, param.pretty] };

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
    operation({
      description,
      operationId: id,
      action,
      gvk,
      responses: responses({ '200': 'OK' }, streamMedia, event),
      tag,
    });
  const note = 'deprecated: use the watch parameter of the list operation instead';
  const paths: Record<string, PathItem> = {
    [`${base}/watch${scope}/${r.plural}`]: {
      get: watchOp(
        `watch${gv}${ns}${r.kind}List`,
        'watchlist',
        `watch changes to a list of ${r.kind}; ${note}`,
      ),
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
