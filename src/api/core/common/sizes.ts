/**
 * @module api/core/common/sizes
 * Byte sizes of ConfigMap/Secret payloads as upstream counts them: strings by UTF-8 length, binary
 * values (base64 in JSON) by their decoded length.
 */

/** Upstream core.MaxSecretSize, also the ConfigMap limit: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function base64Length(s: string): number {
  return Buffer.from(s, 'base64').length;
}
