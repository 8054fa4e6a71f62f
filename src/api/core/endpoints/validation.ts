/**
 * @module api/core/endpoints/validation
 * core/v1 Endpoints validation (upstream ValidateEndpoints): every subset has addresses, addresses
 * are usable IPs, ports are valid and named when there are several.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isDNS1123Label,
  isQualifiedName,
  isValidIP,
  isValidPortNum,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { SUPPORTED_PORT_PROTOCOLS, validateNonSpecialIP } from '../common/checks.js';
import { validateMeta, validateMetaUpdate } from '../common/meta.js';
import type { EndpointAddress, EndpointPort, Endpoints } from './types.js';

function validateAddress(a: EndpointAddress, f: FieldPath): FieldError[] {
  const errs = isValidIP(f.child('ip'), a.ip ?? '');
  if (a.hostname) errs.push(...invalidEach(f.child('hostname'), a.hostname, isDNS1123Label(a.hostname)));
  if (a.nodeName != null)
    errs.push(...invalidEach(f.child('nodeName'), a.nodeName, nameIsDNSSubdomain(a.nodeName, false)));
  errs.push(...validateNonSpecialIP(a.ip ?? '', f.child('ip')));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, f: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fieldErrors.required(f.child('name'), ''));
  else if (p.name) errs.push(...invalidEach(f.child('name'), p.name, isDNS1123Label(p.name)));
  errs.push(...invalidEach(f.child('port'), p.port ?? 0, isValidPortNum(p.port ?? 0)));
  if (!p.protocol) errs.push(fieldErrors.required(f.child('protocol'), ''));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(p.protocol))
    errs.push(fieldErrors.notSupported(f.child('protocol'), p.protocol, SUPPORTED_PORT_PROTOCOLS));
  if (p.appProtocol != null)
    errs.push(...invalidEach(f.child('appProtocol'), p.appProtocol, isQualifiedName(p.appProtocol)));
  return errs;
}

function validateSubsets(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = FieldPath.root('subsets').index(i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length)
      errs.push(fieldErrors.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) =>
      errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))),
    );
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validatePort(port, ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}

export function validateCreate(ep: Endpoints): FieldError[] {
  return [...validateMeta(ep.metadata, true, nameIsDNSSubdomain), ...validateSubsets(ep)];
}

export function validateUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateMetaUpdate(ep.metadata, old.metadata), ...validateCreate(ep)];
}
