/**
 * @module api/core/services/service-ip
 * Pure models of the apiserver's two Service allocators: cluster IPs from the service CIDR
 * (default 10.43.0.0/16, IPv4) and NodePorts from a port range (default 30000–32767). They work on
 * an in-memory set of used values; the caller loads that set from storage and persists results.
 *
 * Like upstream, each range has a small static band at its low end that dynamic allocation only
 * uses once the rest is full, so that users can pick addresses there without collisions. The
 * failure texts match upstream's, so errors can be shown to kubectl users unchanged.
 */
import { FieldPath, type FieldError } from '../../../machinery/field-errors.js';
import { goErrors, goStringSlice } from '../common/go-value.js';
import { fieldErrors } from '../../../machinery/field-errors.js';

/** Returns a float in [0, 1); injectable so tests can be deterministic. */
export type RandomSource = () => number;

export type AllocateResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Picks a free offset in [0, size): the dynamic band first (randomly), then the static band. */
function pickFree(
  size: number,
  staticSize: number,
  used: (offset: number) => boolean,
  rand: RandomSource,
): number | undefined {
  const scan = (from: number, to: number): number | undefined => {
    const span = to - from;
    if (span <= 0) return undefined;
    const start = Math.floor(rand() * span);
    for (let i = 0; i < span; i++) {
      const off = from + ((start + i) % span);
      if (!used(off)) return off;
    }
    return undefined;
  };
  const band = Math.min(staticSize, size);
  return scan(band, size) ?? scan(0, band);
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function intToIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export interface ServiceIpAllocatorOptions {
  /** Service CIDR. Default `10.43.0.0/16`. IPv4 only. */
  cidr?: string;
  /** Addresses already taken (from stored Services). */
  used?: Iterable<string>;
  /** Default `Math.random`. */
  random?: RandomSource;
}

/**
 * Cluster IP allocation over one IPv4 CIDR. The network and broadcast addresses are never handed
 * out. Not safe for concurrent use; the caller serialises allocations.
 */
export class ServiceIpAllocator {
  readonly cidr: string;
  private readonly base: number;
  private readonly size: number;
  private readonly staticSize: number;
  private readonly used = new Set<number>();
  private readonly random: RandomSource;

  constructor(opts: ServiceIpAllocatorOptions = {}) {
    this.cidr = opts.cidr ?? '10.43.0.0/16';
    const [ip, bitsText] = this.cidr.split('/');
    const addr = ipv4ToInt(ip);
    const bits = Number(bitsText);
    if (addr === undefined || !Number.isInteger(bits) || bits < 1 || bits > 30)
      throw new Error(`invalid service CIDR ${this.cidr}`);
    const block = 2 ** (32 - bits);
    const network = addr - (addr % block);
    this.base = network + 1;
    this.size = block - 2;
    this.staticSize = Math.min(Math.max(16, Math.floor(this.size / 16)), 256);
    this.random = opts.random ?? Math.random;
    for (const u of opts.used ?? []) {
      const off = this.offsetOf(u);
      if (off !== undefined) this.used.add(off);
    }
  }

  private offsetOf(ip: string): number | undefined {
    const n = ipv4ToInt(ip);
    if (n === undefined) return undefined;
    const off = n - this.base;
    return off >= 0 && off < this.size ? off : undefined;
  }

  /** True when `ip` is inside the allocatable part of the range. */
  contains(ip: string): boolean {
    return this.offsetOf(ip) !== undefined;
  }

  has(ip: string): boolean {
    const off = this.offsetOf(ip);
    return off !== undefined && this.used.has(off);
  }

  /** Picks and reserves a free IP; on a full range the error is upstream's internal-error text. */
  allocate(): AllocateResult<string> {
    const off = pickFree(this.size, this.staticSize, (o) => this.used.has(o), this.random);
    if (off === undefined) return { ok: false, error: 'failed to allocate a serviceIP: range is full' };
    this.used.add(off);
    return { ok: true, value: intToIPv4(this.base + off) };
  }

  /**
   * Reserves a user-chosen IP. On failure returns the `spec.clusterIPs` field error upstream
   * reports (the whole clusterIPs list is echoed, as upstream does); empty list on success.
   */
  allocateSpecific(ip: string, clusterIPs: string[] = [ip]): FieldError[] {
    const off = this.offsetOf(ip);
    let why: string | undefined;
    if (off === undefined)
      why = `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
    else if (this.used.has(off)) why = 'provided IP is already allocated';
    if (why)
      return [
        goErrors.invalid(
          FieldPath.root('spec').child('clusterIPs'),
          goStringSlice(clusterIPs),
          `failed to allocate IP ${ip}: ${why}`,
        ),
      ];
    this.used.add(off!);
    return [];
  }

  release(ip: string): void {
    const off = this.offsetOf(ip);
    if (off !== undefined) this.used.delete(off);
  }
}

export interface NodePortAllocatorOptions {
  /** Inclusive range. Default 30000–32767. */
  min?: number;
  max?: number;
  used?: Iterable<number>;
  random?: RandomSource;
}

/** NodePort allocation over an inclusive port range. Not safe for concurrent use. */
export class NodePortAllocator {
  readonly min: number;
  readonly max: number;
  private readonly used = new Set<number>();
  private readonly staticSize: number;
  private readonly random: RandomSource;

  constructor(opts: NodePortAllocatorOptions = {}) {
    this.min = opts.min ?? 30000;
    this.max = opts.max ?? 32767;
    const size = this.max - this.min + 1;
    this.staticSize = Math.min(Math.max(16, Math.floor(size / 32)), 128);
    this.random = opts.random ?? Math.random;
    for (const p of opts.used ?? []) if (this.contains(p)) this.used.add(p);
  }

  get range(): string {
    return `${this.min}-${this.max}`;
  }

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.min && port <= this.max;
  }

  has(port: number): boolean {
    return this.used.has(port);
  }

  /** Picks and reserves a free port; on a full range the error is upstream's internal-error text. */
  allocate(): AllocateResult<number> {
    const size = this.max - this.min + 1;
    const off = pickFree(size, this.staticSize, (o) => this.used.has(this.min + o), this.random);
    if (off === undefined) return { ok: false, error: 'failed to allocate a nodePort: range is full' };
    this.used.add(this.min + off);
    return { ok: true, value: this.min + off };
  }

  /**
   * Reserves a user-chosen port for `spec.ports[portIndex].nodePort`; returns upstream's field
   * error when the port is out of range or taken, empty list on success.
   */
  allocateSpecific(port: number, portIndex = 0): FieldError[] {
    const f = FieldPath.root('spec').child('ports').index(portIndex).child('nodePort');
    if (!this.contains(port))
      return [
        fieldErrors.invalid(
          f,
          port,
          `provided port is not in the valid range. The range of valid ports is ${this.range}`,
        ),
      ];
    if (this.used.has(port)) return [fieldErrors.invalid(f, port, 'provided port is already allocated')];
    this.used.add(port);
    return [];
  }

  release(port: number): void {
    this.used.delete(port);
  }
}
