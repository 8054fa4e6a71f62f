/**
 * @module api/core/pods/validation
 * Pod validation for each write path, as upstream's ValidatePodCreate / ValidatePodUpdate /
 * ValidatePodStatusUpdate / ValidatePodBinding. An update of the main resource may only change
 * container images, activeDeadlineSeconds (down), tolerations (additions), schedulingGates
 * (removals), a negative grace period to 1, and (while gated) add node selectors; anything else
 * yields the `pod updates may not change fields other than ...` error with a spec diff.
 */
import { fieldErrors, FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import {
  ipFamily,
  inclusiveRangeError,
  invalidEach,
  isQualifiedName,
  isValidIP,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { validateImageWhitespace } from './container-validation.js';
import {
  MIRROR_POD_ANNOTATION,
  validatePodSpec,
  validatePodSpecificAnnotations,
} from './pod-spec-validation.js';
import { validateTolerations } from './scheduling-validation.js';
import { diffPodSpecs, semanticEqual } from './spec-diff.js';
import type { Binding, Container, ContainerStatus, Pod, PodSpec, Toleration } from './types.js';

const SPEC = FieldPath.root('spec');
const META = FieldPath.root('metadata');
const STATUS = FieldPath.root('status');
const MAX_INT32 = 2147483647;
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** The first line of the update error, before the diff. */
export const POD_UPDATE_FORBIDDEN_MESSAGE = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`;

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  const errs = validateMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, META.child('annotations')));
  errs.push(...validatePodSpec(spec, SPEC, { podMeta: pod.metadata, resourceIsPod: true }));
  if (!spec.serviceAccountName)
    (spec.volumes ?? []).forEach((v, vi) =>
      (v.projected?.sources ?? []).forEach((src, si) => {
        if (src.serviceAccountToken)
          errs.push(
            fieldErrors.forbidden(
              SPEC.child('volumes')
                .index(vi)
                .child('projected', 'sources')
                .index(si)
                .child('serviceAccountToken'),
              'must not be specified when serviceAccountName is not set',
            ),
          );
      }),
    );
  (spec.containers ?? []).forEach((c, i) =>
    errs.push(...validateImageWhitespace(c, SPEC.child('containers').index(i))),
  );
  (spec.initContainers ?? []).forEach((c, i) =>
    errs.push(...validateImageWhitespace(c, SPEC.child('initContainers').index(i))),
  );
  return errs;
}

/**
 * Validates a write through pods/ephemeralcontainers (upstream's
 * ValidatePodEphemeralContainersUpdate): the pod as a whole, and ephemeral containers may only be
 * added, never changed or removed. Static pods take none.
 */
export function validatePodEphemeralContainersUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validateAnnotationUpdates(pod, old));
  if (old.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined)
    return [fieldErrors.forbidden(FieldPath.root(), 'static pods do not support ephemeral containers')];
  const path = SPEC.child('ephemeralContainers');
  const added = new Map((pod.spec?.ephemeralContainers ?? []).map((c) => [c.name, c]));
  for (const prev of old.spec?.ephemeralContainers ?? []) {
    const now = added.get(prev.name);
    if (!now)
      errs.push(
        fieldErrors.forbidden(path, `existing ephemeral containers "${prev.name}" may not be removed\n`),
      );
    else if (!semanticEqual(prev, now))
      errs.push(
        fieldErrors.forbidden(path, `existing ephemeral containers "${prev.name}" may not be changed\n`),
      );
  }
  return errs;
}

/** Validates a Pod on create. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (pod.spec?.ephemeralContainers?.length)
    errs.push(fieldErrors.forbidden(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec.schedulingGates?.length)
    errs.push(
      fieldErrors.forbidden(
        SPEC.child('nodeName'),
        'cannot be set until all schedulingGates have been cleared',
      ),
    );
  return errs;
}

function validateAnnotationUpdates(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const next = pod.metadata?.annotations ?? {};
  const prev = old.metadata?.annotations ?? {};
  const f = META.child('annotations');
  for (const [k, v] of Object.entries(prev)) {
    if (k in next && next[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX))
      errs.push(fieldErrors.forbidden(f.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION)
      errs.push(fieldErrors.forbidden(f.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(next)) {
    if (k in prev) continue;
    if (k.startsWith(APPARMOR_PREFIX))
      errs.push(fieldErrors.forbidden(f.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION)
      errs.push(fieldErrors.forbidden(f.key(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

function validateContainerUpdates(next: Container[] | undefined, old: Container[] | undefined, f: FieldPath) {
  const n = next ?? [];
  if (n.length !== (old ?? []).length)
    return { errs: [fieldErrors.forbidden(f, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c.image) errs.push(fieldErrors.required(f.index(i).child('image')));
    errs.push(...validateImageWhitespace(c, f.index(i)));
  });
  return { errs, stop: false };
}

function sameTolerationIgnoringSeconds(a: Toleration, b: Toleration): boolean {
  return semanticEqual({ ...a, tolerationSeconds: undefined }, { ...b, tolerationSeconds: undefined });
}

function validateOnlyAddedTolerations(
  next: Toleration[] | undefined,
  old: Toleration[] | undefined,
  f: FieldPath,
): FieldError[] {
  for (const o of old ?? [])
    if (!(next ?? []).some((t) => sameTolerationIgnoringSeconds(o, t)))
      return [
        fieldErrors.forbidden(f, 'existing toleration can not be modified except its tolerationSeconds'),
      ];
  return validateTolerations(next, f);
}

function validateOnlyDeletedSchedulingGates(pod: Pod, old: Pod, f: FieldPath): FieldError[] {
  const oldNames = new Set((old.spec.schedulingGates ?? []).map((g) => g.name));
  const errs: FieldError[] = [];
  (pod.spec.schedulingGates ?? []).forEach((g, i) => {
    if (!oldNames.has(g.name))
      errs.push(
        fieldErrors.forbidden(
          f.index(i).child('name'),
          `only deletion is allowed, but found new scheduling gate '${g.name}'`,
        ),
      );
  });
  return errs;
}

/**
 * Validates an update of the pod itself (not a subresource). `old` is the stored pod. Returns the
 * metadata and spec errors of the new pod plus every forbidden change.
 */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validateAnnotationUpdates(pod, old));
  const spec = pod.spec;
  const oldSpec = old.spec;
  for (const kind of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(spec[kind], oldSpec[kind], SPEC.child(kind));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const adsPath = SPEC.child('activeDeadlineSeconds');
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32)
      return [...errs, fieldErrors.invalid(adsPath, ads, inclusiveRangeError(0, MAX_INT32))];
    if (
      oldSpec.activeDeadlineSeconds !== undefined &&
      oldSpec.activeDeadlineSeconds !== null &&
      oldSpec.activeDeadlineSeconds < ads
    )
      return [...errs, fieldErrors.invalid(adsPath, ads, 'must be less than or equal to previous value')];
  } else if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.invalid(adsPath, null, 'must not update from a positive integer to nil value'));
  }
  errs.push(
    ...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, SPEC.child('tolerations')),
  );
  errs.push(...validateOnlyDeletedSchedulingGates(pod, old, SPEC.child('schedulingGates')));
  if (semanticEqual(spec, oldSpec)) return errs;

  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i].image }));
  if (munged.initContainers)
    munged.initContainers = munged.initContainers.map((c, i) => ({
      ...c,
      image: oldSpec.initContainers![i].image,
    }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  if (oldSpec.schedulingGates?.length && !semanticEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
    const next = munged.nodeSelector ?? {};
    const changed = Object.entries(oldSpec.nodeSelector ?? {}).some(([k, v]) => next[k] !== v);
    if (changed)
      errs.push(
        fieldErrors.invalid(
          SPEC.child('nodeSelector'),
          next,
          'only additions to spec.nodeSelector are allowed (no mutations or deletions)',
        ),
      );
    munged.nodeSelector = oldSpec.nodeSelector;
  }
  for (const k of Object.keys(munged) as (keyof PodSpec)[]) if (munged[k] === undefined) delete munged[k];
  if (!semanticEqual(munged, oldSpec))
    errs.push(
      fieldErrors.forbidden(SPEC, `${POD_UPDATE_FORBIDDEN_MESSAGE}\n${diffPodSpecs(oldSpec, munged)}`),
    );
  return errs;
}

function validateStateTransitions(
  next: ContainerStatus[] | undefined,
  old: ContainerStatus[] | undefined,
  restartPolicy: string | undefined,
  f: FieldPath,
  restartable: (name: string) => boolean = () => false,
): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (old ?? []).forEach((o, i) => {
    const term = o.state?.terminated;
    if (!term) return;
    if (term.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable(o.name)) return;
    for (const n of next ?? [])
      if (n.name === o.name && !n.state?.terminated)
        errs.push(
          fieldErrors.forbidden(f.index(i).child('state'), 'may not be transitioned to non-terminated state'),
        );
  });
  return errs;
}

function validateIPList(list: { ip: string }[] | undefined, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ips = list ?? [];
  ips.forEach((p, i) => errs.push(...isValidIP(f.index(i), p.ip)));
  if (ips.length > 1) {
    const fams = new Set(ips.map((p) => ipFamily(p.ip)));
    if (!(fams.has(4) && fams.has(6)) || ips.length > 2)
      errs.push(fieldErrors.invalid(f, ips, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    ips.forEach((p, i) => {
      if (seen.has(p.ip)) errs.push(fieldErrors.duplicate(f.index(i), p));
      seen.add(p.ip);
    });
  }
  return errs;
}

/** Validates a write to the status subresource. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validateAnnotationUpdates(pod, old));
  errs.push(
    ...validatePodSpecificAnnotations(pod.metadata?.annotations, pod.spec, META.child('annotations')),
  );
  // Upstream reports custom condition types under `metadata.conditions[i].Type`; kept as is.
  (pod.status?.conditions ?? []).forEach((c, i) => {
    if (['PodScheduled', 'Ready', 'Initialized'].includes(c.type)) return;
    errs.push(
      ...invalidEach(META.child('conditions').index(i).child('Type'), c.type, isQualifiedName(c.type ?? '')),
    );
  });
  const status = pod.status ?? {};
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? ''))
    errs.push(fieldErrors.forbidden(STATUS.child('nodeName'), 'may not be changed directly'));
  const nominated = status.nominatedNodeName ?? '';
  if (nominated && nominated !== (old.status?.nominatedNodeName ?? ''))
    errs.push(
      ...invalidEach(STATUS.child('nominatedNodeName'), nominated, nameIsDNSSubdomain(nominated, false)),
    );
  if ((status.qosClass ?? '') !== (old.status?.qosClass ?? ''))
    errs.push(fieldErrors.invalid(STATUS.child('qosClass'), status.qosClass ?? '', 'field is immutable'));
  const oldSpec = old.spec ?? ({ containers: [] } as PodSpec);
  errs.push(
    ...validateStateTransitions(
      status.containerStatuses,
      old.status?.containerStatuses,
      oldSpec.restartPolicy,
      STATUS.child('containerStatuses'),
    ),
  );
  const sidecars = new Set(
    (oldSpec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  errs.push(
    ...validateStateTransitions(
      status.initContainerStatuses,
      old.status?.initContainerStatuses,
      oldSpec.restartPolicy,
      STATUS.child('initContainerStatuses'),
      (n) => sidecars.has(n),
    ),
  );
  errs.push(
    ...validateStateTransitions(
      status.ephemeralContainerStatuses,
      old.status?.ephemeralContainerStatuses,
      'Never',
      STATUS.child('ephemeralContainerStatuses'),
    ),
  );
  errs.push(...validateIPList(status.podIPs, STATUS.child('podIPs')));
  if (status.hostIPs?.length) {
    if ((status.hostIP ?? '') !== status.hostIPs[0].ip)
      errs.push(
        fieldErrors.invalid(
          STATUS.child('hostIPs').index(0).child('ip'),
          status.hostIPs[0].ip,
          'must be equal to `hostIP`',
        ),
      );
    errs.push(...validateIPList(status.hostIPs, STATUS.child('hostIPs')));
  }
  return errs;
}

/** Validates a pods/binding body: the target must be a Node (or unnamed kind) and carry a name. */
export function validatePodBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind && kind !== 'Node')
    errs.push(fieldErrors.notSupported(FieldPath.root('target').child('kind'), kind, ['Node', '<empty>']));
  if (!binding.target?.name) errs.push(fieldErrors.required(FieldPath.root('target').child('name')));
  return errs;
}
