/**
 * @module api/core/pods/pod-spec-defaults
 * Defaults for a PodSpec wherever it appears (Pods and every workload's pod template), as the
 * core/v1 defaulters set them: DNS and restart policy, grace period, scheduler, container pull
 * policy and termination message, port protocol, probe timings, HTTP handler path and scheme,
 * volume modes. Also keeps `serviceAccount` (deprecated) equal to `serviceAccountName`, as the v1
 * conversion does for every PodSpec. Pod-only defaults live in `defaults.ts`.
 */
import type {
  Container,
  EnvVar,
  HTTPGetAction,
  Lifecycle,
  ObjectFieldSelector,
  PodSpec,
  Probe,
  ResourceFieldSelector,
  Volume,
  VolumeProjection,
} from './types.js';

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** 0644: the file mode secret/configMap/downwardAPI/projected volumes get. */
export const DEFAULT_VOLUME_MODE = 0o644;
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

// Reference grammar of container images (distribution/reference), enough to find the tag.
const NAME_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const REFERENCE_RE = new RegExp(
  `^((?:${DOMAIN}/)?${NAME_COMPONENT}(?:/${NAME_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}))?$`,
);

/**
 * The tag and digest an image reference names, as the kubelet's image-name parser sees it. A
 * reference without either gets tag `latest`. Returns undefined when the reference does not parse.
 */
export function parseImageReference(
  image: string,
): { name: string; tag: string; digest: string } | undefined {
  const m = REFERENCE_RE.exec(image);
  if (!m || m[1].length > 255) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3] ?? '';
  return { name: m[1], tag: !tag && !digest ? 'latest' : tag, digest };
}

/** `Always` for `:latest` or untagged images, `IfNotPresent` otherwise (digests and unparsable names too). */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageReference(image ?? '')?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function setFieldRefDefaults(ref: ObjectFieldSelector | undefined): void {
  if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
}

function setResourceFieldRefDefaults(ref: ResourceFieldSelector | undefined): void {
  // Divisor is a non-pointer Quantity upstream, so it always serialises, as "0" when unset.
  if (ref && ref.divisor === undefined) ref.divisor = '0';
}

function setHTTPGetDefaults(action: HTTPGetAction | undefined): void {
  if (!action) return;
  if (!action.path) action.path = '/';
  if (!action.scheme) action.scheme = 'HTTP';
}

function setProbeDefaults(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  setHTTPGetDefaults(probe.httpGet);
  if (probe.grpc && probe.grpc.service === undefined) probe.grpc.service = '';
}

function setLifecycleDefaults(lifecycle: Lifecycle | undefined): void {
  setHTTPGetDefaults(lifecycle?.postStart?.httpGet);
  setHTTPGetDefaults(lifecycle?.preStop?.httpGet);
}

function setEnvDefaults(env: EnvVar[] | undefined): void {
  for (const e of env ?? []) {
    setFieldRefDefaults(e.valueFrom?.fieldRef);
    setResourceFieldRefDefaults(e.valueFrom?.resourceFieldRef);
  }
}

/** Container defaults (regular, init and ephemeral containers alike). */
export function setContainerDefaults(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct upstream: it always serialises, as {} when empty.
  c.resources ??= {};
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  setEnvDefaults(c.env);
  setProbeDefaults(c.livenessProbe);
  setProbeDefaults(c.readinessProbe);
  setProbeDefaults(c.startupProbe);
  setLifecycleDefaults(c.lifecycle);
}

function setProjectionDefaults(src: VolumeProjection): void {
  for (const f of src.downwardAPI?.items ?? []) {
    setFieldRefDefaults(f.fieldRef);
    setResourceFieldRefDefaults(f.resourceFieldRef);
  }
  const token = src.serviceAccountToken;
  if (token && token.expirationSeconds === undefined)
    token.expirationSeconds = DEFAULT_TOKEN_EXPIRATION_SECONDS;
}

/** Volume defaults; a volume naming no source becomes an emptyDir. */
export function setVolumeDefaults(v: Volume): void {
  if (!Object.keys(v).some((k) => k !== 'name' && v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_VOLUME_MODE;
    for (const f of v.downwardAPI.items ?? []) {
      setFieldRefDefaults(f.fieldRef);
      setResourceFieldRefDefaults(f.resourceFieldRef);
    }
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_VOLUME_MODE;
    for (const src of v.projected.sources ?? []) setProjectionDefaults(src);
  }
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.image && !v.image.pullPolicy) v.image.pullPolicy = defaultPullPolicy(v.image.reference);
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec && !claimSpec.volumeMode) claimSpec.volumeMode = 'Filesystem';
  const iscsi = v.iscsi as Record<string, unknown> | undefined;
  if (iscsi && !iscsi.iscsiInterface) iscsi.iscsiInterface = 'default';
  const rbd = v.rbd as Record<string, unknown> | undefined;
  if (rbd) {
    rbd.pool ||= 'rbd';
    rbd.user ||= 'admin';
    rbd.keyring ||= '/etc/ceph/keyring';
  }
}

/**
 * Applies the PodSpec defaults in place. Safe to call repeatedly (defaults only fill gaps), and on
 * a partial spec: missing lists are left missing.
 */
export function setPodSpecDefaults(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  // v1 conversion: the deprecated alias fills the real field when only it is set, then mirrors it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  // Writes only what differs: an update may share unchanged parts with the stored (read-only) object.
  if (spec.serviceAccountName) {
    if (spec.serviceAccount !== spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  } else if ('serviceAccount' in spec) delete spec.serviceAccount;
  for (const c of spec.initContainers ?? []) setContainerDefaults(c);
  for (const c of spec.containers ?? []) setContainerDefaults(c);
  for (const c of spec.ephemeralContainers ?? []) setContainerDefaults(c);
  for (const v of spec.volumes ?? []) setVolumeDefaults(v);
}
