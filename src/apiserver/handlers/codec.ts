/**
 * @module apiserver/handlers/codec
 * The pieces that depend on the schema: protobuf decoding, unknown-field checks, patching and
 * managed fields. Injected so the handlers stay independent of how each is implemented.
 */
import type { KubeObject } from '../../machinery/meta.js';
import type { ProtobufDecoder } from './decode.js';

export interface ObjectCodec {
  protobuf?: ProtobufDecoder;
  /** Paths of fields the schema does not know, e.g. `spec.containers[0].foo`. */
  unknownFields?(obj: KubeObject, schemaName: string): string[];
  /** Unknown and duplicate fields found in a JSON body's text, in document order. */
  strictFieldErrors?(jsonText: string, schemaName: string): { type: 'unknown' | 'duplicate'; path: string }[];
  /** Drops empty optional maps and lists, as Go's omitempty does. */
  /** `old`: the stored version; parts of `obj` that are its very objects are left alone. */
  omitEmpty?(obj: KubeObject, schemaName: string, old?: KubeObject): void;
  /** Removes the given unknown-field paths from `obj`. */
  pruneFields?(obj: KubeObject, paths: string[]): void;
  strategicMerge?(current: KubeObject, patch: unknown, schemaName: string): KubeObject;
  mergePatch(current: KubeObject, patch: unknown): KubeObject;
  jsonPatch(current: KubeObject, ops: unknown): KubeObject;
  /** Server-side apply; `live` undefined means create. Throws 409 on conflicts. */
  apply?(
    live: KubeObject | undefined,
    applied: KubeObject,
    manager: string,
    force: boolean,
    schemaName: string,
    now: Date,
  ): KubeObject;
}
