/**
 * @module runtime/oci/cni
 * Pod networking by the real CNI plugins (Debian's containernetworking-plugins), called as the CNI
 * spec says: the plugin binary with CNI_* variables and the network config on stdin. A node has
 * one network: `loopback` for `lo`, then the chain `bridge` (host-local IPAM from the node's pod
 * CIDR) → `portmap` (hostPort) for `eth0`. DEL runs the chain backwards with the ADD result.
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

  /** Sets up `lo` and `eth0` in the namespace; resolves with the chain's final result. */
  async add(net: CniNetwork, c: CniCall): Promise<CniResult> {
    await this.call(
      'ADD',
      { type: 'loopback' },
      { name: 'cni-loopback', cniVersion: net.cniVersion },
      c,
      'lo',
    );
    let result: CniResult | undefined;
    for (const plugin of net.plugins)
      result = (await this.call('ADD', plugin, net, c, 'eth0', result)) ?? result;
    return result ?? {};
  }

  /** Tears the chain down (backwards); missing namespaces and leases are fine, as the spec asks. */
  async del(net: CniNetwork, c: CniCall, prevResult?: CniResult): Promise<void> {
    let first: Error | undefined;
    for (const plugin of [...net.plugins].reverse()) {
      await this.call('DEL', plugin, net, c, 'eth0', prevResult).catch((e: Error) => (first ??= e));
    }
    if (first) throw first;
  }
}

/** The pod IP (without prefix) from a CNI result. */
export function podIP(result: CniResult): string {
  const addr = result.ips?.find((ip) => !ip.address.includes(':'))?.address ?? result.ips?.[0]?.address ?? '';
  return addr.split('/')[0];
}
