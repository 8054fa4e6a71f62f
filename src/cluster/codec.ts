/**
 * @module cluster/codec
 * Chooses the codec pieces (protobuf, OpenAPI, field checks, patching, managed fields).
 */
import { basicCodec } from '../apiserver/codec.js';
import type { ObjectCodec } from '../apiserver/handlers/codec.js';
import type { FieldManager } from '../apiserver/registry/context.js';
import type { OpenApiService } from '../apiserver/router.js';
import type { ResourceDefinition } from '../api/types.js';
import { schemas } from '../api/schema/index.js';
import { decode as decodeProtobuf } from '../api/schema/protobuf.js';
import { findUnknownFields } from '../api/schema/unknown-fields.js';
import { pruneFields } from '../apiserver/prune.js';
import { OpenApiV3Service } from '../apiserver/openapi/service.js';
import { patchSchemaFor } from '../api/schema/patch-schema.js';
import { applyStrategicMergePatch } from '../machinery/patch/strategic-merge.js';
import { rethrowPatch } from '../apiserver/codec.js';
import type { KubeObject } from '../machinery/meta.js';

export interface CodecParts {
  codec: ObjectCodec;
  fieldManager?: FieldManager;
  openapi?: (defs: ResourceDefinition[]) => OpenApiService;
}

export async function buildCodec(): Promise<CodecParts> {
  const codec = basicCodec();
  codec.protobuf = (body) => decodeProtobuf(body, schemas) as any;
  codec.unknownFields = (obj, schemaName) => findUnknownFields(obj, schemaName, schemas);
  codec.pruneFields = pruneFields;
  codec.strategicMerge = (cur, p, schemaName) =>
    rethrowPatch(() => applyStrategicMergePatch(cur, p, patchSchemaFor(schemas, schemaName)) as KubeObject);
  return { codec, openapi: (defs) => new OpenApiV3Service({ resources: defs, registry: schemas }) };
}
