/**
 * @module api/core/nodes/validation
 * core/v1 Node validation (upstream ValidateNode / ValidateNodeUpdate): taints, resource
 * quantities in status, pod CIDRs (set once), provider ID (set once), unique addresses.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  ipFamily,
  isValidCIDR,
  isValidLabelValue,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { validateLabelName } from '../../../machinery/validation/object-meta.js';
import { GoFieldError } from '../common/go-value.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import { validateResourceQuantityValue } from '../common/resources.js';
import type { Node, Taint } from './types.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function goTaint(t: Taint): string {
  const q = JSON.stringify;
  return `core.Taint{Key:${q(t.key ?? '')}, Value:${q(t.value ?? '')}, Effect:${q(t.effect ?? '')}, TimeAdded:<nil>}`;
}

/** Upstream validateNodeTaints (note: reported under `metadata.taints`, as upstream does). */
export function validateTaints(taints: Taint[], f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = f.index(i);
    errs.push(...validateLabelName(t.key ?? '', p.child('key')));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length)
      errs.push(fieldErrors.invalid(p.child('value'), t.value ?? '', valueErrs.join(';')));
    if (!t.effect) errs.push(fieldErrors.required(p.child('effect'), ''));
    else if (!EFFECTS.includes(t.effect))
      errs.push(fieldErrors.notSupported(p.child('effect'), t.effect, EFFECTS));
    const keys = seen.get(t.effect ?? '') ?? new Set<string>();
    if (keys.has(t.key)) {
      errs.push(
        new GoFieldError(
          'FieldValueDuplicate',
          p.toString(),
          goTaint(t),
          'taints must be unique by key and effect pair',
        ),
      );
      return;
    }
    keys.add(t.key);
    seen.set(t.effect ?? '', keys);
  });
  return errs;
}

function validateResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['capacity', 'allocatable'] as const)
    for (const [k, v] of Object.entries(node.status?.[kind] ?? {}))
      errs.push(...validateResourceQuantityValue(k, v, FieldPath.root('status').child(kind, k)));
  return errs;
}

function validatePodCIDRs(cidrs: string[]): FieldError[] {
  const f = FieldPath.root('spec').child('podCIDRs');
  const errs = cidrs.flatMap((c, i) => isValidCIDR(f.index(i), c));
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => ipFamily(c.split('/')[0]));
    const dual = cidrs.length === 2 && fams[0] !== fams[1];
    if (!dual)
      errs.push(
        new GoFieldError(
          'FieldValueInvalid',
          f.toString(),
          `[]string{${cidrs.map((c) => JSON.stringify(c)).join(', ')}}`,
          'may specify no more than one CIDR for each IP family',
        ),
      );
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fieldErrors.duplicate(f.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateCreate(node: Node): FieldError[] {
  const meta = FieldPath.root('metadata');
  const errs = validateMeta(node.metadata, false, nameIsDNSSubdomain);
  if (node.spec?.taints?.length) errs.push(...validateTaints(node.spec.taints, meta.child('taints')));
  errs.push(...validateResources(node));
  if (node.spec?.podCIDRs?.length) errs.push(...validatePodCIDRs(node.spec.podCIDRs));
  return errs;
}

const CIDR_MSG = 'node updates may not change podCIDR except from "" to valid';

export function validateUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateMetaUpdate(node.metadata, old.metadata);
  errs.push(...validateResources(node));
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}\u0000${a.address}`;
    if (seen.has(key))
      errs.push(
        new GoFieldError(
          'FieldValueDuplicate',
          FieldPath.root('status').child('addresses').index(i).toString(),
          `core.NodeAddress{Type:${JSON.stringify(a.type)}, Address:${JSON.stringify(a.address)}}`,
          '',
        ),
      );
    seen.add(key);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length) {
    const cidrPath = FieldPath.root('spec').child('podCIDRs');
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fieldErrors.forbidden(cidrPath, CIDR_MSG));
    else
      oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(fieldErrors.forbidden(cidrPath, CIDR_MSG)));
  }
  const oldProvider = old.spec?.providerID ?? '';
  if (oldProvider && oldProvider !== (node.spec?.providerID ?? ''))
    errs.push(
      fieldErrors.forbidden(
        FieldPath.root('spec').child('providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  if (node.spec?.taints?.length)
    errs.push(...validateTaints(node.spec.taints, FieldPath.root('metadata').child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? ''))
    errs.push(fieldErrors.forbidden(FieldPath.root('spec').child('externalID'), 'may not be updated'));
  return errs;
}

/** Status writes go through the same rules as spec writes for Nodes. */
export const validateStatusUpdate = validateUpdate;
