/**
 * @module api/core/pods/pod-spec-validation
 * Validation of a PodSpec (in a Pod or a workload's template) and of a PodTemplateSpec, in
 * upstream's order (ValidatePodSpec / ValidatePodTemplateSpec), so the errors a client sees come
 * out in the same sequence. Expects a defaulted spec: unset policies are reported as required.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import {
  inclusiveRangeError,
  invalidEach,
  isDNS1123Label,
  nameIsDNSSubdomain,
  validateServiceAccountName,
} from '../../../machinery/validation/names.js';
import { validateAnnotations, validateLabels } from '../../../machinery/validation/object-meta.js';
import {
  validateContainers,
  validateEphemeralContainers,
  validateInitContainers,
  type ContainerContext,
} from './container-validation.js';
import { validateResourceRequirements } from './resource-validation.js';
import {
  validateAffinity,
  validateDNSConfig,
  validateGates,
  validateHostAliases,
  validateTolerations,
  validateTopologySpreadConstraints,
} from './scheduling-validation.js';
import { validatePodSecurityContext } from './security-validation.js';
import type { PodSpec, PodTemplateSpec } from './types.js';
import { validateVolumes } from './volume-validation.js';

export interface PodSpecValidationOptions {
  /** The pod's metadata, when the spec belongs to a real Pod (checks ephemeral volume claim names). */
  podMeta?: ObjectMeta;
  /** True when validating a Pod rather than a template (host ports must then match under hostNetwork). */
  resourceIsPod?: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function required(value: string | undefined, allowed: string[], f: FieldPath): FieldError[] {
  if (!value) return [fieldErrors.required(f)];
  return allowed.includes(value) ? [] : [fieldErrors.notSupported(f, value, allowed)];
}

function isInt32Text(v: string): boolean {
  const validFirst = v.startsWith('-') || v === '0' || /^[1-9]/.test(v);
  if (!validFirst || !/^-?[0-9]+$/.test(v)) return false;
  const n = Number(v);
  return n >= -2147483648 && n <= MAX_INT32;
}

function validSeccompAnnotation(v: string): boolean {
  if (v === 'runtime/default' || v === 'docker/default' || v === 'unconfined') return true;
  return v.startsWith('localhost/');
}

/** Upstream ValidatePodSpecificAnnotations (mirror pods, deletion cost, seccomp and AppArmor). */
export function validatePodSpecificAnnotations(
  annotations: Record<string, string> | undefined,
  spec: PodSpec,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  if (MIRROR_POD_ANNOTATION in a && !spec.nodeName)
    errs.push(
      fieldErrors.invalid(
        f.key(MIRROR_POD_ANNOTATION),
        a[MIRROR_POD_ANNOTATION],
        'must set spec.nodeName if mirror pod annotation is set',
      ),
    );
  if (DELETION_COST_ANNOTATION in a && !isInt32Text(a[DELETION_COST_ANNOTATION]))
    errs.push(
      fieldErrors.invalid(
        f.key(DELETION_COST_ANNOTATION),
        a[DELETION_COST_ANNOTATION],
        'must be a 32bit integer',
      ),
    );
  for (const [k, v] of Object.entries(a)) {
    if (
      (k === SECCOMP_POD_ANNOTATION || k.startsWith(SECCOMP_CONTAINER_PREFIX)) &&
      !validSeccompAnnotation(v)
    )
      errs.push(fieldErrors.invalid(f.child(k), v, 'must be a valid seccomp profile'));
  }
  const names = new Set(
    [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map(
      (c) => c.name,
    ),
  );
  for (const [k, v] of Object.entries(a)) {
    if (!k.startsWith(APPARMOR_PREFIX)) continue;
    const container = k.slice(APPARMOR_PREFIX.length);
    if (!names.has(container)) errs.push(fieldErrors.invalid(f.key(k), container, 'container not found'));
    if (v && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/'))
      errs.push(fieldErrors.invalid(f.key(k), v, `invalid AppArmor profile name: ${JSON.stringify(v)}`));
  }
  return errs;
}

function validateResourceClaims(spec: PodSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.resourceClaims ?? []).forEach((c, i) => {
    const p = f.index(i);
    if (!c.name) errs.push(fieldErrors.required(p.child('name')));
    else if (seen.has(c.name)) errs.push(fieldErrors.duplicate(p.child('name'), c.name));
    else {
      errs.push(...invalidEach(p.child('name'), c.name, isDNS1123Label(c.name)));
      seen.add(c.name);
    }
    if (c.resourceClaimName !== undefined && c.resourceClaimTemplateName !== undefined)
      errs.push(
        fieldErrors.invalid(
          p,
          c,
          'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified',
        ),
      );
    if (c.resourceClaimName === undefined && c.resourceClaimTemplateName === undefined)
      errs.push(
        fieldErrors.invalid(p, c, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'),
      );
    for (const k of ['resourceClaimName', 'resourceClaimTemplateName'] as const)
      if (c[k] !== undefined) errs.push(...invalidEach(p.child(k), c[k], nameIsDNSSubdomain(c[k]!, false)));
  });
  return errs;
}

function validateHostNetworkDeps(spec: PodSpec, f: FieldPath, resourceIsPod: boolean): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, i) =>
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((resourceIsPod || hp !== 0) && hp !== port.containerPort)
        errs.push(
          fieldErrors.invalid(
            f.child('containers').index(i).child('ports').index(j).child('hostPort'),
            hp,
            'must match `containerPort` when `hostNetwork` is true',
          ),
        );
    }),
  );
  return errs;
}

