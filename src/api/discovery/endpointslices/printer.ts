/**
 * @module api/discovery/endpointslices/printer
 * The endpoint slice table: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. PORTS and ENDPOINTS show at
 * most three entries then ` + N more...`, and `<unset>` when empty.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of an EndpointSlice this printer reads. */
export interface EndpointSliceView extends KubeObject {
  addressType?: string;
  ports?: { port?: number | null; name?: string | null }[] | null;
  endpoints?: { addresses?: string[] }[] | null;
}

const MAX_SHOWN = 3;

function listWithMore(items: string[]): string {
  if (items.length > MAX_SHOWN) {
    return `${items.slice(0, MAX_SHOWN).join(',')} + ${items.length - MAX_SHOWN} more...`;
  }
  return items.length ? items.join(',') : '<unset>';
}

/** Port numbers; a port without a number shows its name, and one with neither shows `*`. */
export function formatSlicePorts(ports: EndpointSliceView['ports']): string {
  return listWithMore(
    (ports ?? []).map((p) => (typeof p.port === 'number' ? String(p.port) : (p.name ?? '*'))),
  );
}

/** Every address of every endpoint, in order. */
export function formatSliceEndpoints(endpoints: EndpointSliceView['endpoints']): string {
  return listWithMore((endpoints ?? []).flatMap((e) => e.addresses ?? []));
}

export const printer: TablePrinter<EndpointSliceView> = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the endpoint slice.', priority: 0 },
    { name: 'AddressType', type: 'string', description: 'IPv4, IPv6 or FQDN.', priority: 0 },
    { name: 'Ports', type: 'string', description: 'Ports every endpoint in the slice serves.', priority: 0 },
    {
      name: 'Endpoints',
      type: 'string',
      description: 'Addresses of the endpoints in the slice.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the endpoint slice was created.', priority: 0 },
  ],
  row(es, now) {
    return {
      cells: [
        es.metadata.name ?? '',
        es.addressType ?? '',
        formatSlicePorts(es.ports),
        formatSliceEndpoints(es.endpoints),
        translateTimestampSince(es.metadata.creationTimestamp, now),
      ],
    };
  },
};
