/**
 * @module cluster/options
 * `kubeling up|server` options: what the user passes → resolveServerOptions() → ResolvedServerOptions.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServerOptions {
  /** Default `~/.kubeling`. */
  dataDir?: string;
  /** HTTPS port; default 6443. 0 picks a free port. */
  port?: number;
  /** Listen address; default 0.0.0.0. */
  host?: string;
  /** `sqlite:PATH` (default `sqlite:DATA_DIR/state.db`) or `etcd://HOST:PORT[,…]`. */
  datastore?: string;
  /** Default 10.43.0.0/16. */
  serviceCidr?: string;
  /** Pod range split into a /24 per node; default 10.42.0.0/16. */
  clusterCidr?: string;
  /** Default 30000-32767. */
  nodePortRange?: string;
  /** Default cluster.local. */
  clusterDomain?: string;
  /** Log level; default info. */
  logLevel?: string;
  /** Do not run the scheduler (as k3s's --disable-scheduler); default false. */
  disableScheduler?: boolean;
}

export interface ResolvedServerOptions {
  dataDir: string;
  port: number;
  host: string;
  datastore: string;
  serviceCidr: string;
  clusterCidr: string;
  nodePortRange: [number, number];
  clusterDomain: string;
  logLevel: string;
  kubeconfigPath: string;
  disableScheduler: boolean;
}

export class OptionError extends Error {}

export function resolveServerOptions(o: ServerOptions): Readonly<ResolvedServerOptions> {
  const dataDir = resolve(o.dataDir ?? join(homedir(), '.kubeling'));
  const port = o.port ?? 6443;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new OptionError(`--port: invalid port ${o.port}`);
  const range = (o.nodePortRange ?? '30000-32767').split('-').map(Number);
  if (range.length !== 2 || !range.every(Number.isInteger) || range[0] > range[1]) {
    throw new OptionError(`--service-node-port-range: expected MIN-MAX, got ${o.nodePortRange}`);
  }
  const serviceCidr = o.serviceCidr ?? '10.43.0.0/16';
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(serviceCidr))
    throw new OptionError(`--service-cidr: expected an IPv4 CIDR, got ${serviceCidr}`);
  const clusterCidr = o.clusterCidr ?? '10.42.0.0/16';
  const cc = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(clusterCidr);
  if (!cc || cc.slice(1, 5).some((n) => Number(n) > 255) || Number(cc[5]) > 24)
    throw new OptionError(`--cluster-cidr: expected an IPv4 CIDR of /24 or larger, got ${clusterCidr}`);
  return Object.freeze({
    dataDir,
    clusterCidr,
    port,
    host: o.host ?? '0.0.0.0',
    datastore: o.datastore ?? `sqlite:${join(dataDir, 'state.db')}`,
    serviceCidr,
    nodePortRange: [range[0], range[1]] as [number, number],
    clusterDomain: o.clusterDomain ?? 'cluster.local',
    logLevel: o.logLevel ?? 'info',
    kubeconfigPath: join(dataDir, 'kubeconfig'),
    disableScheduler: o.disableScheduler ?? false,
  });
}

/** The first usable address of a CIDR: the `kubernetes` Service's ClusterIP (10.43.0.1). */
export function firstServiceIP(cidr: string): string {
  const [ip] = cidr.split('/');
  const n =
    ip
      .split('.')
      .map(Number)
      .reduce((a, b) => a * 256 + b, 0) + 1;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
