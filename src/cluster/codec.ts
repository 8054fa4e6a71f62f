/**
 * @module cluster/codec
 * Chooses the codec pieces from the schema registry and the patch machinery: protobuf bodies,
 * OpenAPI v3, unknown-field checks, the patch types, server-side apply and managedFields.
 */
import { basicCodec, rethrowPatch } from '../apiserver/codec.js';
import type { ObjectCodec } from '../apiserver/handlers/codec.js';
import type { FieldManager } from '../apiserver/registry/context.js';
import type { OpenApiService } from '../apiserver/router.js';
import { OpenApiV3Service } from '../apiserver/openapi/service.js';
import { pruneFields } from '../apiserver/prune.js';
import type { ResourceDefinition } from '../api/types.js';
import { schemas } from '../api/schema/index.js';
import { decode as decodeProtobuf } from '../api/schema/protobuf.js';
import { findStrictFieldErrors, findUnknownFields } from '../api/schema/unknown-fields.js';
import { patchSchemaFor } from '../api/schema/patch-schema.js';
import { omitEmpty } from '../api/schema/omit-empty.js';
import { parseApiVersion, type KubeObject } from '../machinery/meta.js';
import {
  applyStrategicMergePatch,
  serverSideApply,
  updateManagedFieldsForUpdate,
  type Path,
  type PatchSchema,
} from '../machinery/patch/index.js';

export interface CodecParts {
  codec: ObjectCodec;
  fieldManager?: FieldManager;
  openapi?: (defs: ResourceDefinition[]) => OpenApiService;
}

const STATUS: Path[] = [[{ field: 'status' }]];
const ALL_BUT_STATUS: Path[] = [[{ field: 'spec' }], [{ field: 'metadata' }]];

export async function buildCodec(): Promise<CodecParts> {
  const patchSchemas = new Map<string, PatchSchema>();
  const patchSchema = (name: string) => {
    let s = patchSchemas.get(name);
    if (!s) patchSchemas.set(name, (s = patchSchemaFor(schemas, name)));
    return s;
  };
  const schemaOfObject = (o: KubeObject): PatchSchema | undefined => {
    if (!o.apiVersion || !o.kind) return undefined;
    const { group, version } = parseApiVersion(o.apiVersion);
    const t = schemas.forKind(group, version, o.kind);
    return t ? patchSchema(t.name) : undefined;
  };
  // Writes to the main resource never own status fields (upstream's reset fields): true for every
  // kind whose schema has a status.
  const hasStatus = (o: KubeObject): boolean => {
    if (!o.apiVersion || !o.kind) return false;
    const { group, version } = parseApiVersion(o.apiVersion);
    return !!schemas.forKind(group, version, o.kind)?.fields.status;
  };

  const codec = basicCodec();
  codec.protobuf = (body) => decodeProtobuf(body, schemas) as any;
  codec.unknownFields = (obj, schemaName) => findUnknownFields(obj, schemaName, schemas);
  codec.pruneFields = pruneFields;
  codec.omitEmpty = (obj, schemaName, old) => omitEmpty(obj, schemaName, schemas, old);
  codec.strictFieldErrors = (text, schemaName) => findStrictFieldErrors(text, schemaName, schemas);
  codec.strategicMerge = (cur, p, schemaName) =>
    rethrowPatch(() => applyStrategicMergePatch(cur, p, patchSchema(schemaName)) as KubeObject);
  codec.apply = (live, applied, manager, force, schemaName, now) =>
    rethrowPatch(
      () =>
        serverSideApply({
          live,
          applied,
          manager,
          force,
          schema: patchSchema(schemaName),
          now,
          ignored: STATUS,
        }).object as KubeObject,
    );
  const fieldManager: FieldManager = {
    update(old, obj, ctx) {
      const sub = ctx.subresource;
      const ignored =
        sub === 'status' ? ALL_BUT_STATUS : sub ? [] : hasStatus(obj as KubeObject) ? STATUS : [];
      const out = updateManagedFieldsForUpdate({
        oldObj: old,
        newObj: obj,
        manager: ctx.fieldManager,
        subresource: sub,
        now: ctx.now,
        schema: schemaOfObject(obj as KubeObject),
        ignored,
      });
      const mf = (out.metadata as any)?.managedFields;
      if (mf && mf.length) (obj as any).metadata.managedFields = mf;
      else delete (obj as any).metadata.managedFields;
    },
  };
  return {
    codec,
    fieldManager,
    openapi: (defs) => new OpenApiV3Service({ resources: defs, registry: schemas }),
  };
}
