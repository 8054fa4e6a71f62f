/**
 * @module api/core/pods/security-validation
 * Validation of the pod-level security context (ids, sysctls, fsGroup policy, seccomp and
 * AppArmor profiles) and the profile checks containers share.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import { invalidEach, isValidGroupID, isValidUserID } from '../../../machinery/validation/names.js';
import type { AppArmorProfile, PodSecurityContext, PodSpec, SeccompProfile } from './types.js';
import { validateLocalDescendingPath } from './volume-validation.js';

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_FMT = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL_RE = new RegExp(SYSCTL_FMT);
const NET_SYSCTL_PREFIXES = ['net.'];
const IPC_SYSCTLS = ['kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni']; // prettier-ignore

export function validateSeccompProfile(sp: SeccompProfile | undefined, f: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  if (!sp.type)
    errs.push(fieldErrors.required(f.child('type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(sp.type))
    errs.push(fieldErrors.notSupported(f.child('type'), sp.type, SECCOMP_TYPES));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined)
      errs.push(
        fieldErrors.required(f.child('localhostProfile'), 'must be set when seccomp type is Localhost'),
      );
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, f.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(
      fieldErrors.invalid(f.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'),
    );
  }
  return errs;
}

export function validateAppArmorProfile(p: AppArmorProfile | undefined, f: FieldPath): FieldError[] {
  if (!p) return [];
  switch (p.type) {
    case 'Localhost': {
      const lp = p.localhostProfile;
      if (lp === undefined)
        return [
          fieldErrors.required(f.child('localhostProfile'), 'must be set when AppArmor type is Localhost'),
        ];
      const errs: FieldError[] = [];
      if (lp.trim() !== lp)
        errs.push(fieldErrors.invalid(f.child('localhostProfile'), lp, 'must not be padded with whitespace'));
      else if (lp === '')
        errs.push(
          fieldErrors.required(f.child('localhostProfile'), 'must be set when AppArmor type is Localhost'),
        );
      if (lp.length > 4095) errs.push(fieldErrors.tooLong(f.child('localhostProfile'), '', 4095));
      return errs;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return p.localhostProfile !== undefined
        ? [
            fieldErrors.invalid(
              f.child('localhostProfile'),
              p.localhostProfile,
              'can only be set when AppArmor type is Localhost',
            ),
          ]
        : [];
    case '':
    case undefined:
      return [fieldErrors.required(f.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [fieldErrors.notSupported(f.child('type'), p.type, SECCOMP_TYPES)];
  }
}

function validateSysctls(sc: PodSecurityContext, spec: PodSpec, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = f.index(i).child('name');
    if (!s.name) errs.push(fieldErrors.required(p));
    else if (s.name.length > 253 || !SYSCTL_RE.test(s.name))
      errs.push(
        fieldErrors.invalid(p, s.name, `must have at most 253 characters and match regex ${SYSCTL_FMT}`),
      );
    else if (seen.has(s.name)) errs.push(fieldErrors.duplicate(p, s.name));
    const name = (s.name ?? '').replace(/\//g, '.');
    if (spec.hostNetwork && NET_SYSCTL_PREFIXES.some((pre) => name.startsWith(pre)))
      errs.push(fieldErrors.invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC && (IPC_SYSCTLS.includes(name) || name.startsWith('fs.mqueue.')))
      errs.push(fieldErrors.invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    seen.add(s.name);
  });
  return errs;
}

/** Upstream validatePodSpecSecurityContext (the parts that apply on Linux nodes). */
export function validatePodSecurityContext(spec: PodSpec, specPath: FieldPath): FieldError[] {
  const sc = spec.securityContext;
  if (!sc) return [];
  const f = specPath.child('securityContext');
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined)
    errs.push(...invalidEach(f.child('fsGroup'), sc.fsGroup, isValidGroupID(sc.fsGroup)));
  if (sc.runAsUser !== undefined)
    errs.push(...invalidEach(f.child('runAsUser'), sc.runAsUser, isValidUserID(sc.runAsUser)));
  if (sc.runAsGroup !== undefined)
    errs.push(...invalidEach(f.child('runAsGroup'), sc.runAsGroup, isValidGroupID(sc.runAsGroup)));
  (sc.supplementalGroups ?? []).forEach((g, i) =>
    errs.push(...invalidEach(f.child('supplementalGroups').index(i), g, isValidGroupID(g))),
  );
  if (spec.shareProcessNamespace && spec.hostPID)
    errs.push(
      fieldErrors.invalid(
        f.child('shareProcessNamespace'),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  if (sc.sysctls?.length) errs.push(...validateSysctls(sc, spec, f.child('sysctls')));
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy))
    errs.push(
      fieldErrors.notSupported(f.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, [
        'Always',
        'OnRootMismatch',
      ]),
    );
  errs.push(...validateSeccompProfile(sc.seccompProfile, f.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, f.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy))
    errs.push(
      fieldErrors.notSupported(f.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, [
        'Merge',
        'Strict',
      ]),
    );
  if (sc.seLinuxChangePolicy !== undefined && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy))
    errs.push(
      fieldErrors.notSupported(f.child('seLinuxChangePolicy'), sc.seLinuxChangePolicy, [
        'MountOption',
        'Recursive',
      ]),
    );
  return errs;
}
