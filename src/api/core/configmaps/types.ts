/**
 * @module api/core/configmaps/types
 * core/v1 ConfigMap. `binaryData` values are base64 on the wire.
 */
import type { KubeObject } from '../../../machinery/meta.js';

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}
