/**
 * @module kubelet/runtime-manager/api-config-lookup
 * The ConfigLookup for container env backed by the API server: ConfigMap data, or Secret data
 * decoded from base64. Resolves undefined when the object does not exist; other API errors reject
 * (the sync fails and is retried).
 */
import { isNotFound } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import type { RestClient } from '../../client/rest-client.js';
import type { KubeObject } from '../../machinery/meta.js';
import type { Service } from '../../api/core/services/types.js';
import type { ConfigLookup } from './env.js';
import type { ServiceLookup } from './service-env.js';

/** ConfigMap/Secret data from the API server (Secret values decoded); undefined when absent. */
export function apiConfigLookup(client: RestClient): ConfigLookup {
  return async (kind, namespace, name) => {
    try {
      if (kind === 'configmap') {
        const cm = await client.get<KubeObject & { data?: Record<string, string> }>(
          R.configmaps,
          name,
          namespace,
        );
        return cm.data ?? {};
      }
      const secret = await client.get<KubeObject & { data?: Record<string, string> }>(
        R.secrets,
        name,
        namespace,
      );
      return Object.fromEntries(
        Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
      );
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
}

/**
 * ConfigMap (`data` and base64 `binaryData`) or Secret data as bytes, for volumes; undefined when
 * the object does not exist.
 */
export function apiVolumeDataLookup(
  client: RestClient,
): (
  kind: 'configmap' | 'secret',
  namespace: string,
  name: string,
) => Promise<Record<string, Buffer> | undefined> {
  return async (kind, namespace, name) => {
    try {
      const obj = await client.get<
        KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> }
      >(kind === 'configmap' ? R.configmaps : R.secrets, name, namespace);
      const out: Record<string, Buffer> = {};
      const textEncoding = kind === 'configmap' ? 'utf8' : 'base64';
      for (const [k, v] of Object.entries(obj.data ?? {})) out[k] = Buffer.from(v, textEncoding);
      for (const [k, v] of Object.entries(obj.binaryData ?? {})) out[k] = Buffer.from(v, 'base64');
      return out;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
}

/**
 * A namespace's services from the API server, for the service env vars. A list is reused for
 * `ttlMs` (and one in flight is shared), so a node starting many containers lists each namespace
 * about once a second rather than once per container: upstream's kubelet reads a service informer,
 * which is no fresher.
 */
export function apiServiceLookup(
  client: RestClient,
  opts: { ttlMs?: number; now?: () => number } = {},
): ServiceLookup {
  const ttl = opts.ttlMs ?? 1000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; items: Promise<Service[]> }>();
  return (namespace) => {
    const hit = cache.get(namespace);
    if (hit && now() - hit.at < ttl) return hit.items;
    const items = client.list<Service>(R.services, { namespace }).then((l) => l.items);
    cache.set(namespace, { at: now(), items });
    // A failed list is not kept: the next container asks again.
    items.catch(() => cache.get(namespace)?.items === items && cache.delete(namespace));
    return items;
  };
}
