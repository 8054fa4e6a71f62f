/**
 * @module kubelet/runtime-manager/security-context
 * A container's effective security settings (pure), as upstream's
 * securitycontext.DetermineEffectiveSecurityContext and the runtime manager's
 * determineEffectiveSecurityContext: the pod's runAsUser, runAsGroup and runAsNonRoot, each
 * overridden by the container's; the pod's fsGroup then supplementalGroups as extra groups;
 * capabilities, privileged and readOnlyRootFilesystem from the container; noNewPrivileges when
 * allowPrivilegeEscalation is false (never for privileged containers or ones adding SYS_ADMIN,
 * which validation already refuses together). `verifyRunAsNonRoot` words its refusals as upstream.
 */
import type { Container, Pod, SecurityContext } from '../../api/core/pods/types.js';
import type { ContainerSecurity } from '../../runtime/interface.js';
import { formatPod } from './format.js';

/** Pod-level settings overridden field by field by the container's. */
export function effectiveSecurityContext(pod: Pod, c: Container): SecurityContext {
  const p = pod.spec.securityContext ?? {};
  const fromPod: SecurityContext = {};
  if (p.runAsUser !== undefined) fromPod.runAsUser = p.runAsUser;
  if (p.runAsGroup !== undefined) fromPod.runAsGroup = p.runAsGroup;
  if (p.runAsNonRoot !== undefined) fromPod.runAsNonRoot = p.runAsNonRoot;
  if (p.seLinuxOptions) fromPod.seLinuxOptions = p.seLinuxOptions;
  if (p.seccompProfile) fromPod.seccompProfile = p.seccompProfile;
  if (p.appArmorProfile) fromPod.appArmorProfile = p.appArmorProfile;
  const out: SecurityContext = { ...fromPod };
  for (const [k, v] of Object.entries(c.securityContext ?? {})) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

const capName = (c: string) => c.replace(/^CAP_/i, '').toUpperCase();

/** The runtime's ContainerSecurity; undefined when nothing is set (the runtime's defaults). */
export function containerSecurity(pod: Pod, c: Container): ContainerSecurity | undefined {
  const sc = effectiveSecurityContext(pod, c);
  const out: ContainerSecurity = {};
  if (sc.runAsUser !== undefined) out.runAsUser = sc.runAsUser;
  if (sc.runAsGroup !== undefined) out.runAsGroup = sc.runAsGroup;
  const groups: number[] = [];
  const ps = pod.spec.securityContext;
  if (ps?.fsGroup !== undefined) groups.push(ps.fsGroup);
  groups.push(...(ps?.supplementalGroups ?? []));
  if (groups.length) out.supplementalGroups = groups;
  if (sc.readOnlyRootFilesystem !== undefined) out.readonlyRootfs = sc.readOnlyRootFilesystem;
  if (sc.privileged !== undefined) out.privileged = sc.privileged;
  if (sc.capabilities && (sc.capabilities.add?.length || sc.capabilities.drop?.length))
    out.capabilities = {
      add: (sc.capabilities.add ?? []).map(capName),
      drop: (sc.capabilities.drop ?? []).map(capName),
    };
  if (sc.allowPrivilegeEscalation !== undefined) {
    const escalates = !!sc.privileged || !!out.capabilities?.add.includes('SYS_ADMIN');
    out.noNewPrivileges = !sc.allowPrivilegeEscalation && !escalates;
  }
  return Object.keys(out).length ? out : undefined;
}

/** True when runAsNonRoot must be checked against the image's user (no runAsUser to decide). */
export function needsImageUser(pod: Pod, c: Container): boolean {
  const sc = effectiveSecurityContext(pod, c);
  return !!sc.runAsNonRoot && sc.runAsUser === undefined;
}

/**
 * Upstream's verifyRunAsNonRoot: the error text when the container would run as root, else
 * undefined. `image` is the image's user: its numeric uid, else its user name; neither = root.
 */
export function verifyRunAsNonRoot(
  pod: Pod,
  c: Container,
  image: { uid?: number; username?: string },
): string | undefined {
  const sc = effectiveSecurityContext(pod, c);
  if (!sc.runAsNonRoot) return undefined;
  const who = `(pod: "${formatPod(pod)}", container: ${c.name})`;
  if (sc.runAsUser !== undefined)
    return sc.runAsUser === 0 ? `container's runAsUser breaks non-root policy ${who}` : undefined;
  if (image.uid === undefined && image.username)
    return `container has runAsNonRoot and image has non-numeric user (${image.username}), cannot verify user is non-root ${who}`;
  if ((image.uid ?? 0) === 0) return `container has runAsNonRoot and image will run as root ${who}`;
  return undefined;
}
