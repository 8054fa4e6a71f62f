/**
 * @module runtime/oci/images/records
 * One JSON record per image at `<root>/images/<id hex>.json`, written atomically (temp file,
 * fsync, rename), all held in memory once loaded.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from './blobs.js';
import type { ImageConfigBlob } from './manifest.js';
import { formatReference, parseReference, repositoryName, type ImageReference } from './reference.js';

export interface ImageRecord {
  /** `sha256:<config digest hex>`. */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Blobs this image keeps: the top document (index or manifest), the platform manifest, config, layers. */
  topDigest?: string;
  manifestDigest?: string;
  layers: { digest: string; size: number; mediaType: string }[];
  diffIds: string[];
  chainId: string;
  /** Compressed layer bytes. */
  size: number;
  config: NonNullable<ImageConfigBlob['config']>;
  /** When the image was first stored (upstream's firstDetected), ms. */
  createdAt: number;
  /** Last pull or container start from it, ms. */
  lastUsed: number;
}

export class RecordStore {
  readonly #dir: string;
  readonly #records = new Map<string, ImageRecord>();

  constructor(root: string) {
    this.#dir = join(root, 'images');
  }

  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    for (const n of await readdir(this.#dir)) {
      const p = join(this.#dir, n);
      if (n.startsWith('.tmp-')) {
        await rm(p, { force: true });
        continue;
      }
      if (!/^[a-f0-9]{64}\.json$/.test(n)) continue;
      try {
        const r = JSON.parse(await readFile(p, 'utf8')) as ImageRecord;
        this.#records.set(r.id, r);
      } catch {
        // A record is renamed into place only once complete: an unreadable one is not ours.
      }
    }
  }

  get(id: string): ImageRecord | undefined {
    return this.#records.get(id);
  }

  all(): ImageRecord[] {
    return [...this.#records.values()];
  }

  /**
   * The record an image name points at, as containerd's CRI resolves one: a full or unique short
   * (12+ hex) ID, a repo digest (`name@sha256:…`) or a tag (`nginx` → `docker.io/library/nginx:latest`).
   */
  find(image: string): ImageRecord | undefined {
    const all = this.all();
    const hex = /^(?:sha256:)?([a-f0-9]{12,64})$/.exec(image)?.[1];
    if (hex) {
      if (hex.length === 64) {
        const r = this.get(`sha256:${hex}`);
        if (r) return r;
      } else {
        const matches = all.filter((r) => r.id.slice(7).startsWith(hex));
        if (matches.length === 1) return matches[0];
      }
    }
    let ref: ImageReference;
    try {
      ref = parseReference(image);
    } catch {
      return undefined;
    }
    if (ref.digest) {
      const want = `${repositoryName(ref)}@${ref.digest}`;
      return all.find((r) => r.repoDigests.includes(want));
    }
    const tag = formatReference(ref);
    return all.find((r) => r.repoTags.includes(tag));
  }

  async save(r: ImageRecord): Promise<void> {
    this.#records.set(r.id, r);
    const hex = r.id.slice(7);
    const tmp = join(this.#dir, `.tmp-${hex}-${randomBytes(4).toString('hex')}`);
    await writeAtomic(tmp, join(this.#dir, `${hex}.json`), (fh) => fh.writeFile(JSON.stringify(r, null, 1)));
  }

  async delete(id: string): Promise<void> {
    this.#records.delete(id);
    await rm(join(this.#dir, `${id.slice(7)}.json`), { force: true });
  }
}
