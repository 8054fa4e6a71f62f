/**
 * @module client/retry-update
 * Read-modify-write with optimistic concurrency: GET, change, PUT with the read
 * resourceVersion, and start over on 409 Conflict.
 */
import type { KubeObject } from '../machinery/meta.js';
import { isConflict, isNotFound } from './api-error.js';
import type { ResourceRef, RestClient } from './rest-client.js';

/**
 * `change` gets a private copy and returns the object to write, or `undefined` for "nothing to
 * do". Resolves to the written object, `undefined` when nothing was written or the object is
 * gone (404). Rejects with the last Conflict after `attempts` tries, or any other ApiError.
 */
export async function retryUpdate<T extends KubeObject>(
  client: RestClient,
  ref: ResourceRef,
  namespace: string | undefined,
  name: string,
  change: (current: T) => T | undefined,
  attempts = 5,
): Promise<T | undefined> {
  for (let i = 0; ; i++) {
    let current: T;
    try {
      current = await client.get<T>(ref, name, namespace);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const next = change(structuredClone(current));
    if (!next) return undefined;
    try {
      return await client.update<T>(ref, next, { namespace });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if (isConflict(err) && i + 1 < attempts) continue;
      throw err;
    }
  }
}