function validateHostUsers(spec: PodSpec, f: FieldPath): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  const msg = 'when `pod.Spec.HostUsers` is false';
  if (spec.hostNetwork) errs.push(fieldErrors.forbidden(f.child('hostNetwork'), msg));
  if (spec.hostPID) errs.push(fieldErrors.forbidden(f.child('HostPID'), msg));
  if (spec.hostIPC) errs.push(fieldErrors.forbidden(f.child('HostIPC'), msg));
  return errs;
}

function validateOS(spec: PodSpec, f: FieldPath): FieldError[] {
  const os = spec.os;
  if (!os) return [];
  if (!os.name) return [fieldErrors.required(f.child('os', 'name'), 'cannot be empty')];
  if (os.name !== 'linux' && os.name !== 'windows')
    return [fieldErrors.notSupported(f.child('os'), os.name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  if (os.name === 'linux') {
    if (spec.securityContext?.windowsOptions)
      errs.push(
        fieldErrors.forbidden(
          f.child('securityContext', 'windowsOptions'),
          'windows options cannot be set for a linux pod',
        ),
      );
    const visit = (list: { securityContext?: { windowsOptions?: unknown } }[] | undefined, kind: string) =>
      (list ?? []).forEach((c, i) => {
        if (c.securityContext?.windowsOptions)
          errs.push(
            fieldErrors.forbidden(
              f.child(kind).index(i).child('securityContext', 'windowsOptions'),
              'windows options cannot be set for a linux pod',
            ),
          );
      });
    visit(spec.initContainers, 'initContainers');
    visit(spec.containers, 'containers');
    visit(spec.ephemeralContainers, 'ephemeralContainers');
  }
  return errs;
}

/**
 * Validates a PodSpec at `path` (`spec` for a Pod, `spec.template.spec` for a Deployment...).
 * Returns every error found, in upstream's order; never throws.
 */
export function validatePodSpec(
  spec: PodSpec,
  path: FieldPath,
  opts: PodSpecValidationOptions = {},
): FieldError[] {
  const s = spec ?? ({} as PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null)
    errs.push(fieldErrors.required(path.child('terminationGracePeriodSeconds')));
  const vols = validateVolumes(s.volumes, opts.podMeta, path.child('volumes'));
  errs.push(...vols.errors);
  const claimNames = new Set((s.resourceClaims ?? []).map((c) => c.name).filter(Boolean));
  errs.push(...validateResourceClaims(s, path.child('resourceClaims')));
  const ctx: ContainerContext = {
    volumes: vols.volumes,
    claimNames,
    gracePeriod: s.terminationGracePeriodSeconds ?? undefined,
    podRestartPolicy: s.restartPolicy,
    hostUsers: s.hostUsers !== false,
  };
  errs.push(...validateContainers(s.containers, ctx, path.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, path.child('initContainers')));
  errs.push(
    ...validateEphemeralContainers(
      s.ephemeralContainers,
      s.containers,
      s.initContainers,
      ctx,
      path.child('ephemeralContainers'),
    ),
  );
  errs.push(...validateHostNetworkDeps(s, path, opts.resourceIsPod ?? false));
  errs.push(...required(s.restartPolicy, RESTART_POLICIES, path.child('restartPolicy')));
  errs.push(...required(s.dnsPolicy, DNS_POLICIES, path.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s, path));
  errs.push(...validateAffinity(s.affinity, path.child('affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, path.child('dnsConfig')));
  errs.push(...validateGates(s, path));
  errs.push(...validateTopologySpreadConstraints(s, path.child('topologySpreadConstraints')));
  errs.push(...validateHostUsers(s, path));
  if (s.serviceAccountName)
    errs.push(
      ...invalidEach(
        path.child('serviceAccountName'),
        s.serviceAccountName,
        validateServiceAccountName(s.serviceAccountName, false),
      ),
    );
  if (s.nodeName)
    errs.push(...invalidEach(path.child('nodeName'), s.nodeName, nameIsDNSSubdomain(s.nodeName, false)));
  const ads = s.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (ads < 1 || ads > MAX_INT32))
    errs.push(
      fieldErrors.invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)),
    );
  if (s.hostname) errs.push(...invalidEach(path.child('hostname'), s.hostname, isDNS1123Label(s.hostname)));
  if (s.subdomain)
    errs.push(...invalidEach(path.child('subdomain'), s.subdomain, isDNS1123Label(s.subdomain)));
  if (s.tolerations?.length) errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  if (s.hostAliases?.length) errs.push(...validateHostAliases(s, path.child('hostAliases')));
  if (s.priorityClassName)
    errs.push(
      ...invalidEach(
        path.child('priorityClassName'),
        s.priorityClassName,
        nameIsDNSSubdomain(s.priorityClassName, false),
      ),
    );
  if (s.runtimeClassName !== undefined && s.runtimeClassName !== null)
    errs.push(
      ...invalidEach(
        path.child('runtimeClassName'),
        s.runtimeClassName,
        nameIsDNSSubdomain(s.runtimeClassName, false),
      ),
    );
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null)
    errs.push(
      ...required(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')),
    );
  if (s.overhead)
    errs.push(...validateResourceRequirements({ limits: s.overhead }, claimNames, path.child('overhead')));
  errs.push(...validateOS(s, path));
  return errs;
}

/**
 * Validates a pod template (labels, annotations, spec) at `path`, e.g. `spec.template`. Upstream
 * reports template label errors at `<path>.labels`, not `<path>.metadata.labels`; kept as is.
 */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath): FieldError[] {
  const meta = template?.metadata ?? {};
  const spec = (template?.spec ?? {}) as PodSpec;
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, path.child('annotations')));
  errs.push(...validatePodSpec(spec, path.child('spec')));
  if (spec.ephemeralContainers?.length)
    errs.push(
      fieldErrors.forbidden(
        path.child('spec', 'ephemeralContainers'),
        'ephemeral containers not allowed in pod template',
      ),
    );
  return errs;
}
