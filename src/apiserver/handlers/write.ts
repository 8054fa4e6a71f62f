/**
 * @module apiserver/handlers/write
 * POST, PUT, PATCH, DELETE and DELETE-collection on a resource.
 */
import {
  newBadRequest,
  newNotFound,
  newUnsupportedMediaType,
  StatusError,
  successStatus,
} from '../../machinery/errors.js';
import type { KubeObject } from '../../machinery/meta.js';
import { readBody, type Body, type Exchange } from '../http/exchange.js';
import type { DeleteOptions, RequestContext } from '../registry/context.js';
import { deleteObject } from '../registry/delete.js';
import type { Endpoint } from './endpoint.js';
import { decodeObject, mediaType, parseJson, parseYamlOrJson, type ProtobufDecoder } from './decode.js';
import { listQueryOf } from './read.js';

type Validation = 'Strict' | 'Warn' | 'Ignore';

const PATCH_MEDIA_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/strategic-merge-patch+json',
];

function fieldValidationOf(ex: Exchange): Validation {
  const v = ex.query.get('fieldValidation');
  if (!v) return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw newBadRequest(`fieldValidation parameter unsupported: ${v}`);
}

/** Applies fieldValidation: 400 on unknown fields when Strict, warnings when Warn; always prunes them. */
export function checkUnknownFields(
  ep: Endpoint,
  ex: Exchange,
  obj: KubeObject,
  jsonText?: string,
  schemaName = ep.def.schemaName,
  kind = ep.def.kind,
): void {
  const codec = ep.codec;
  if (!codec.unknownFields) return;
  const mode = fieldValidationOf(ex);
  const errors =
    jsonText !== undefined && codec.strictFieldErrors && mode !== 'Ignore'
      ? codec.strictFieldErrors(jsonText, schemaName)
      : codec.unknownFields(obj, schemaName).map((path) => ({ type: 'unknown' as const, path }));
  if (!errors.length) return;
  const texts = errors.map((e) => `${e.type} field ${JSON.stringify(e.path)}`);
  if (mode === 'Strict') {
    const bodyKind = obj.kind || kind;
    const bodyVersion = (obj.apiVersion ?? ep.apiVersion).split('/').pop();
    throw newBadRequest(
      `${bodyKind} in version "${bodyVersion}" cannot be handled as a ${kind}: strict decoding error: ${texts.join(', ')}`,
    );
  }
  if (mode === 'Warn') ex.warnings.push(...texts);
  codec.pruneFields?.(
    obj,
    errors.filter((e) => e.type === 'unknown').map((e) => e.path),
  );
}

/** The JSON text for the duplicate-field check; none for a value from an in-process client. */
function jsonTextOf(body: Body, contentType: string | undefined): string | undefined {
  if (!Buffer.isBuffer(body)) return undefined;
  const mt = mediaType(contentType);
  return mt === '' || mt === 'application/json' ? body.toString('utf8') : undefined;
}

function checkTypeMeta(ep: Endpoint, obj: KubeObject): void {
  if (obj.apiVersion && obj.apiVersion !== ep.apiVersion) {
    throw newBadRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${ep.apiVersion})`,
    );
  }
  if (obj.kind && obj.kind !== ep.def.kind) {
    throw newBadRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${ep.def.kind})`,
    );
  }
}

export async function handleCreate(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  namespace: string | undefined,
): Promise<void> {
  const body = await readBody(ex.req);
  const obj = decodeObject(body, ex.header('content-type'), ep.codec.protobuf);
  checkTypeMeta(ep, obj);
  checkUnknownFields(ep, ex, obj, jsonTextOf(body, ex.header('content-type')));
  const created = await ep.store.create(ctx, namespace, obj);
  ex.json(201, ep.withTypeMeta(created));
}

