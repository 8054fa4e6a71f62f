/**
 * @module cluster/codec
 * Chooses the codec pieces (protobuf, OpenAPI, field checks, patching, managed fields).
 */
import { basicCodec } from '../apiserver/codec.js';
import type { ObjectCodec } from '../apiserver/handlers/codec.js';
import type { FieldManager } from '../apiserver/registry/context.js';
import type { OpenApiService } from '../apiserver/router.js';
import type { ResourceDefinition } from '../api/types.js';

export interface CodecParts {
  codec: ObjectCodec;
  fieldManager?: FieldManager;
  openapi?: (defs: ResourceDefinition[]) => OpenApiService;
}

export async function buildCodec(): Promise<CodecParts> {
  return { codec: basicCodec() };
}
