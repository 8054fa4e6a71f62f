/**
 * @module api/discovery/endpointslices/validation
 * discovery/v1 EndpointSlice validation (upstream pkg/apis/discovery/validation): a known,
 * immutable address type, at most 1000 endpoints of 1–100 addresses each, addresses of the slice's
 * type, and well-formed, uniquely named ports.
 */
import { FieldPath, fieldErrors, type FieldError } from '../../../machinery/field-errors.js';
import {
  invalidEach,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidIPv4Address,
  isValidIPv6Address,
  nameIsDNSSubdomain,
} from '../../../machinery/validation/names.js';
import { validateLabels } from '../../../machinery/validation/object-meta.js';
import {
  SUPPORTED_PORT_PROTOCOLS,
  validateImmutableField,
  validateNonSpecialIP,
} from '../../core/common/checks.js';
import { validateMeta, validateMetaUpdate } from '../../core/common/meta.js';
import type { EndpointSlice } from './types.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;

function validateFQDN(f: FieldPath, value: string): FieldError[] {
  if (!value) return [fieldErrors.required(f, '')];
  const errs = invalidEach(f, value, isDNS1123Subdomain(value.toLowerCase()));
  if (!errs.length && !value.includes('.'))
    errs.push(
      fieldErrors.invalid(f, value, 'should be a domain with at least two segments separated by dots'),
    );
  return errs;
}

function validateEndpoints(slice: EndpointSlice): FieldError[] {
  const f = FieldPath.root('endpoints');
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) return [fieldErrors.tooMany(f, endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = f.index(i);
    const ap = p.child('addresses');
    const addrs = ep.addresses ?? [];
    if (!addrs.length) errs.push(fieldErrors.required(ap, 'must contain at least 1 address'));
    else if (addrs.length > MAX_ADDRESSES) errs.push(fieldErrors.tooMany(ap, addrs.length, MAX_ADDRESSES));
    addrs.forEach((a, j) => {
      const aj = ap.index(j);
      if (slice.addressType === 'IPv4') {
        const e = isValidIPv4Address(aj, a);
        errs.push(...(e.length ? e : validateNonSpecialIP(a, aj)));
      } else if (slice.addressType === 'IPv6') {
        const e = isValidIPv6Address(aj, a);
        errs.push(...(e.length ? e : validateNonSpecialIP(a, aj)));
      } else if (slice.addressType === 'FQDN') errs.push(...validateFQDN(aj, a));
    });
    if (ep.nodeName != null)
      errs.push(...invalidEach(p.child('nodeName'), ep.nodeName, nameIsDNSSubdomain(ep.nodeName, false)));
    const tp = p.child('deprecatedTopology');
    const topo = ep.deprecatedTopology ?? {};
    if (Object.keys(topo).length > MAX_TOPOLOGY_LABELS)
      errs.push(fieldErrors.tooMany(tp, Object.keys(topo).length, MAX_TOPOLOGY_LABELS));
    errs.push(...validateLabels(topo, tp));
    if (ep.hostname != null)
      errs.push(...invalidEach(p.child('hostname'), ep.hostname, isDNS1123Label(ep.hostname)));
    const zones = ep.hints?.forZones ?? [];
    const zp = p.child('hints').child('forZones');
    if (zones.length > MAX_ZONE_HINTS) errs.push(fieldErrors.tooMany(zp, zones.length, MAX_ZONE_HINTS));
    else {
      const seen = new Set<string>();
      zones.forEach((z, j) => {
        if (seen.has(z.name)) errs.push(fieldErrors.duplicate(zp.index(j), z.name));
        seen.add(z.name);
      });
    }
  });
  return errs;
}

function validatePorts(slice: EndpointSlice): FieldError[] {
  const f = FieldPath.root('ports');
  const ports = slice.ports ?? [];
  if (ports.length > MAX_PORTS) return [fieldErrors.tooMany(f, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = f.index(i);
    const name = port.name ?? '';
    if (name) errs.push(...invalidEach(p.child('name'), name, isDNS1123Label(name)));
    if (names.has(name)) errs.push(fieldErrors.duplicate(p.child('name'), name));
    else names.add(name);
    if (port.protocol == null) errs.push(fieldErrors.required(p.child('protocol'), ''));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(port.protocol))
      errs.push(fieldErrors.notSupported(p.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    if (port.appProtocol != null)
      errs.push(...invalidEach(p.child('appProtocol'), port.appProtocol, isQualifiedName(port.appProtocol)));
  });
  return errs;
}

function validateAddressType(t: string | undefined): FieldError[] {
  const f = FieldPath.root('addressType');
  if (!t) return [fieldErrors.required(f, '')];
  return ADDRESS_TYPES.includes(t) ? [] : [fieldErrors.notSupported(f, t, ADDRESS_TYPES)];
}

function validateSlice(slice: EndpointSlice): FieldError[] {
  return [
    ...validateMeta(slice.metadata, true, nameIsDNSSubdomain),
    ...validateAddressType(slice.addressType),
    ...validateEndpoints(slice),
    ...validatePorts(slice),
  ];
}

export function validateCreate(slice: EndpointSlice): FieldError[] {
  return validateSlice(slice);
}

/** The whole slice is re-validated; addressType stays fixed. */
export function validateUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [
    ...validateSlice(slice),
    ...validateMetaUpdate(slice.metadata, old.metadata),
    ...validateImmutableField(slice.addressType ?? '', old.addressType ?? '', FieldPath.root('addressType')),
  ];
}
