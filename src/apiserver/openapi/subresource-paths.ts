/**
 * @module apiserver/openapi/subresource-paths
 * OpenAPI v3 path items of subresources: `status`, `scale` and the like (get/put/patch of the
 * subresource's kind), `binding`/`eviction` (post), `log` (plain text), and the streaming
 * `exec`/`attach`/`portforward`/`proxy` subresources (`connect` actions).
 */
import type { SubresourceDefinition } from '../../api/types.js';
import {
  capitalise,
  objectMedia,
  operation,
  operationGroupName,
  operationTag,
  patchBody,
  ref,
  responses,
  type KindResolver,
  type OpenApiResource,
  type PathItem,
} from './operations.js';
import {
  connectParams,
  logParams,
  param,
  patchParams,
  writeParams,
  type OpenApiParameter,
} from './parameters.js';

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

/** The path item of one subresource, at `<item path>/<name>`; `baseParams` are name and namespace. */
export function subresourcePath(
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
