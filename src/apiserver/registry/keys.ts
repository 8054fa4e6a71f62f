/**
 * @module apiserver/registry/keys
 * Storage keys: `/registry/<group or core>/<plural>/[<namespace>/]<name>`.
 */
export function resourcePrefix(group: string, plural: string): string {
  return `/registry/${group || 'core'}/${plural}/`;
}

export function objectKey(prefix: string, namespace: string | undefined, name: string): string {
  return namespace ? `${prefix}${namespace}/${name}` : `${prefix}${name}`;
}

/** Prefix for a list: one namespace, or every namespace when `namespace` is empty. */
export function listPrefix(prefix: string, namespace: string | undefined): string {
  return namespace ? `${prefix}${namespace}/` : prefix;
}

export { randomSuffix } from '../../machinery/names.js';
