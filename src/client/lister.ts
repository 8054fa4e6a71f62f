/**
 * @module client/lister
 * The local cache an informer fills: objects by `namespace/name` (or `name` for cluster-scoped
 * objects), read by controllers without calling the API server.
 */
import type { KubeObject } from '../machinery/meta.js';

/** `ns/name` for namespaced objects, `name` otherwise. */
export function objectKey(obj: { metadata: { namespace?: string; name?: string } }): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

/** Splits a key made by `objectKey` back into its parts. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** Read-only view for controllers. Returned objects are the cached ones: do not mutate them. */
export interface Lister<T extends KubeObject = KubeObject> {
  get(namespace: string | undefined, name: string): T | undefined;
  getByKey(key: string): T | undefined;
  /** Every object, or only those in `namespace`. */
  list(namespace?: string): T[];
}

export class ObjectStore<T extends KubeObject = KubeObject> implements Lister<T> {
  private readonly items = new Map<string, T>();

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(namespace?: string): T[] {
    const all = [...this.items.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Stores `obj`; returns the previous object under the same key. */
  set(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    return old;
  }

  /** Removes and returns the object under `key`. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    this.items.delete(key);
    return old;
  }

  get size(): number {
    return this.items.size;
  }
}
