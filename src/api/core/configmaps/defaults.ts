/**
 * @module api/core/configmaps/defaults
 * ConfigMaps have no defaults upstream; the function exists so every kind has the same shape.
 */
import type { ConfigMap } from './types.js';

export function setDefaults(cm: ConfigMap): void {
  void cm;
}
