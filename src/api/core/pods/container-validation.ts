/**
 * @module api/core/pods/container-validation
 * Validation of containers, init containers (sidecars included) and ephemeral containers, as
 * upstream's validateContainerCommon and friends: names, image, ports, env, envFrom, mounts,
 * devices, pull policy, resources, resize policy, security context, probes and lifecycle.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isDNS1123Label,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  isValidGroupID,
} from '../../../machinery/validation/names.js';
import { goErrors } from '../common/go-value.js';
import {
  validateLifecycle,
  validateLivenessProbe,
  validateReadinessProbe,
  validateStartupProbe,
} from './probe-validation.js';
import { validateEnv, validateEnvFrom } from './env-validation.js';
import { validateDevices, validateMounts } from './mount-validation.js';
import { validateResourceRequirements } from './resource-validation.js';
import type { Container, EphemeralContainer, SecurityContext, Volume } from './types.js';
import { validateSeccompProfile, validateAppArmorProfile } from './security-validation.js';

/** What the container checks need to know about the rest of the pod. */
export interface ContainerContext {
  volumes: Map<string, Volume>;
  claimNames: Set<string>;
  gracePeriod: number | undefined;
  podRestartPolicy: string | undefined;
  hostUsers: boolean;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validatePorts(c: Container, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.ports ?? []).forEach((port, i) => {
    const p = f.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...invalidEach(p.child('name'), port.name, msgs));
      else if (names.has(port.name)) errs.push(fieldErrors.duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldErrors.required(p.child('containerPort')));
    else
      errs.push(
        ...invalidEach(p.child('containerPort'), port.containerPort, isValidPortNum(port.containerPort)),
      );
    if (port.hostPort)
      errs.push(...invalidEach(p.child('hostPort'), port.hostPort, isValidPortNum(port.hostPort)));
    if (!port.protocol) errs.push(fieldErrors.required(p.child('protocol')));
    else if (!PROTOCOLS.includes(port.protocol))
      errs.push(fieldErrors.notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

function validatePullPolicy(policy: string | undefined, f: FieldPath): FieldError[] {
  if (!policy) return [fieldErrors.required(f)];
  return PULL_POLICIES.includes(policy) ? [] : [fieldErrors.notSupported(f, policy, PULL_POLICIES)];
}

function validateResizePolicy(
  c: Container,
  podRestartPolicy: string | undefined,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (c.resizePolicy ?? []).forEach((rp, i) => {
    if (seen.has(rp.resourceName)) errs.push(fieldErrors.duplicate(f.index(i), rp.resourceName));
    seen.add(rp.resourceName);
    if (!rp.resourceName) errs.push(fieldErrors.required(f));
    else if (rp.resourceName !== 'cpu' && rp.resourceName !== 'memory')
      errs.push(fieldErrors.notSupported(f, rp.resourceName, ['cpu', 'memory']));
    if (!rp.restartPolicy) errs.push(fieldErrors.required(f));
    else if (rp.restartPolicy !== 'NotRequired' && rp.restartPolicy !== 'RestartContainer')
      errs.push(fieldErrors.notSupported(f, rp.restartPolicy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && rp.restartPolicy !== 'NotRequired')
      errs.push(
        fieldErrors.invalid(
          f,
          rp.restartPolicy ?? '',
          "must be 'NotRequired' when `restartPolicy` is 'Never'",
        ),
      );
  });
  return errs;
}

export function validateContainerSecurityContext(
  sc: SecurityContext | undefined,
  hostUsers: boolean,
  f: FieldPath,
): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined)
    errs.push(...invalidEach(f.child('runAsUser'), sc.runAsUser, isValidUserID(sc.runAsUser)));
  if (sc.runAsGroup !== undefined)
    errs.push(...invalidEach(f.child('runAsGroup'), sc.runAsGroup, isValidGroupID(sc.runAsGroup)));
  if (sc.procMount !== undefined) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked')
      errs.push(fieldErrors.notSupported(f.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked')
      errs.push(
        fieldErrors.invalid(
          f.child('procMount'),
          sc.procMount,
          '`hostUsers` must be false to use `Unmasked`',
        ),
      );
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, f.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged)
      errs.push(
        fieldErrors.invalid(f, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'),
      );
    if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN'))
      errs.push(
        fieldErrors.invalid(
          f,
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        ),
      );
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, f.child('appArmorProfile')));
  return errs;
}

/** Checks shared by every container kind. */
function validateContainerCommon(c: Container, ctx: ContainerContext, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldErrors.required(f.child('name')));
  else errs.push(...invalidEach(f.child('name'), c.name, isDNS1123Label(c.name)));
  if (!c.image) errs.push(fieldErrors.required(f.child('image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(fieldErrors.required(f.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(
      fieldErrors.notSupported(f.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']),
    );
  errs.push(...validatePorts(c, f.child('ports')));
  errs.push(...validateEnv(c.env, f.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, f.child('envFrom')));
  errs.push(...validateMounts(c, ctx, f.child('volumeMounts')));
  errs.push(...validateDevices(c, ctx, f.child('volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, f.child('imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, ctx.claimNames, f.child('resources')));
  errs.push(...validateResizePolicy(c, ctx.podRestartPolicy, f.child('resizePolicy')));
  errs.push(
    ...validateContainerSecurityContext(c.securityContext, ctx.hostUsers, f.child('securityContext')),
  );
  return errs;
}

/** Host ports may not collide (protocol/hostIP/port) among the given containers. */
function checkHostPortConflicts(containers: { c: Container; i: number }[], f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const { c, i } of containers)
    (c.ports ?? []).forEach((p, j) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key))
        errs.push(fieldErrors.duplicate(f.index(i).child('ports').index(j).child('hostPort'), key));
      else seen.add(key);
    });
  return errs;
}

function validateProbesAndLifecycle(c: Container, ctx: ContainerContext, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, f.child('lifecycle')));
  errs.push(...validateLivenessProbe(c.livenessProbe, ctx.gracePeriod, f.child('livenessProbe')));
  errs.push(...validateReadinessProbe(c.readinessProbe, ctx.gracePeriod, f.child('readinessProbe')));
  errs.push(...validateStartupProbe(c.startupProbe, ctx.gracePeriod, f.child('startupProbe')));
  return errs;
}

