/**
 * @module api/core/secrets/defaults
 * core/v1 Secret defaults: `type` is `Opaque`. `stringData` entries are base64-encoded into `data`
 * (overriding keys of the same name) and `stringData` is dropped, as upstream's conversion does.
 */
import type { Secret } from './types.js';

export function setDefaults(secret: Secret): void {
  if (!secret.type) secret.type = 'Opaque';
  if (secret.stringData) {
    const data = { ...(secret.data ?? {}) };
    for (const [k, v] of Object.entries(secret.stringData))
      data[k] = Buffer.from(v ?? '', 'utf8').toString('base64');
    secret.data = data;
    delete secret.stringData;
  }
}
