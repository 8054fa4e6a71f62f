/**
 * @module runtime/sim/images
 * The sim ImageService: an in-memory image store. Pulls take `pullDelayMs` on the runtime's clock
 * and never touch the network; IDs, digests and sizes are derived from the reference so they are
 * stable across runs. Pulls fail (RuntimeError ImagePullFailed, worded as containerd's errors reach
 * the kubelet) for tags named `missing`, for images in the runtime's `failImages` option, and for
 * images a pod lists in its `sim.kubeling.io/pull-fail` annotation.
 */
import { createHash } from 'node:crypto';
import { RuntimeError, type ImageService, type ImageStatus, type PodSandboxConfig } from '../interface.js';
import type { TimerQueue } from './timer-queue.js';

/**
 * Normalizes a reference as the container tooling does: `nginx` → `docker.io/library/nginx:latest`,
 * `quay.io/x/y` → `quay.io/x/y:latest`; digests (`name@sha256:…`) get no tag.
 */
export function normalizeImageRef(ref: string): string {
  let name = ref.trim();
  let suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    suffix = name.slice(at);
    name = name.slice(0, at);
  } else {
    const colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      suffix = name.slice(colon);
      name = name.slice(0, colon);
    } else {
      suffix = ':latest';
    }
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!hasDomain) name = slash < 0 ? `docker.io/library/${name}` : `docker.io/${name}`;
  return name + suffix;
}

function repoOf(normalized: string): string {
  const at = normalized.indexOf('@');
  if (at >= 0) return normalized.slice(0, at);
  const colon = normalized.lastIndexOf(':');
  return colon > normalized.lastIndexOf('/') ? normalized.slice(0, colon) : normalized;
}

function tagOf(normalized: string): string {
  if (normalized.includes('@')) return '';
  const colon = normalized.lastIndexOf(':');
  return colon > normalized.lastIndexOf('/') ? normalized.slice(colon + 1) : '';
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SimImageServiceOptions {
  queue: TimerQueue;
  nowMs: () => number;
  pullDelayMs: number;
  /** Images whose pulls always fail (as the pod names them, or normalized). */
  failImages: string[];
  /** Whether a pod's annotations ask this pull to fail (see the pull-fail annotation). */
  scriptedFailure: (normalized: string, sandbox?: PodSandboxConfig) => boolean;
}

export class SimImageService implements ImageService {
  /** Every key an image answers to (repo tag, ID, repo digest) → its status. */
  private readonly byKey = new Map<string, ImageStatus>();
  private readonly failImages: Set<string>;

  constructor(private readonly opts: SimImageServiceOptions) {
    this.failImages = new Set(opts.failImages.map(normalizeImageRef));
  }

  /**
   * Pulls `image` after the pull delay. Resolves with the image ID (`sha256:…`). The optional
   * `sandbox` (as in CRI's PullImageRequest) lets a pod's pull-fail annotation apply to its pulls only.
   * Throws RuntimeError ImagePullFailed.
   */
  async pullImage(
    image: string,
    _auth?: { username?: string; password?: string },
    sandbox?: PodSandboxConfig,
  ): Promise<{ ref: string; size: number; durationMs: number }> {
    const normalized = normalizeImageRef(image);
    const start = this.opts.nowMs();
    if (this.opts.pullDelayMs > 0) {
      await new Promise<void>((resolve) => this.opts.queue.after(this.opts.pullDelayMs, resolve));
    }
    const failure = this.failure(normalized, sandbox);
    if (failure) throw new RuntimeError('ImagePullFailed', failure);
    const status = this.add(normalized);
    return { ref: status.id, size: status.size, durationMs: this.opts.nowMs() - start };
  }

  /** Undefined when the image (by name, ID or digest reference) is not present. */
  async imageStatus(image: string): Promise<ImageStatus | undefined> {
    const s = this.resolve(image);
    return s && copy(s);
  }

  async listImages(): Promise<ImageStatus[]> {
    return [...new Set(this.byKey.values())].map(copy);
  }

  /** Idempotent: removing an absent image succeeds. */
  async removeImage(image: string): Promise<void> {
    const s = this.resolve(image);
    if (!s) return;
    for (const [k, v] of this.byKey) if (v === s) this.byKey.delete(k);
  }

  /** Marks an image present without a pull (preloaded images). */
  preload(image: string): void {
    this.add(normalizeImageRef(image));
  }

  /** The stored image for a name, ID or digest reference. */
  resolve(image: string): ImageStatus | undefined {
    return this.byKey.get(image) ?? this.byKey.get(normalizeImageRef(image));
  }

  private failure(normalized: string, sandbox?: PodSandboxConfig): string | undefined {
    const prefix = `rpc error: code = NotFound desc = failed to pull and unpack image "${normalized}": failed to resolve reference "${normalized}"`;
    if (tagOf(normalized) === 'missing') return `${prefix}: ${normalized}: not found`;
    if (this.failImages.has(normalized) || this.opts.scriptedFailure(normalized, sandbox)) {
      return (
        `rpc error: code = Unknown desc = failed to pull and unpack image "${normalized}": failed to resolve reference ` +
        `"${normalized}": pull access denied, repository does not exist or may require authorization: ` +
        'server message: insufficient_scope: authorization failed'
      );
    }
    return undefined;
  }

  private add(normalized: string): ImageStatus {
    const existing = this.byKey.get(normalized);
    if (existing) return existing;
    const repo = repoOf(normalized);
    // Images pulled by digest keep that digest; tags get a digest derived from the name.
    const digest = normalized.includes('@')
      ? normalized.slice(normalized.indexOf('@') + 1)
      : `sha256:${sha(`digest:${normalized}`)}`;
    const id = `sha256:${sha(`id:${repo}@${digest}`)}`;
    const size = 2_000_000 + (parseInt(id.slice(7, 15), 16) % 100_000_000);
    const repoDigest = `${repo}@${digest}`;
    const byId = this.byKey.get(id);
    const status: ImageStatus = byId ?? { id, repoTags: [], repoDigests: [repoDigest], size };
    if (!normalized.includes('@') && !status.repoTags.includes(normalized)) status.repoTags.push(normalized);
    for (const k of [normalized, id, repoDigest]) this.byKey.set(k, status);
    return status;
  }
}

function copy(s: ImageStatus): ImageStatus {
  return { id: s.id, repoTags: [...s.repoTags], repoDigests: [...s.repoDigests], size: s.size };
}
