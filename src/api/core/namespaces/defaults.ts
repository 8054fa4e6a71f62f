/**
 * @module api/core/namespaces/defaults
 * core/v1 Namespace defaults: the `kubernetes.io/metadata.name` label mirrors the name, and the
 * phase starts as `Active`.
 */
import type { Namespace } from './types.js';

export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

export function setDefaults(ns: Namespace): void {
  const name = ns.metadata.name;
  if (name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [LABEL_METADATA_NAME]: name };
  setStatusDefaults(ns);
}

/** The status part: the phase starts as Active. */
export function setStatusDefaults(ns: Namespace): void {
  ns.status ??= {};
  if (!ns.status.phase) ns.status.phase = 'Active';
}
