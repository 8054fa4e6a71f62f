/**
 * @module controllers/rootcacertpublisher/sync
 * Pure decision of the root CA publisher: every active namespace holds a ConfigMap
 * `kube-root-ca.crt` whose only data is the cluster CA (`ca.crt`), with upstream's description
 * annotation. Pods' service account volumes project it (see pods/service-account-admission).
 */
import type { KubeObject } from '../../machinery/meta.js';
import { isActive } from '../serviceaccount/sync.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** What upstream's publisher writes into the annotation, as a user of a real cluster reads it. */
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints ' +
  'such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

export interface ConfigMapLike extends KubeObject {
  data?: Record<string, string>;
}

export type RootCAAction =
  { kind: 'none' } | { kind: 'create'; object: ConfigMapLike } | { kind: 'update'; object: ConfigMapLike };

function sameData(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const keys = Object.keys(a ?? {});
  return keys.length === Object.keys(b).length && keys.every((k) => a![k] === b[k]);
}

/** `existing` is the namespace's cached `kube-root-ca.crt`, if any. */
export function decideRootCA(
  ns: KubeObject | undefined,
  existing: ConfigMapLike | undefined,
  rootCA: string,
): RootCAAction {
  const data = { 'ca.crt': rootCA };
  if (!existing) {
    if (!isActive(ns)) return { kind: 'none' };
    return {
      kind: 'create',
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace: ns!.metadata.name,
          annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION },
        },
        data,
      },
    };
  }
  if (sameData(existing.data, data) && existing.metadata.annotations?.[DESCRIPTION_ANNOTATION])
    return { kind: 'none' };
  // Other keys are dropped and the annotation restored; the rest of the object is kept.
  return {
    kind: 'update',
    object: {
      ...existing,
      metadata: {
        ...existing.metadata,
        annotations: { ...existing.metadata.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION },
      },
      data,
    },
  };
}
