/**
 * @module kubelet/volumes/sources
 * Where a volume's files come from, as upstream's configmap, secret and projected plugins gather
 * them: a ConfigMap's or Secret's keys (a missing object fails unless optional), and a projected
 * volume's sources — config maps, secrets, downward API items and service-account tokens — all
 * fetched at once and merged in their order, their errors reported together.
 */
import type { KeyToPath, Pod, Volume } from '../../api/core/pods/types.js';
import type { Logger } from '../../util/logger.js';
import type { Payload } from './atomic-writer.js';
import {
  aggregate,
  DEFAULT_MODE,
  downwardPayload,
  keyPayload,
  type NodeAllocatable,
  type VolumeData,
} from './payload.js';
import { DEFAULT_EXPIRATION_SECONDS, type TokenManager } from './token.js';

/** ConfigMap (`data` + `binaryData`) or Secret data as bytes; undefined when the object does not exist. */
export type VolumeDataLookup = (
  kind: 'configmap' | 'secret',
  namespace: string,
  name: string,
) => Promise<VolumeData | undefined>;

export interface VolumeSources {
  lookup: VolumeDataLookup;
  tokens: TokenManager;
  /** What unset container limits mean to resourceFieldRef. */
  allocatable: NodeAllocatable;
  log: Logger;
}

/**
 * The files of a ConfigMap or Secret (a volume or a projected source): a missing object fails
 * (`configmap "x" not found`, as the kubelet's watching manager words it) unless optional.
 */
export async function keyPayloadOf(
  d: VolumeSources,
  kind: 'configmap' | 'secret',
  namespace: string,
  name: string,
  src: { items?: KeyToPath[]; optional?: boolean },
  defaultMode: number,
): Promise<Payload> {
  const optional = !!src.optional;
  const data = await d.lookup(kind, namespace, name);
  if (!data && !optional) throw new Error(`${kind} "${name}" not found`);
  return keyPayload(kind, data ?? {}, src.items, defaultMode, optional);
}

/** Upstream's projected collectData: every source is tried; errors come back together. */
export async function projectedPayload(d: VolumeSources, pod: Pod, v: Volume): Promise<Payload> {
  const defaultMode = v.projected!.defaultMode ?? DEFAULT_MODE;
  // Each source is fetched at the same time (a token request and a config map lookup are round
  // trips to the API); they are merged in their order, as one after the other would.
  const parts = await Promise.all(
    (v.projected!.sources ?? []).map((s) => projectedSource(d, pod, v, s, defaultMode)),
  );
  const payload: Payload = {};
  const errors: string[] = [];
  for (const part of parts) {
    errors.push(...part.errors);
    if (part.payload) Object.assign(payload, part.payload);
  }
  if (errors.length) throw new Error(aggregate(errors));
  return payload;
}

async function projectedSource(
  d: VolumeSources,
  pod: Pod,
  v: Volume,
  s: NonNullable<NonNullable<Volume['projected']>['sources']>[number],
  defaultMode: number,
): Promise<{ payload?: Payload; errors: string[] }> {
  const ns = pod.metadata.namespace ?? 'default';
  const payload: Payload = {};
  const errors: string[] = [];
  try {
    if (s.configMap || s.secret) {
      const kind = s.configMap ? 'configmap' : 'secret';
      const src = (s.configMap ?? s.secret)!;
      Object.assign(payload, await keyPayloadOf(d, kind, ns, src.name ?? '', src, defaultMode));
    } else if (s.downwardAPI) {
      const r = downwardPayload(pod, s.downwardAPI.items, defaultMode, d.allocatable);
      errors.push(...r.errors);
      if (r.errors.length === 0) Object.assign(payload, r.payload);
    } else if (s.serviceAccountToken) {
      const tp = s.serviceAccountToken;
      const token = await d.tokens.get(ns, pod.spec.serviceAccountName || 'default', {
        audiences: tp.audience ? [tp.audience] : [],
        expirationSeconds: tp.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS,
        boundObjectRef: {
          kind: 'Pod',
          apiVersion: 'v1',
          name: pod.metadata.name ?? '',
          uid: pod.metadata.uid ?? '',
        },
      });
      // With an fsGroup the group gets read access afterwards (0640), nobody else.
      const mode = pod.spec.securityContext?.fsGroup !== undefined ? 0o600 : defaultMode;
      payload[tp.path] = { data: token, mode };
    } else if (s.clusterTrustBundle) {
      d.log.debug({ volume: v.name }, 'clusterTrustBundle projections are not supported; skipped');
    }
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  return { payload: errors.length ? undefined : payload, errors };
}
