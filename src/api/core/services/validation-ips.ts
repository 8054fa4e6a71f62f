/**
 * @module api/core/services/validation-ips
 * The clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy rules of a Service (upstream
 * ValidateServiceClusterIPsRelatedFields and the upgrade/downgrade checks on update).
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import { ipFamily, isValidIP } from '../../../machinery/validation/names.js';
import { goErrors, goStringSlice } from '../common/go-value.js';
import type { Service } from './types.js';

const spec = FieldPath.root('spec');
const clusterIPsPath = spec.child('clusterIPs');
const ipFamiliesPath = spec.child('ipFamilies');
const policyPath = spec.child('ipFamilyPolicy');

export function isHeadless(svc: Service): boolean {
  const ips = svc.spec.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

export function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  const s = svc.spec;
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  const ipsGo = goStringSlice(s.clusterIPs);
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(fieldErrors.required(clusterIPsPath, ''));
    else if (ips[0] !== s.clusterIP)
      errs.push(goErrors.invalid(clusterIPsPath, ipsGo, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(goErrors.invalid(clusterIPsPath, ipsGo, 'must be empty when `clusterIP` is not specified'));
  }

  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (fam !== 'IPv4' && fam !== 'IPv6')
      errs.push(fieldErrors.notSupported(ipFamiliesPath.index(i), fam, ['IPv4', 'IPv6']));
    if (seen.has(fam)) errs.push(fieldErrors.duplicate(ipFamiliesPath.index(i), fam));
    seen.add(fam);
  });
  if (
    s.ipFamilyPolicy != null &&
    !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(s.ipFamilyPolicy)
  )
    errs.push(
      fieldErrors.notSupported(policyPath, s.ipFamilyPolicy, [
        'PreferDualStack',
        'RequireDualStack',
        'SingleStack',
      ]),
    );

  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(goErrors.invalid(clusterIPsPath, ipsGo, "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(clusterIPsPath.index(i), ip);
    if (e.length) invalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(goErrors.invalid(clusterIPsPath, ipsGo, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;

  if (ips.length > 1 && ipFamily(ips[0]) === ipFamily(ips[1]))
    errs.push(goErrors.invalid(clusterIPsPath, ipsGo, 'may specify no more than one IP for each IP family'));

  const fams = s.ipFamilies ?? [];
  if (!isHeadless(svc))
    ips.forEach((ip, i) => {
      if (i >= fams.length) return;
      const v6 = ipFamily(ip) === 6;
      if (fams[i] === 'IPv4' && v6)
        errs.push(
          fieldErrors.invalid(
            clusterIPsPath.index(i),
            ip,
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      if (fams[i] === 'IPv6' && !v6)
        errs.push(
          fieldErrors.invalid(
            clusterIPsPath.index(i),
            ip,
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
    });
  return errs;
}

const CHANGED = 'may not change once set';

/** clusterIPs may grow (dual-stack upgrade) or shrink (downgrade) but the primary never changes. */
export function validateClusterIPsUpdate(old: Service, svc: Service): FieldError[] {
  if (svc.spec.type === 'ExternalName' || old.spec.type === 'ExternalName') return [];
  if (isHeadless(old) && isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const before = old.spec.clusterIPs ?? [];
  const after = svc.spec.clusterIPs ?? [];
  const afterGo = goStringSlice(svc.spec.clusterIPs);
  if (before.length === after.length) {
    before.forEach((ip, i) => {
      if (ip !== after[i]) errs.push(goErrors.invalid(clusterIPsPath.index(i), afterGo, CHANGED));
    });
  } else if (before.length > after.length) {
    if (after.length === 0)
      errs.push(goErrors.invalid(clusterIPsPath.index(0), afterGo, 'primary clusterIP can not be unset'));
    if (before.length > 0 && after.length > 0 && after[0] !== before[0])
      errs.push(goErrors.invalid(clusterIPsPath.index(0), afterGo, CHANGED));
    if (after.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        fieldErrors.invalid(
          policyPath,
          svc.spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
  } else if (before.length > 0 && after[0] !== before[0]) {
    errs.push(goErrors.invalid(clusterIPsPath.index(0), afterGo, CHANGED));
  }
  return errs;
}

export function validateIPFamiliesUpdate(old: Service, svc: Service): FieldError[] {
  if (svc.spec.type === 'ExternalName' || old.spec.type === 'ExternalName') return [];
  if (isHeadless(old) || isHeadless(svc)) return [];
  const errs: FieldError[] = [];
  const before = old.spec.ipFamilies ?? [];
  const after = svc.spec.ipFamilies ?? [];
  const afterGo = goStringSlice(svc.spec.ipFamilies, 'core.IPFamily');
  const ipsGo = goStringSlice(svc.spec.clusterIPs);
  if (before.length === after.length) {
    before.forEach((fam, i) => {
      if (fam !== after[i]) errs.push(goErrors.invalid(ipFamiliesPath.index(0), afterGo, CHANGED));
    });
  } else if (before.length > after.length) {
    if ((svc.spec.clusterIPs ?? []).length === 0)
      errs.push(goErrors.invalid(ipFamiliesPath.index(0), afterGo, 'primary ipFamily can not be unset'));
    if (after.length > 0 && after[0] !== before[0])
      errs.push(goErrors.invalid(ipFamiliesPath.index(0), ipsGo, CHANGED));
    if (after.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        fieldErrors.invalid(
          policyPath,
          svc.spec.ipFamilyPolicy ?? null,
          "must be set to 'SingleStack' when releasing the secondary ipFamily",
        ),
      );
  } else if (before.length > 0 && after.length > 0 && after[0] !== before[0]) {
    errs.push(goErrors.invalid(ipFamiliesPath.index(0), ipsGo, CHANGED));
  }
  return errs;
}
