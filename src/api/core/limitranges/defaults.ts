/**
 * @module api/core/limitranges/defaults
 * core/v1 LimitRange defaults (upstream SetDefaults_LimitRangeItem): for Container limits, a
 * missing `default` takes `max`, and a missing `defaultRequest` takes `default` (else `min`).
 */
import type { LimitRange } from './types.js';

export function setDefaults(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    item.default ??= {};
    item.defaultRequest ??= {};
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
    for (const [k, v] of Object.entries(item.default))
      if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {}))
      if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  }
}
