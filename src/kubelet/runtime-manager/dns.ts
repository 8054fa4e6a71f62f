/**
 * @module kubelet/runtime-manager/dns
 * The pod's resolver configuration (the sandbox's dnsConfig), as upstream's kubelet
 * network/dns Configurer.GetPodDNS:
 * - the base is the host's resolv.conf (nameservers accumulate; the last `search` line wins and
 *   its domains lose a trailing dot; `options` lines accumulate, a later option overriding an
 *   earlier one of the same name);
 * - `ClusterFirst` (and `ClusterFirstWithHostNet`): the cluster DNS servers only, searches
 *   `<ns>.svc.<domain> svc.<domain> <domain>` then the host's, options `ndots:5`;
 *   a hostNetwork pod with `ClusterFirst` falls back to `Default`;
 * - `Default`: the host's settings (with no resolv.conf: 127.0.0.1 and search `.`);
 * - `None`: nothing but the pod's dnsConfig;
 * - then pod.spec.dnsConfig is appended (duplicates dropped, options by name overriding) and the
 *   result cut to 3 nameservers and 32 search domains / 2048 characters, with upstream's
 *   DNSConfigForming warning text.
 */
import type { Pod } from '../../api/core/pods/types.js';

export interface DnsConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface DnsSettings {
  /** Cluster DNS server IPs; empty = none configured (ClusterFirst then falls back to Default). */
  clusterDNS: string[];
  clusterDomain: string;
  /** The host's resolv.conf text; undefined when the kubelet uses none (`--resolv-conf=""`). */
  hostResolvConf: string | undefined;
  /** Node IPs (for the no-resolv.conf fallback: 127.0.0.1 or ::1). */
  nodeIPs: string[];
}

export const MAX_NAMESERVERS = 3;
export const MAX_SEARCH_PATHS = 32;
export const MAX_SEARCH_CHARS = 2048;
const MAX_SEARCH_PATH_LENGTH = 253;

/** Upstream's parseResolvConf. */
export function parseResolvConf(text: string): DnsConfig {
  const out: DnsConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const fields = line.split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    if (fields[0] === 'nameserver' && fields.length >= 2) out.servers.push(fields[1]);
    if (fields[0] === 'search')
      out.searches = fields
        .slice(1)
        .filter((s) => s !== '.')
        .map((s) => s.replace(/\.$/, ''));
    if (fields[0] === 'options')
      out.options = mergeOptions(
        out.options,
        fields.slice(1).map((o) => {
          const i = o.indexOf(':');
          return i < 0 ? { name: o } : { name: o.slice(0, i), value: o.slice(i + 1) };
        }),
      );
  }
  return out;
}

const unique = (xs: string[]) => [...new Set(xs)];

function mergeOptions(existing: string[], pod: { name?: string; value?: string }[]): string[] {
  const map = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) map.set(op.slice(0, i), op.slice(i + 1));
    else map.set(op, '');
  }
  for (const op of pod) map.set(op.name ?? '', op.value ?? '');
  return [...map].map(([k, v]) => (v ? `${k}:${v}` : k));
}

type DnsType = 'cluster' | 'host' | 'none';

function podDnsType(pod: Pod): DnsType {
  switch (pod.spec.dnsPolicy ?? 'ClusterFirst') {
    case 'None':
      return 'none';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'Default':
      return 'host';
    case 'ClusterFirst':
      return pod.spec.hostNetwork ? 'host' : 'cluster';
    default:
      return 'cluster';
  }
}

export interface PodDnsResult {
  config: DnsConfig;
  /** DNSConfigForming / MissingClusterDNS warnings for the pod. */
  warnings: { reason: string; message: string }[];
}

