/**
 * @module runtime/sim/ip-pool
 * Hands out pod IPs from a node's IPv4 pod CIDR, as host-local IPAM does: the first address after
 * the network address is the bridge gateway, the broadcast address is never used. Released
 * addresses are reused only after the rest of the range (so a new pod rarely gets a just-freed IP).
 */

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`invalid IPv4 address "${ip}"`);
  }
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class IpPool {
  private readonly first: number;
  private readonly last: number;
  private next: number;
  private readonly free: number[] = [];
  private readonly used = new Set<number>();

  /** `cidr` like `10.42.1.0/24` (prefix at most /30). Throws on a malformed CIDR. */
  constructor(readonly cidr: string) {
    const [addr, bitsText] = cidr.split('/');
    const bits = Number(bitsText);
    if (!addr || !Number.isInteger(bits) || bits < 0 || bits > 30)
      throw new Error(`invalid pod CIDR "${cidr}"`);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const network = (ipToInt(addr) & mask) >>> 0;
    const broadcast = (network | (~mask >>> 0)) >>> 0;
    this.first = network + 2;
    this.last = broadcast - 1;
    this.next = this.first;
  }

  /** The range as host-local reports it in errors (`10.42.1.1-10.42.1.254`). */
  get range(): string {
    return `${intToIp(this.first - 1)}-${intToIp(this.last)}`;
  }

  /** A free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    let n: number | undefined;
    if (this.next <= this.last) n = this.next++;
    else n = this.free.shift();
    if (n === undefined) return undefined;
    this.used.add(n);
    return intToIp(n);
  }

  /** Returns an address to the pool; unknown addresses are ignored. */
  release(ip: string): void {
    if (!ip) return;
    const n = ipToInt(ip);
    if (this.used.delete(n)) this.free.push(n);
  }
}
