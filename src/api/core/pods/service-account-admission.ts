/**
 * @module api/core/pods/service-account-admission
 * The ServiceAccount admission plugin of a default cluster, on pod create:
 * - a mirror pod may reference no service account, no secret and no token projection;
 * - otherwise the pod's service account (`default` when unset) must exist: the `default` one is
 *   looked up again for a while (its controller may not have made it yet), as upstream does;
 * - unless the pod or its service account opts out (`automountServiceAccountToken: false`), every
 *   container and init container without a mount at /var/run/secrets/kubernetes.io/serviceaccount
 *   gets the projected `kube-api-access-xxxxx` volume there (token, cluster CA, namespace);
 * - a pod without imagePullSecrets takes its service account's;
 * - an account annotated kubernetes.io/enforce-mountable-secrets limits the pod to the secrets
 *   (and pull secrets) it lists.
 * A write to pods/ephemeralcontainers needs the pod's account to exist (admitEphemeralContainers).
 */
import { MIRROR_POD_ANNOTATION, DEFAULT_SERVICE_ACCOUNT_NAME } from './defaults.js';
import type { Container, Pod, Volume } from './types.js';
import type { ServiceAccount } from '../serviceaccounts/types.js';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** The bound token's lifetime as upstream's admission asks for it (one hour and 7 s). */
export const TOKEN_EXPIRATION_SECONDS = 3607;
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** Lookups of a missing `default` service account before giving up, and the pause between. */
const DEFAULT_ACCOUNT_ATTEMPTS = 10;
const retryPauseMs = () => 100 + Math.floor(Math.random() * 100);

export interface ServiceAccountAdmissionDeps {
  /** The namespace's service account by name (cache, else storage). */
  serviceAccount(name: string): Promise<ServiceAccount | undefined>;
  sleep(ms: number): Promise<void>;
  /** A generated name with this prefix (five random characters). */
  generateName(prefix: string): string;
}

/** Admits `pod` in place; returns the reason to refuse it (403), if any. */
export async function admitServiceAccount(
  pod: Pod,
  namespace: string,
  deps: ServiceAccountAdmissionDeps,
): Promise<string | undefined> {
  const spec = pod.spec;
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return mirrorPodRefusal(pod);
  spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT_NAME;
  spec.serviceAccount = spec.serviceAccountName;
  const name = spec.serviceAccountName;
  const attempts = name === DEFAULT_SERVICE_ACCOUNT_NAME ? DEFAULT_ACCOUNT_ATTEMPTS : 1;
  let sa: ServiceAccount | undefined;
  for (let i = 0; i < attempts && !sa; i++) {
    if (i > 0) await deps.sleep(retryPauseMs());
    sa = await deps.serviceAccount(name);
  }
  if (!sa) return `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`;
  if (shouldAutomount(sa, pod)) mountToken(pod, deps.generateName);
  if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length)
    spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  return enforcesMountableSecrets(sa) ? unlistedSecret(pod, sa) : undefined;
}

const ENFORCE_MOUNTABLE_SECRETS = 'kubernetes.io/enforce-mountable-secrets';

/** Whether the account limits the pod to the secrets it lists (Go's ParseBool of its annotation). */
function enforcesMountableSecrets(sa: ServiceAccount): boolean {
  const v = sa.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS];
  return v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}

/**
 * The first secret the pod uses that its account does not list, worded as upstream's
 * limitSecretReferences: secret volumes, init and app containers' env secretKeyRef, and
 * imagePullSecrets (against the account's imagePullSecrets).
 */
function unlistedSecret(pod: Pod, sa: ServiceAccount): string | undefined {
  const spec = pod.spec;
  const account = sa.metadata.name ?? '';
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  const because = `is not allowed because service account ${account} does not reference that secret`;
  for (const v of spec.volumes ?? [])
    if (v.secret && !mountable.has(v.secret.secretName))
      return `volume with secret.secretName="${v.secret.secretName ?? ''}" ${because}`;
  for (const [list, what] of [
    [spec.initContainers, 'init container'],
    [spec.containers, 'container'],
  ] as const)
    for (const c of list ?? [])
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !mountable.has(ref.name))
          return `${what} ${c.name} with envVar ${e.name} referencing secret.secretName="${ref.name ?? ''}" ${because}`;
      }
  const pullable = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  for (const [i, s] of (spec.imagePullSecrets ?? []).entries())
    if (!pullable.has(s.name))
      return `imagePullSecrets[${i}].name="${s.name ?? ''}" is not allowed because service account ${account} does not reference that imagePullSecret`;
  return undefined;
}

/**
 * The ServiceAccount admission of a write to pods/ephemeralcontainers (upstream's
 * limitEphemeralContainerSecretReferences): the pod must name an account, and it must exist.
 */
export async function admitEphemeralContainers(
  pod: Pod,
  namespace: string,
  serviceAccount: (name: string) => Promise<ServiceAccount | undefined>,
): Promise<string | undefined> {
  const name = pod.spec.serviceAccountName;
  if (!name) return `no service account specified for pod ${namespace}/${pod.metadata.name ?? ''}`;
  if (!(await serviceAccount(name)))
    return `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`;
  return undefined;
}

/** The pod's own choice wins, then the service account's; mounting is the default. */
function shouldAutomount(sa: ServiceAccount, pod: Pod): boolean {
  return pod.spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
}

function mountToken(pod: Pod, generateName: (prefix: string) => string): void {
  const spec = pod.spec;
  const existing = spec.volumes?.find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? generateName(TOKEN_VOLUME_PREFIX);
  let needed = false;
  const mountInto = (c: Container) => {
    if (c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) return;
    (c.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
    needed = true;
  };
  for (const c of spec.initContainers ?? []) mountInto(c);
  for (const c of spec.containers ?? []) mountInto(c);
  if (needed && !existing) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

/** The projected volume: a bound token, the cluster CA and the pod's namespace. */
function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  } as Volume;
}

function mirrorPodRefusal(pod: Pod): string | undefined {
  const spec = pod.spec;
  if (spec.serviceAccountName) return 'a mirror pod may not reference service accounts';
  if (referencesSecrets(pod)) return 'a mirror pod may not reference secrets';
  for (const v of spec.volumes ?? [])
    if (v.projected?.sources?.some((s) => s.serviceAccountToken))
      return 'a mirror pod may not use ServiceAccountToken volume projections';
  return undefined;
}

/** Whether any part of the pod names a Secret (pull secrets, volumes, env). */
function referencesSecrets(pod: Pod): boolean {
  const spec = pod.spec;
  if (spec.imagePullSecrets?.some((s) => s.name)) return true;
  for (const v of spec.volumes ?? []) {
    if (v.secret) return true;
    if (v.projected?.sources?.some((s) => s.secret)) return true;
  }
  const containers = [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ];
  return containers.some(
    (c) => c.envFrom?.some((e) => e.secretRef) || c.env?.some((e) => e.valueFrom?.secretKeyRef),
  );
}
