/**
 * @module api/core/pods/volume-validation
 * Validation of `spec.volumes`: names (DNS-1123 labels, unique), exactly one source each, and the
 * common sources in detail (emptyDir, hostPath, secret, configMap, downwardAPI, projected, PVC,
 * ephemeral, nfs, csi, image). Rare in-tree sources only get the one-source check. Also holds the
 * path rules (`must not contain '..'`) that volume mounts reuse.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../../machinery/meta.js';
import { tryParseQuantity } from '../../../machinery/quantity.js';
import {
  invalidEach,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import type {
  DownwardAPIVolumeFile,
  KeyToPath,
  ObjectFieldSelector,
  ResourceFieldSelector,
  Volume,
} from './types.js';

/** Volume source fields in upstream's check order (the first one set is "the" source). */
export const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const; // prettier-ignore

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];
const VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];
const RESOURCE_FIELD_PATHS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
]; // prettier-ignore

/** Field paths the v1 downward-API conversion accepts at all (validation then narrows them). */
const CONVERTIBLE_FIELD_PATHS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]; // prettier-ignore

function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Upstream validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(target: string, f: FieldPath): FieldError[] {
  return target.replace(/\\/g, '/').split('/').includes('..')
    ? [fieldErrors.invalid(f, target, "must not contain '..'")]
    : [];
}

/** Relative and without `..` elements. */
export function validateLocalDescendingPath(target: string, f: FieldPath): FieldError[] {
  const errs = isAbsolute(target) ? [fieldErrors.invalid(f, target, 'must be a relative path')] : [];
  return [...errs, ...validatePathNoBacksteps(target, f)];
}

export function validateLocalNonReservedPath(target: string, f: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, f);
  if (target.startsWith('..') && !target.startsWith('../'))
    errs.push(fieldErrors.invalid(f, target, "must not start with '..'"));
  return errs;
}

function validateMode(mode: number | undefined, f: FieldPath): FieldError[] {
  return mode !== undefined && mode !== null && (mode > 0o777 || mode < 0)
    ? [fieldErrors.invalid(f, mode, FILE_MODE_MSG)]
    : [];
}

function validateKeyToPath(kp: KeyToPath, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(fieldErrors.required(f.child('key')));
  if (!kp.path) errs.push(fieldErrors.required(f.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', f.child('path')));
  errs.push(...validateMode(kp.mode, f.child('mode')));
  return errs;
}

/** Downward API `fieldRef`: apiVersion and fieldPath set, path among `allowed` or a label/annotation subscript. */
export function validateObjectFieldSelector(
  fs: ObjectFieldSelector,
  allowed: string[],
  f: FieldPath,
): FieldError[] {
  if (!fs.apiVersion) return [fieldErrors.required(f.child('apiVersion'))];
  if (!fs.fieldPath) return [fieldErrors.required(f.child('fieldPath'))];
  if (fs.apiVersion !== 'v1')
    return [
      fieldErrors.invalid(
        f.child('fieldPath'),
        fs.fieldPath,
        `error converting fieldPath: unsupported pod version: ${fs.apiVersion}`,
      ),
    ];
  const subscripted = /^([^[]*)\['.*'\]$/.exec(fs.fieldPath);
  if (subscripted && !['metadata.labels', 'metadata.annotations'].includes(subscripted[1]))
    return [
      fieldErrors.invalid(
        f.child('fieldPath'),
        fs.fieldPath,
        `error converting fieldPath: field label does not support subscript: ${fs.fieldPath}`,
      ),
    ];
  if (!subscripted && !CONVERTIBLE_FIELD_PATHS.includes(fs.fieldPath))
    return [
      fieldErrors.invalid(
        f.child('fieldPath'),
        fs.fieldPath,
        `error converting fieldPath: field label not supported: ${fs.fieldPath}`,
      ),
    ];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fs.fieldPath);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    return invalidEach(f, key, isQualifiedName(key));
  }
  return allowed.includes(fs.fieldPath)
    ? []
    : [fieldErrors.notSupported(f.child('fieldPath'), fs.fieldPath, allowed)];
}

/** Downward API `resourceFieldRef`; `inVolume` requires containerName. */
export function validateResourceFieldSelector(
  rs: ResourceFieldSelector,
  inVolume: boolean,
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (inVolume && !rs.containerName) errs.push(fieldErrors.required(f.child('containerName')));
  else if (!rs.resource) errs.push(fieldErrors.required(f.child('resource')));
  else if (
    !RESOURCE_FIELD_PATHS.includes(rs.resource) &&
    !rs.resource.startsWith('requests.hugepages-') &&
    !rs.resource.startsWith('limits.hugepages-')
  )
    errs.push(fieldErrors.notSupported(f.child('resource'), rs.resource, RESOURCE_FIELD_PATHS));
  const divisor = tryParseQuantity(rs.divisor ?? '0');
  if (
    divisor &&
    divisor.nanos !== 0n &&
    /cpu$/.test(rs.resource ?? '') &&
    !['1m', '1'].includes(rs.divisor ?? '')
  )
    errs.push(
      fieldErrors.invalid(
        f.child('divisor'),
        rs.resource,
        "only divisor's values 1m and 1 are supported with the cpu resource",
      ),
    );
  return errs;
}

function validateDownwardAPIFile(file: DownwardAPIVolumeFile, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(fieldErrors.required(f.child('path')));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', f.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, f.child('fieldRef')));
    if (file.resourceFieldRef)
      errs.push(
        fieldErrors.invalid(
          f,
          'resource',
          'fieldRef and resourceFieldRef can not be specified simultaneously',
        ),
      );
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, true, f.child('resourceFieldRef')));
  } else errs.push(fieldErrors.required(f, 'one of fieldRef and resourceFieldRef is required'));
  errs.push(...validateMode(file.mode, f.child('mode')));
  return errs;
}

