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

type DataObject = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> };

/** The ConfigMap or Secret; undefined when it does not exist (other API errors reject). */
async function getDataObject(
  client: RestClient,
  kind: 'configmap' | 'secret',
  namespace: string,
  name: string,
): Promise<DataObject | undefined> {
  try {
    return await client.get<DataObject>(kind === 'configmap' ? R.configmaps : R.secrets, name, namespace);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** ConfigMap/Secret data from the API server (Secret values decoded); undefined when absent. */
export function apiConfigLookup(client: RestClient): ConfigLookup {
  return async (kind, namespace, name) => {
    const obj = await getDataObject(client, kind, namespace, name);
    if (!obj) return undefined;
    // Env reads a ConfigMap's `data` only, as upstream.
    if (kind === 'configmap') return obj.data ?? {};
    return Object.fromEntries(
      Object.entries(obj.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
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
    const obj = await getDataObject(client, kind, namespace, name);
    if (!obj) return undefined;
    const out: Record<string, Buffer> = {};
    const textEncoding = kind === 'configmap' ? 'utf8' : 'base64';
    for (const [k, v] of Object.entries(obj.data ?? {})) out[k] = Buffer.from(v, textEncoding);
    for (const [k, v] of Object.entries(obj.binaryData ?? {})) out[k] = Buffer.from(v, 'base64');
    return out;
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