export function validateContainers(
  containers: Container[] | undefined,
  ctx: ContainerContext,
  f: FieldPath,
): FieldError[] {
  if (!containers?.length) return [fieldErrors.required(f)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = f.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    if (names.has(c.name)) errs.push(fieldErrors.duplicate(p.child('name'), c.name));
    else names.add(c.name);
    errs.push(...validateProbesAndLifecycle(c, ctx, p));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null)
      errs.push(fieldErrors.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(
    ...checkHostPortConflicts(
      containers.map((c, i) => ({ c, i })),
      f,
    ),
  );
  return errs;
}

const NOT_SIDECAR = 'may not be set for init containers without restartPolicy=Always';

/** Init containers; `restartPolicy: Always` makes one a sidecar, which may have probes and lifecycle. */
export function validateInitContainers(
  inits: Container[] | undefined,
  regular: Container[] | undefined,
  ctx: ContainerContext,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const p = f.index(i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const hasPolicy = c.restartPolicy !== undefined && c.restartPolicy !== null;
    if (hasPolicy && c.restartPolicy !== 'Always')
      errs.push(fieldErrors.notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
    if (names.has(c.name)) errs.push(fieldErrors.duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([{ c, i }], f));
    if (c.restartPolicy === 'Always') errs.push(...validateProbesAndLifecycle(c, ctx, p));
    else
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const)
        if (c[k]) errs.push(fieldErrors.forbidden(p.child(k), NOT_SIDECAR));
    if (c.resizePolicy?.length)
      errs.push(
        goErrors.invalid(
          p.child('resizePolicy'),
          `[]core.ContainerResizePolicy{${c.resizePolicy
            .map(
              (r) =>
                `core.ContainerResizePolicy{ResourceName:${JSON.stringify(r.resourceName)}, RestartPolicy:${JSON.stringify(r.restartPolicy)}}`,
            )
            .join(', ')}}`,
          'must not be set for init containers',
        ),
      );
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = [
  'ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle',
] as const; // prettier-ignore

function isZero(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v).every(isZero);
  return false;
}

export function validateEphemeralContainers(
  list: EphemeralContainer[] | undefined,
  containers: Container[] | undefined,
  inits: Container[] | undefined,
  ctx: ContainerContext,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...(containers ?? []), ...(inits ?? [])].map((c) => c.name));
  const all = new Set(others);
  (list ?? []).forEach((ec, i) => {
    const p = f.index(i);
    errs.push(...validateContainerCommon(ec, ctx, p));
    errs.push(...validateImageWhitespace(ec, p));
    if (all.has(ec.name)) errs.push(fieldErrors.duplicate(p.child('name'), ec.name));
    else all.add(ec.name);
    if (ec.targetContainerName && !others.has(ec.targetContainerName))
      errs.push(fieldErrors.notFound(p.child('targetContainerName'), ec.targetContainerName));
    for (const k of EPHEMERAL_FORBIDDEN)
      if (!isZero(ec[k]))
        errs.push(fieldErrors.forbidden(p.child(k), 'cannot be set for an Ephemeral Container'));
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      for (const k of ['subPath', 'subPathExpr'] as const)
        if (vm[k])
          errs.push(
            fieldErrors.forbidden(
              p.child('volumeMounts').index(j).child(k),
              'cannot be set for an Ephemeral Container',
            ),
          );
    });
  });
  return errs;
}

/** Pod-only (not template) check: the image may not carry surrounding whitespace. */
export function validateImageWhitespace(c: Container, f: FieldPath): FieldError[] {
  const image = c.image ?? '';
  return image.trim() !== image
    ? [fieldErrors.invalid(f.child('image'), image, 'must not have leading or trailing whitespace')]
    : [];
}
