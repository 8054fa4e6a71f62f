/**
 * @module api/core/pods/mount-validation
 * Validation of a container's `volumeMounts` and `volumeDevices` against the pod's volumes:
 * known names, unique paths, sub-paths without `..`, propagation and recursive read-only rules.
 */
import { fieldErrors, type FieldError, type FieldPath } from '../../../machinery/field-errors.js';
import type { Container, Volume } from './types.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './volume-validation.js';

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

export function validateMounts(
  c: Container,
  ctx: { volumes: Map<string, Volume> },
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  const devicePaths = new Set(devices.values());
  const privileged = c.securityContext?.privileged === true;
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = f.index(i);
    if (!m.name) errs.push(fieldErrors.required(p.child('name')));
    if (!ctx.volumes.has(m.name)) errs.push(fieldErrors.notFound(p.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(fieldErrors.required(p.child('mountPath')));
    if (mountPaths.has(m.mountPath))
      errs.push(fieldErrors.invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
    if (devices.has(m.name))
      errs.push(fieldErrors.invalid(p.child('name'), m.name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(m.mountPath))
      errs.push(
        fieldErrors.invalid(
          p.child('mountPath'),
          m.mountPath,
          'must not already exist as a path in volumeDevices',
        ),
      );
    if (ctx.volumes.get(m.name)?.image) {
      if (m.subPath)
        errs.push(fieldErrors.invalid(p.child('subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr)
        errs.push(
          fieldErrors.invalid(p.child('subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'),
        );
    }
    // Upstream reports these two at `volumeMounts.subPath` (no index); kept as is.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, f.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath)
        errs.push(
          fieldErrors.invalid(
            p.child('subPathExpr'),
            m.subPathExpr,
            'subPathExpr and subPath are mutually exclusive',
          ),
        );
      errs.push(...validateLocalDescendingPath(m.subPathExpr, f.child('subPathExpr')));
    }
    if (m.mountPropagation) {
      const mp = f.child('mountPropagation');
      if (!PROPAGATIONS.includes(m.mountPropagation))
        errs.push(fieldErrors.notSupported(mp, m.mountPropagation, PROPAGATIONS));
      if (m.mountPropagation === 'Bidirectional' && !privileged)
        errs.push(
          fieldErrors.forbidden(
            mp,
            'Bidirectional mount propagation is available only to privileged containers',
          ),
        );
    }
    if (m.recursiveReadOnly && m.recursiveReadOnly !== 'Disabled') {
      const rp = f.child('recursiveReadOnly');
      if (m.recursiveReadOnly !== 'Enabled' && m.recursiveReadOnly !== 'IfPossible')
        errs.push(fieldErrors.notSupported(rp, m.recursiveReadOnly, ['Disabled', 'Enabled', 'IfPossible']));
      else {
        if (!m.readOnly) errs.push(fieldErrors.forbidden(rp, 'may only be specified when readOnly is true'));
        if (m.mountPropagation && m.mountPropagation !== 'None')
          errs.push(
            fieldErrors.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'),
          );
      }
    }
  });
  return errs;
}

export function validateDevices(
  c: Container,
  ctx: { volumes: Map<string, Volume> },
  f: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const paths = new Set<string>();
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const mountPaths = new Set(mounts.values());
  (c.volumeDevices ?? []).forEach((d, i) => {
    const p = f.index(i);
    const vol = ctx.volumes.get(d.name);
    if (!d.name) errs.push(fieldErrors.required(p.child('name')));
    if (names.has(d.name)) errs.push(fieldErrors.invalid(p.child('name'), d.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral)
      errs.push(
        fieldErrors.invalid(
          p.child('name'),
          d.name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    if (!vol) errs.push(fieldErrors.notFound(p.child('name'), d.name ?? ''));
    if (!d.devicePath) errs.push(fieldErrors.required(p.child('devicePath')));
    if (paths.has(d.devicePath))
      errs.push(fieldErrors.invalid(p.child('devicePath'), d.devicePath, 'must be unique'));
    if (d.devicePath && validatePathNoBacksteps(d.devicePath, p).length)
      errs.push(fieldErrors.invalid(p.child('devicePath'), d.devicePath, "can not contain backsteps ('..')"));
    else paths.add(d.devicePath);
    if (mounts.has(d.name))
      errs.push(fieldErrors.invalid(p.child('name'), d.name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(d.devicePath))
      errs.push(
        fieldErrors.invalid(
          p.child('devicePath'),
          d.devicePath,
          'must not already exist as a path in volumeMounts',
        ),
      );
    if (d.name) names.add(d.name);
  });
  return errs;
}
