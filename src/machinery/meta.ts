/**
 * @module machinery/meta
 * The object envelope shared by every kind: TypeMeta, ObjectMeta, lists. Objects travel as plain
 * JSON-shaped values; a kind's own fields are typed in its api folder.
 */
import { cloneJson } from '../util/json-clone.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: string;
  fieldsType?: 'FieldsV1';
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  selfLink?: string;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Any Kubernetes object as JSON. Kinds narrow `spec`/`status` in their own types. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Deep copy for JSON-shaped values (objects from storage are never shared between callers). */
export function deepCopy<T>(v: T): T {
  return cloneJson(v);
}

/**
 * A deep copy of an API object that keeps its managedFields' FieldsV1 values by reference: those
 * are never changed in place (managed-fields interns and freezes them), only replaced.
 */
export function copyObject<T extends KubeObject>(o: T): T {
  const mf = o.metadata?.managedFields;
  if (!Array.isArray(mf) || mf.length === 0) return cloneJson(o);
  const src = o as unknown as Record<string, unknown>;
  const srcMeta = o.metadata as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    if (k !== 'metadata') {
      out[k] = cloneJson(src[k]);
      continue;
    }
    const meta: Record<string, unknown> = {};
    for (const m of Object.keys(srcMeta)) {
      meta[m] = m === 'managedFields' ? mf.map(copyEntry) : cloneJson(srcMeta[m]);
    }
    out.metadata = meta;
  }
  return out as unknown as T;
}

function copyEntry(e: ManagedFieldsEntry): ManagedFieldsEntry {
  const src = e as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) out[k] = k === 'fieldsV1' ? src[k] : cloneJson(src[k]);
  return out as ManagedFieldsEntry;
}

/** RFC 3339 with second precision and `Z`, as Kubernetes writes metav1.Time. */
export function formatTime(d: Date): string {
  // Writes in the same second share one string: thousands of objects carry these timestamps.
  const sec = Math.floor(d.getTime() / 1000);
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastFormatted = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastFormatted;
}
let lastSecond = NaN;
let lastFormatted = '';

/** RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime. */
export function formatMicroTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
