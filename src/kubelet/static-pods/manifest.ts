/**
 * @module kubelet/static-pods/manifest
 * Turns a manifest file into the static pod the kubelet runs, and a static pod into its mirror
 * pod, as upstream's file source does:
 *  - UID = md5 of (the manifest's content, the node name, the file path): the same file on the
 *    same node keeps its UID across restarts, any edit gives a new pod;
 *  - name `<name>-<node>`, namespace `default` when unset, spec.nodeName = node, a toleration
 *    of every NoExecute taint, the API defaults, phase Pending;
 *  - annotations kubernetes.io/config.source=file, config.hash=UID, config.seen=first seen.
 * The mirror pod is the same pod without UID, with kubernetes.io/config.mirror=hash and owned
 * by the Node.
 */
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { setPodDefaults } from '../../api/core/pods/defaults.js';
import type { Pod } from '../../api/core/pods/types.js';

export const CONFIG_SOURCE_ANNOTATION = 'kubernetes.io/config.source';
export const CONFIG_HASH_ANNOTATION = 'kubernetes.io/config.hash';
export const CONFIG_SEEN_ANNOTATION = 'kubernetes.io/config.seen';
export const CONFIG_MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** True for a pod object that mirrors a static pod. */
export function isMirrorPod(pod: Pick<Pod, 'metadata'>): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION] !== undefined;
}

/** True for a pod that came from a manifest file rather than the API server. */
export function isStaticPod(pod: Pick<Pod, 'metadata'>): boolean {
  const src = pod.metadata.annotations?.[CONFIG_SOURCE_ANNOTATION];
  return src !== undefined && src !== 'api';
}

/** Upstream's static pod name: the manifest's name, `-`, the node name. */
export function staticPodName(name: string, nodeName: string): string {
  return `${name}-${nodeName.toLowerCase()}`;
}

/** Stable UID for a manifest's pod on a node (32 hex digits, as upstream's md5). */
export function staticPodUid(manifest: unknown, nodeName: string, file: string): string {
  return createHash('md5')
    .update(JSON.stringify(manifest))
    .update(`host:${nodeName}`)
    .update(`file:${file}`)
    .digest('hex');
}

/** Go's RFC 3339 with nanoseconds, trailing zeros trimmed (how upstream writes config.seen). */
function seenTime(now: Date): string {
  return now.toISOString().replace(/\.?0+Z$/, 'Z');
}

export type ParseResult = { pod: Pod } | { error: string };

/**
 * Parses one manifest (YAML or JSON, a single Pod) into a static pod for `nodeName`, seen at
 * `now`. Returns `{error}` with a reason for anything that is not a usable Pod.
 */
export function parseStaticPod(text: string, file: string, nodeName: string, now: Date): ParseResult {
  let obj: any;
  try {
    const docs = parseAllDocuments(text).filter((d) => d.contents !== null);
    if (docs.length !== 1) return { error: `expected one object, found ${docs.length}` };
    if (docs[0].errors.length) return { error: docs[0].errors[0].message };
    obj = docs[0].toJS();
  } catch (err) {
    return { error: String((err as Error).message ?? err) };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { error: 'not an object' };
  if (obj.kind !== 'Pod' || (obj.apiVersion ?? 'v1') !== 'v1')
    return { error: `kind ${obj.kind ?? '<none>'} is not a v1 Pod` };
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || !name) return { error: 'metadata.name is required' };
  if (!Array.isArray(obj.spec?.containers) || obj.spec.containers.length === 0)
    return { error: 'spec.containers: Required value' };

  const uid = staticPodUid(obj, nodeName, file);
  const pod = structuredClone(obj) as Pod;
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata = {
    ...pod.metadata,
    name: staticPodName(name, nodeName),
    namespace: pod.metadata.namespace || 'default',
    uid,
    annotations: {
      ...pod.metadata.annotations,
      [CONFIG_HASH_ANNOTATION]: uid,
      [CONFIG_SEEN_ANNOTATION]: seenTime(now),
      [CONFIG_SOURCE_ANNOTATION]: 'file',
    },
  };
  delete pod.metadata.resourceVersion;
  pod.spec.nodeName = nodeName;
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: 'Exists', effect: 'NoExecute' }];
  setPodDefaults(pod);
  pod.status = { phase: 'Pending' };
  return { pod };
}

/** The mirror pod to create in the API server for `pod`, owned by the Node. */
export function mirrorPodFor(pod: Pod, node: { name: string; uid: string }): Pod {
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...meta } = pod.metadata;
  const hash = pod.metadata.annotations?.[CONFIG_HASH_ANNOTATION] ?? pod.metadata.uid ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta,
      annotations: { ...meta.annotations, [CONFIG_MIRROR_ANNOTATION]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: structuredClone(pod.spec),
  };
}

export type MirrorDecision = 'none' | 'create' | 'recreate';

/**
 * What to do about the mirror of static pod `pod` given what the API server has under its
 * name: create when absent; delete and create again when it mirrors another version of the
 * manifest or is being deleted; nothing when it is current.
 */
export function decideMirror(pod: Pod, mirror: Pod | undefined): MirrorDecision {
  if (!mirror) return 'create';
  const hash = pod.metadata.annotations?.[CONFIG_HASH_ANNOTATION];
  if (mirror.metadata.deletionTimestamp) return 'recreate';
  if (mirror.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION] !== hash) return 'recreate';
  return 'none';
}