export async function handleUpdate(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const body = await readBody(ex.req);
  const obj = decodeObject(body, ex.header('content-type'), ep.codec.protobuf);
  checkTypeMeta(ep, obj);
  checkUnknownFields(ep, ex, obj, jsonTextOf(body, ex.header('content-type')));
  if (obj.metadata.name && obj.metadata.name !== name) {
    throw newBadRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const res = await ep.store.update(ctx, namespace, name, () => obj, {
    allowCreate: !!ep.def.allowCreateOnUpdate,
    uidPrecondition: obj.metadata.uid,
  });
  ex.json(res.created ? 201 : 200, ep.withTypeMeta(res.object));
}

/** Applies a patch body of the given media type to `current`. */
export function applyPatch(
  ep: Endpoint,
  current: KubeObject,
  body: Body,
  mt: string,
  schemaName: string,
): KubeObject {
  const codec = ep.codec;
  switch (mt) {
    case 'application/json-patch+json':
      return codec.jsonPatch(current, parseJson(body, 'patch'));
    case 'application/merge-patch+json': {
      const p = parseJson(body, 'patch');
      checkPatchShape(p);
      return codec.mergePatch(current, p);
    }
    case 'application/strategic-merge-patch+json': {
      const p = parseJson(body, 'patch');
      checkPatchShape(p);
      if (!codec.strategicMerge)
        throw newUnsupportedMediaType(PATCH_MEDIA_TYPES.filter((m) => !m.includes('strategic')));
      return codec.strategicMerge(current, p, schemaName);
    }
    default:
      throw newUnsupportedMediaType(PATCH_MEDIA_TYPES);
  }
}

function checkPatchShape(p: unknown): void {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    throw newBadRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
}

export async function handlePatch(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const body = await readBody(ex.req);
  const mt = mediaType(ex.header('content-type'));
  if (mt === 'application/apply-patch+yaml') {
    const applied = parseYamlOrJson(body) as KubeObject;
    if (typeof applied !== 'object' || applied === null)
      throw newBadRequest('the apply patch must be an object');
    if (!ep.codec.apply) throw newUnsupportedMediaType(PATCH_MEDIA_TYPES.filter((m) => !m.includes('apply')));
    const manager = ex.query.get('fieldManager');
    if (!manager) {
      throw newBadRequest('PATCH, application/apply-patch+yaml requires a fieldManager query parameter');
    }
    applied.metadata ??= {};
    checkTypeMeta(ep, applied);
    if (applied.metadata.name && applied.metadata.name !== name) {
      throw newBadRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    checkUnknownFields(ep, ex, applied);
    const force = ex.query.get('force') === 'true';
    const res = await ep.store.update(
      { ...ctx, fieldManager: manager, applying: true } as RequestContext,
      namespace,
      name,
      (cur) => ep.codec.apply!(cur, structuredClone(applied), manager, force, ep.def.schemaName, ctx.now),
      { allowCreate: true, retryOnConflict: true },
    );
    ex.json(res.created ? 201 : 200, ep.withTypeMeta(res.object));
    return;
  }
  const res = await ep.store.update(
    ctx,
    namespace,
    name,
    (cur) => {
      if (!cur) throw newNotFound(ep.store.gr, name);
      const patched = applyPatch(ep, cur, body, mt, ep.def.schemaName);
      return patched;
    },
    { retryOnConflict: true },
  );
  ex.json(200, ep.withTypeMeta(res.object));
}

/**
 * The DeleteOptions of a DELETE: its body in any content type clients send (kubectl drain's
 * client sends protobuf), with the query parameters over it.
 */
export async function deleteOptionsOf(ex: Exchange, protobuf?: ProtobufDecoder): Promise<DeleteOptions> {
  const body = await readBody(ex.req);
  let opts: DeleteOptions = {};
  if (!Buffer.isBuffer(body) || body.length) {
    const mt = mediaType(ex.header('content-type'));
    const parsed =
      mt === 'application/vnd.kubernetes.protobuf'
        ? decodeObject(body, mt, protobuf)
        : parseJson(body, 'DeleteOptions');
    if (typeof parsed !== 'object' || parsed === null) throw newBadRequest('DeleteOptions must be an object');
    opts = parsed as DeleteOptions;
  }
  const q = ex.query;
  if (q.has('gracePeriodSeconds')) opts.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  if (q.has('propagationPolicy'))
    opts.propagationPolicy = q.get('propagationPolicy') as DeleteOptions['propagationPolicy'];
  if (q.has('orphanDependents')) opts.orphanDependents = q.get('orphanDependents') === 'true';
  const pp = opts.propagationPolicy;
  if (pp && pp !== 'Orphan' && pp !== 'Background' && pp !== 'Foreground') {
    throw newBadRequest(
      `propagationPolicy: Unsupported value: "${pp}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  if (opts.gracePeriodSeconds !== undefined && !Number.isInteger(opts.gracePeriodSeconds)) {
    throw newBadRequest('gracePeriodSeconds must be an integer');
  }
  return opts;
}

export async function handleDelete(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const opts = await deleteOptionsOf(ex, ep.codec.protobuf);
  if (opts.dryRun?.length) ctx.dryRun = true;
  const r = await deleteObject(ep.store, ctx, namespace, name, opts);
  if (r.deleted && !ep.store.hooks.returnDeletedObject) {
    const details: Record<string, string> = { name, kind: ep.def.plural, uid: r.object.metadata.uid ?? '' };
    if (ep.def.group) details.group = ep.def.group;
    ex.json(200, successStatus(details));
    return;
  }
  ex.json(200, ep.withTypeMeta(r.object));
}

export async function handleDeleteCollection(
  ep: Endpoint,
  ex: Exchange,
  ctx: RequestContext,
  namespace: string | undefined,
): Promise<void> {
  const opts = await deleteOptionsOf(ex, ep.codec.protobuf);
  if (opts.dryRun?.length) ctx.dryRun = true;
  const list = await ep.store.list(namespace, {
    ...listQueryOf(ex),
    limit: undefined,
    continueToken: undefined,
  });
  const items: KubeObject[] = [];
  for (const o of list.items) {
    try {
      const r = await deleteObject(ep.store, ctx, o.metadata.namespace, o.metadata.name!, opts);
      items.push(ep.withTypeMeta(r.object));
    } catch (err) {
      if (StatusError.is(err) && err.reason === 'NotFound') continue;
      throw err;
    }
  }
  ex.json(200, {
    kind: ep.def.listKind,
    apiVersion: ep.apiVersion,
    metadata: { resourceVersion: list.resourceVersion },
    items,
  });
}