/** Upstream's GetPodDNS. */
export function podDnsConfig(pod: Pod, s: DnsSettings): PodDnsResult {
  const warnings: PodDnsResult['warnings'] = [];
  let cfg: DnsConfig =
    s.hostResolvConf === undefined
      ? { servers: [], searches: [], options: [] }
      : parseResolvConf(s.hostResolvConf);
  let type = podDnsType(pod);
  if (type === 'cluster' && s.clusterDNS.length === 0) {
    warnings.push({
      reason: 'MissingClusterDNS',
      message:
        `pod: "${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})". ` +
        'kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. ' +
        'Falling back to "Default" policy.',
    });
    type = 'host';
  }
  if (type === 'none') cfg = { servers: [], searches: [], options: [] };
  else if (type === 'cluster') {
    const ns = pod.metadata.namespace ?? 'default';
    const d = s.clusterDomain;
    cfg = {
      servers: [...s.clusterDNS],
      searches: d ? unique([`${ns}.svc.${d}`, `svc.${d}`, d, ...cfg.searches]) : cfg.searches,
      options: ['ndots:5'],
    };
  } else if (s.hostResolvConf === undefined) {
    const servers = s.nodeIPs.map((ip) => (ip.includes(':') ? '::1' : '127.0.0.1'));
    cfg = { servers: servers.length ? servers : ['127.0.0.1'], searches: ['.'], options: cfg.options };
  }
  const pd = pod.spec.dnsConfig;
  if (pd) {
    cfg = {
      servers: unique([...cfg.servers, ...(pd.nameservers ?? [])]),
      searches: unique([...cfg.searches, ...(pd.searches ?? [])]),
      options: mergeOptions(cfg.options, pd.options ?? []),
    };
  }
  if (cfg.servers.length > MAX_NAMESERVERS) {
    cfg.servers = cfg.servers.slice(0, MAX_NAMESERVERS);
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${cfg.servers.join(' ')}`,
    });
  }
  cfg.searches = fitSearches(cfg.searches, warnings);
  return { config: cfg, warnings };
}

function fitSearches(searches: string[], warnings: PodDnsResult['warnings']): string[] {
  let exceeded = false;
  let out = searches;
  if (out.length > MAX_SEARCH_PATHS) {
    out = out.slice(0, MAX_SEARCH_PATHS);
    exceeded = true;
  }
  const kept = out.filter((x) => x.length <= MAX_SEARCH_PATH_LENGTH);
  if (kept.length !== out.length) exceeded = true;
  out = kept;
  while (out.join(' ').length > MAX_SEARCH_CHARS) {
    out = out.slice(0, -1);
    exceeded = true;
  }
  if (exceeded)
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${out.join(' ')}`,
    });
  return out;
}

/** systemd-resolved's stub listener: useless inside a pod's network namespace. */
const RESOLVED_STUB = /^\s*nameserver\s+127\.0\.0\.53\s*$/m;
const RESOLVED_UPSTREAM_CONF = '/run/systemd/resolve/resolv.conf';

export interface DnsConfigurerOptions {
  clusterDNS: string[];
  clusterDomain: string;
  /** The host's resolver file; `''` = none. */
  resolvConf: string;
  nodeIPs: string[];
  nowMs: () => number;
  /** Synchronous on purpose: a small file read at most once a minute, with no await between syncs. */
  readFile: (path: string) => string;
}

/**
 * `podDnsConfig` with the host's resolv.conf read at most once a minute (a sim node with
 * thousands of pods reads it once). When the file only names systemd-resolved's stub
 * (127.0.0.53), the upstream servers' file is used, as k3s does.
 */
export function createDnsConfigurer(o: DnsConfigurerOptions): (pod: Pod) => PodDnsResult {
  let cached: { text: string | undefined; atMs: number } | undefined;
  const hostText = (): string | undefined => {
    if (!o.resolvConf) return undefined;
    if (cached && o.nowMs() - cached.atMs < 60_000) return cached.text;
    let text: string | undefined;
    try {
      text = o.readFile(o.resolvConf);
      if (RESOLVED_STUB.test(text) && parseResolvConf(text).servers.every((s) => s === '127.0.0.53')) {
        try {
          text = o.readFile(RESOLVED_UPSTREAM_CONF);
        } catch {
          // No systemd-resolved upstream file: keep the stub.
        }
      }
    } catch {
      text = '';
    }
    cached = { text, atMs: o.nowMs() };
    return text;
  };
  return (pod) =>
    podDnsConfig(pod, {
      clusterDNS: o.clusterDNS,
      clusterDomain: o.clusterDomain,
      hostResolvConf: hostText(),
      nodeIPs: o.nodeIPs,
    });
}
