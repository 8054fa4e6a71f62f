/**
 * @module runtime/oci/cni
 * Pod networking by the real CNI plugins (Debian's containernetworking-plugins), called as the CNI
 * spec says: the plugin binary with CNI_* variables and the network config on stdin. A node has
 * one network for `eth0`: the chain `bridge` (host-local IPAM from the node's pod CIDR) →
 * `portmap` (hostPort). DEL runs the chain backwards with the ADD result. A plugin for port
 * mappings runs only for a pod that has some (each plugin run costs a process), and `lo` is
 * brought up where the namespace is made (./sandbox.ts) rather than by the `loopback` plugin.
 */
import { join } from 'node:path';
import { CommandError, run } from './command.js';
import type { PortMapping } from '../interface.js';

export const CNI_VERSION = '1.0.0';

export interface NodeNetworkOptions {
  /** The bridge's name (at most 15 characters). */
  bridge: string;
  /** This node's pod range, e.g. `10.42.0.0/24`; the bridge takes its first address. */
  podCidr: string;
  /** host-local's lease directory. */
  ipamDir: string;
  /** Masquerade pod traffic leaving the node (egress). */
  ipMasq: boolean;
}

export interface CniNetwork {
  cniVersion: string;
  name: string;
  plugins: Record<string, unknown>[];
}

export function nodeNetwork(o: NodeNetworkOptions): CniNetwork {
  return {
    cniVersion: CNI_VERSION,
    name: 'kubeling',
    plugins: [
      {
        type: 'bridge',
        bridge: o.bridge,
        isGateway: true,
        ipMasq: o.ipMasq,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          ranges: [[{ subnet: o.podCidr }]],
          routes: [{ dst: '0.0.0.0/0' }],
          dataDir: o.ipamDir,
        },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}

export interface CniCall {
  containerId: string;
  netns: string;
  portMappings: PortMapping[];
  /** Added to the plugins' niceness (19 for networks prepared in the background). */
  nice?: number;
}

export interface CniResult {
  ips?: { address: string; gateway?: string }[];
  [k: string]: unknown;
}

export class CniError extends Error {}

export class CniPlugins {
  constructor(readonly binDir = '/usr/lib/cni') {}

  private async call(
    command: 'ADD' | 'DEL' | 'CHECK',
    plugin: Record<string, unknown>,
    net: { name: string; cniVersion: string },
    c: CniCall,
    ifname: string,
    prevResult?: CniResult,
  ): Promise<CniResult | undefined> {
    const conf: Record<string, unknown> = { ...plugin, name: net.name, cniVersion: net.cniVersion };
    if (prevResult) conf.prevResult = prevResult;
    if ((plugin.capabilities as Record<string, boolean> | undefined)?.portMappings)
      conf.runtimeConfig = {
        portMappings: c.portMappings.map((p) => ({
          hostPort: p.hostPort,
          containerPort: p.containerPort,
          protocol: p.protocol.toLowerCase(),
          ...(p.hostIp ? { hostIP: p.hostIp } : {}),
        })),
      };
    const type = String(plugin.type);
    const r = await run(join(this.binDir, type), [], {
      input: JSON.stringify(conf),
      env: {
        PATH: process.env.PATH,
        CNI_COMMAND: command,
        CNI_CONTAINERID: c.containerId,
        CNI_NETNS: c.netns,
        CNI_IFNAME: ifname,
        CNI_PATH: this.binDir,
      },
      timeoutMs: 60_000,
      nice: c.nice,
    });
    if (r.code !== 0) {
      let msg = new CommandError(type, r).message;
      try {
        const e = JSON.parse(r.stdout.toString()) as { msg?: string; details?: string };
        if (e.msg) msg = e.details ? `${e.msg}: ${e.details}` : e.msg;
      } catch {
        // not JSON: the plain text is the message
      }
      throw new CniError(`plugin type="${type}" failed (${command.toLowerCase()}): ${msg}`);
    }
    const out = r.stdout.toString().trim();
    return out ? (JSON.parse(out) as CniResult) : undefined;
  }

  /** Runs the chain for `eth0` (port-mapping plugins only with mappings); resolves with its final result. */
  async add(net: CniNetwork, c: CniCall, prevResult?: CniResult, only?: 'portMappings'): Promise<CniResult> {
    let result = prevResult;
    for (const plugin of net.plugins) {
      const ports = isPortPlugin(plugin);
      if ((ports && !c.portMappings.length) || (only === 'portMappings' && !ports)) continue;
      result = (await this.call('ADD', plugin, net, c, 'eth0', result)) ?? result;
    }
    return result ?? {};
  }

  /** Adds a pod's port mappings to a namespace the rest of the chain already set up. */
  addPortMappings(net: CniNetwork, c: CniCall, prevResult: CniResult): Promise<CniResult> {
    return this.add(net, c, prevResult, 'portMappings');
  }

  /** Tears the chain down (backwards); missing namespaces and leases are fine, as the spec asks. */
  async del(net: CniNetwork, c: CniCall, prevResult?: CniResult): Promise<void> {
    let first: Error | undefined;
    for (const plugin of [...net.plugins].reverse()) {
      if (isPortPlugin(plugin) && !c.portMappings.length) continue;
      await this.call('DEL', plugin, net, c, 'eth0', prevResult).catch((e: Error) => (first ??= e));
    }
    if (first) throw first;
  }
}

function isPortPlugin(plugin: Record<string, unknown>): boolean {
  return !!(plugin.capabilities as Record<string, boolean> | undefined)?.portMappings;
}

/** The pod IP (without prefix) from a CNI result. */
export function podIP(result: CniResult): string {
  const addr = result.ips?.find((ip) => !ip.address.includes(':'))?.address ?? result.ips?.[0]?.address ?? '';
  return addr.split('/')[0];
}
