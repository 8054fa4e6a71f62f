/**
 * @module api/core/endpoints/printer
 * The endpoints table: NAME ENDPOINTS AGE. ENDPOINTS shows at most three `ip:port` entries and
 * then ` + N more...`; ready addresses only.
 */
import type { KubeObject } from '../../../machinery/meta.js';
import { translateTimestampSince } from '../../../machinery/duration.js';
import type { TablePrinter } from '../../types.js';

/** The fields of an Endpoints object this printer reads. */
export interface EndpointsView extends KubeObject {
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

const MAX_SHOWN = 3;

/** Like Go's net.JoinHostPort: IPv6 addresses get brackets. */
function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function formatEndpoints(ep: EndpointsView): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    // A subset without ports (headless service without ports) lists bare IPs.
    const entries = ss.ports?.length
      ? ss.ports.map((p) => (ip: string) => hostPort(ip, p.port))
      : [(ip: string) => ip];
    for (const render of entries) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true;
          break;
        }
        list.push(render(a.ip));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - MAX_SHOWN} more...` : text;
}

export const printer: TablePrinter<EndpointsView> = {
  columns: [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name of the endpoints object.',
      priority: 0,
    },
    {
      name: 'Endpoints',
      type: 'string',
      description: 'Ready addresses and ports behind the service.',
      priority: 0,
    },
    { name: 'Age', type: 'string', description: 'Time since the endpoints object was created.', priority: 0 },
  ],
  row(ep, now) {
    return {
      cells: [
        ep.metadata.name ?? '',
        formatEndpoints(ep),
        translateTimestampSince(ep.metadata.creationTimestamp, now),
      ],
    };
  },
};
