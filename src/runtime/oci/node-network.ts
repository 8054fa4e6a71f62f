/**
 * @module runtime/oci/node-network
 * What the node's pod network needs beyond the CNI plugins: the service range routed to a
 * blackhole (so no packet for a ClusterIP can leave the machine before a service proxy handles it;
 * a dummy device would do too, but not every kernel here has the dummy module), and — unless
 * egress is allowed — a FORWARD rule dropping pod traffic that would leave through another
 * interface than the pod bridge.
 */
import { run, runOk } from './command.js';

export interface NodeNetworkSetup {
  bridge: string;
  serviceCidr: string;
  /** Pod traffic may leave the node (masqueraded). Default false. */
  egress: boolean;
}

/** A bridge name unique to a pod CIDR: `10.42.0.0/24` → `kl-0a2a00`. */
export function bridgeName(podCidr: string): string {
  const [a, b, c] = podCidr.split('/')[0].split('.').map(Number);
  return `kl-${[a, b, c].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

const dropRule = (bridge: string) => [
  'FORWARD', '-i', bridge, '!', '-o', bridge, '-m', 'comment', '--comment', `kubeling no egress ${bridge}`, '-j', 'DROP',
]; // prettier-ignore

export async function setUpNodeNetwork(s: NodeNetworkSetup): Promise<void> {
  // A metric of our own, so that two nodes on one machine (tests) each keep their own route.
  await runOk('ip', ['route', 'replace', 'blackhole', s.serviceCidr, 'metric', String(metricOf(s.bridge))]);
  if (!s.egress && (await run('iptables', ['-C', ...dropRule(s.bridge)])).code !== 0)
    await runOk('iptables', ['-I', ...dropRule(s.bridge)]);
}

/** Removes the route, the rule and the bridge (when no pod uses it any more). */
export async function tearDownNodeNetwork(
  s: Pick<NodeNetworkSetup, 'bridge' | 'serviceCidr'>,
): Promise<void> {
  while ((await run('iptables', ['-D', ...dropRule(s.bridge)])).code === 0);
  await run('ip', ['route', 'del', 'blackhole', s.serviceCidr, 'metric', String(metricOf(s.bridge))]);
  await run('ip', ['link', 'del', s.bridge]);
  await removeIdlePortmapChains();
}

/**
 * The portmap plugin's shared nat chains stay after its last pod is gone; once no hostPort rule
 * is left in them and no other kubeling node runs on this machine (no other `kl-` bridge), they
 * go too.
 */
async function removeIdlePortmapChains(): Promise<void> {
  const links = (await run('ip', ['-o', 'link', 'show', 'type', 'bridge'])).stdout.toString();
  if (/^\d+: kl-/m.test(links)) return;
  const rules = (await run('iptables', ['-t', 'nat', '-S', 'CNI-HOSTPORT-DNAT'])).stdout.toString();
  if (!rules || rules.split('\n').some((l) => l.startsWith('-A CNI-HOSTPORT-DNAT'))) return;
  const nat = (...args: string[]) => run('iptables', ['-t', 'nat', ...args]);
  await nat('-D', 'PREROUTING', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT');
  await nat('-D', 'OUTPUT', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'CNI-HOSTPORT-DNAT');
  await nat(
    '-D',
    'POSTROUTING',
    '-m',
    'comment',
    '--comment',
    'CNI portfwd requiring masquerade',
    '-j',
    'CNI-HOSTPORT-MASQ',
  );
  for (const chain of ['CNI-HOSTPORT-DNAT', 'CNI-HOSTPORT-MASQ', 'CNI-HOSTPORT-SETMARK']) {
    await nat('-F', chain);
    await nat('-X', chain);
  }
}

function metricOf(bridge: string): number {
  return 100 + (Number.parseInt(bridge.replace(/^kl-/, ''), 16) % 10_000);
}