function validateProjected(src: NonNullable<Volume['projected']>, f: FieldPath): FieldError[] {
  const errs = validateMode(src.defaultMode, f.child('defaultMode'));
  const seen = new Set<string>();
  const addPath = (p: string | undefined, shown: unknown) => {
    if (!p) return;
    if (seen.has(p)) errs.push(fieldErrors.invalid(f, shown, 'conflicting duplicate paths'));
    seen.add(p);
  };
  (src.sources ?? []).forEach((s, i) => {
    const sp = f.child('sources').index(i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = s[kind];
      if (!ref) continue;
      count++;
      if (!ref.name) errs.push(fieldErrors.required(sp.child(kind, 'name')));
      (ref.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, sp.child(kind, 'items').index(j)));
        addPath(kp.path, ref.name ?? '');
      });
    }
    if (s.downwardAPI) {
      count++;
      for (const file of s.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIFile(file, sp.child('downwardAPI')));
        addPath(file.path, file.path);
      }
    }
    if (s.serviceAccountToken) {
      count++;
      const t = s.serviceAccountToken;
      const exp = t.expirationSeconds ?? 0;
      const ep = sp.child('serviceAccountToken', 'expirationSeconds');
      if (exp < 600)
        errs.push(fieldErrors.invalid(ep, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32)
        errs.push(fieldErrors.invalid(ep, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(fieldErrors.required(f.child('path')));
      else errs.push(...validateLocalNonReservedPath(t.path, f.child('path')));
    }
    if (s.clusterTrustBundle) count++;
    if (count > 1) errs.push(fieldErrors.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateSource(v: Volume, kind: string, f: FieldPath, podMeta?: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'emptyDir': {
      const limit = v.emptyDir?.sizeLimit;
      const q = limit === undefined ? undefined : tryParseQuantity(limit);
      if (q && q.nanos < 0n)
        errs.push(
          fieldErrors.forbidden(f.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'),
        );
      break;
    }
    case 'hostPath': {
      const hp = v.hostPath!;
      if (!hp.path) return [fieldErrors.required(f.child('path'))];
      errs.push(...validatePathNoBacksteps(hp.path, f.child('path')));
      if (hp.type !== undefined && hp.type !== null && !HOST_PATH_TYPES.includes(hp.type))
        errs.push(fieldErrors.notSupported(f.child('type'), hp.type, HOST_PATH_TYPES));
      break;
    }
    case 'secret':
    case 'configMap': {
      const src = (kind === 'secret' ? v.secret : v.configMap)!;
      const name = kind === 'secret' ? v.secret!.secretName : v.configMap!.name;
      if (!name) errs.push(fieldErrors.required(f.child(kind === 'secret' ? 'secretName' : 'name')));
      errs.push(...validateMode(src.defaultMode, f.child('defaultMode')));
      (src.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, f.child('items').index(i))));
      break;
    }
    case 'downwardAPI':
      errs.push(...validateMode(v.downwardAPI!.defaultMode, f.child('defaultMode')));
      for (const file of v.downwardAPI!.items ?? []) errs.push(...validateDownwardAPIFile(file, f));
      break;
    case 'projected':
      errs.push(...validateProjected(v.projected!, f));
      break;
    case 'persistentVolumeClaim':
      if (!v.persistentVolumeClaim!.claimName) errs.push(fieldErrors.required(f.child('claimName')));
      break;
    case 'nfs': {
      const nfs = v.nfs!;
      if (!nfs.server) errs.push(fieldErrors.required(f.child('server')));
      if (!nfs.path) errs.push(fieldErrors.required(f.child('path')));
      if (!isAbsolute(nfs.path ?? ''))
        errs.push(fieldErrors.invalid(f.child('path'), nfs.path ?? '', 'must be an absolute path'));
      break;
    }
    case 'csi': {
      const driver = v.csi!.driver ?? '';
      if (!driver) errs.push(fieldErrors.required(f.child('driver')));
      if (driver.length > 63) errs.push(fieldErrors.tooLong(f.child('driver'), '', 63));
      errs.push(...invalidEach(f.child('driver'), driver, isDNS1123Subdomain(driver.toLowerCase())));
      break;
    }
    case 'ephemeral': {
      if (!v.ephemeral!.volumeClaimTemplate) errs.push(fieldErrors.required(f.child('volumeClaimTemplate')));
      else if (podMeta?.name && v.name) {
        const pvcName = `${podMeta.name}-${v.name}`;
        for (const msg of nameIsDNSSubdomain(pvcName, false))
          errs.push(fieldErrors.invalid(f.child('name'), v.name, `PVC name "${pvcName}": ${msg}`));
      }
      break;
    }
    case 'image': {
      const pp = v.image!.pullPolicy ?? '';
      if (!pp) errs.push(fieldErrors.required(f.child('pullPolicy')));
      else if (!['Always', 'IfNotPresent', 'Never'].includes(pp))
        errs.push(fieldErrors.notSupported(f.child('pullPolicy'), pp, ['Always', 'IfNotPresent', 'Never']));
      break;
    }
  }
  return errs;
}

/** Upstream's child path for each source (a few differ from the JSON name, kept for fidelity). */
const SOURCE_PATH: Record<string, string> = { gcePersistentDisk: 'persistentDisk', cephfs: 'cephfs' };

function validateVolumeSource(v: Volume, f: FieldPath, podMeta?: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of VOLUME_SOURCES) {
    if (v[kind] === undefined || v[kind] === null) continue;
    if (count > 0) {
      errs.push(
        fieldErrors.forbidden(
          f.child(kind === 'downwardAPI' ? 'downwarAPI' : kind),
          'may not specify more than 1 volume type',
        ),
      );
      continue;
    }
    count++;
    errs.push(...validateSource(v, kind, f.child(SOURCE_PATH[kind] ?? kind), podMeta));
  }
  if (count === 0) errs.push(fieldErrors.required(f, 'must specify a volume type'));
  return errs;
}

/**
 * Validates the volume list; returns the errors and the volumes that passed (by name), which the
 * container checks use to resolve `volumeMounts[].name`.
 */
export function validateVolumes(
  volumes: Volume[] | undefined,
  podMeta: ObjectMeta | undefined,
  f: FieldPath,
): { errors: FieldError[]; volumes: Map<string, Volume> } {
  const errors: FieldError[] = [];
  const good = new Map<string, Volume>();
  const names = new Set<string>();
  const createdClaims = new Set<string>();
  if (podMeta?.name)
    for (const v of volumes ?? []) if (v.ephemeral) createdClaims.add(`${podMeta.name}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const ip = f.index(i);
    const el = validateVolumeSource(v, ip, podMeta);
    if (!v.name) el.push(fieldErrors.required(ip.child('name')));
    else el.push(...invalidEach(ip.child('name'), v.name, isDNS1123Label(v.name)));
    if (names.has(v.name)) el.push(fieldErrors.duplicate(ip.child('name'), v.name));
    if (el.length === 0) {
      names.add(v.name);
      good.set(v.name, v);
    } else errors.push(...el);
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim && createdClaims.has(claim))
      errors.push(
        fieldErrors.invalid(
          ip.child('persistentVolumeClaim', 'claimName'),
          claim,
          'must not reference a PVC that gets created for an ephemeral volume',
        ),
      );
  });
  return { errors, volumes: good };
}
