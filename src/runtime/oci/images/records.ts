/**
 * @module runtime/oci/images/records
 * One JSON record per image at `<root>/images/<id hex>.json`, written atomically (temp file,
 * fsync, rename), all held in memory. The files are the truth that other processes share: a
 * `kubeling image load`, `pull` or `rm` run beside a running cluster changes them, as `ctr images
 * import` does under a running containerd. So every lookup first checks the directory's change
 * time and, when it moved, reads the records whose files changed and forgets those whose files
 * went; records this process is writing keep the copy in memory, which is newer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from './blobs.js';
import type { ImageConfigBlob } from './manifest.js';
import {
  formatReference,
  parseReference,
  repositoryName,
  type ImageReference,
} from '../../../util/image-reference.js';
import { sweepLeftovers, tempName } from './temp-names.js';

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

/** What identifies one version of a file or directory: a rename or write changes it. */
function stampOf(path: string): string | undefined {
  const st = statSync(path, { bigint: true, throwIfNoEntry: false });
  return st && `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/**
 * The kernel stamps a change with a coarse clock (a tick of a few ms): two changes within one
 * tick leave the directory with one time. A stamp younger than this is not trusted to tell.
 */
const COARSE_TIME_MS = 50;

export class RecordStore {
  readonly #dir: string;
  readonly #records = new Map<string, ImageRecord>();
  /** The directory's stamp when last read, and each record file's stamp when last read or written. */
  #dirStamp: string | undefined;
  readonly #fileStamps = new Map<string, string>();
  /** Writes of this process in progress, by record id. */
  readonly #writing = new Map<string, number>();

  constructor(root: string) {
    this.#dir = join(root, 'images');
  }

  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await sweepLeftovers(this.#dir);
    this.#refresh();
  }

  /** Reads what other processes changed since the last look (see the module comment). */
  #refresh(): void {
    const st = statSync(this.#dir, { bigint: true, throwIfNoEntry: false });
    if (!st) return;
    const dirStamp = `${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
    if (dirStamp === this.#dirStamp) return;
    const settled = Date.now() - Number(st.mtimeNs / 1_000_000n) >= COARSE_TIME_MS;
    this.#dirStamp = settled ? dirStamp : undefined;
    const seen = new Set<string>();
    for (const n of readdirSync(this.#dir)) {
      if (!/^[a-f0-9]{64}\.json$/.test(n)) continue;
      const id = `sha256:${n.slice(0, 64)}`;
      seen.add(id);
      if (this.#writing.has(id)) continue;
      const stamp = stampOf(join(this.#dir, n));
      if (stamp === undefined || stamp === this.#fileStamps.get(id)) continue;
      try {
        const r = JSON.parse(readFileSync(join(this.#dir, n), 'utf8')) as ImageRecord;
        if (r.id !== id) continue;
        this.#records.set(id, r);
        this.#fileStamps.set(id, stamp);
      } catch {
        // A record is renamed into place only once complete: an unreadable one is not ours.
      }
    }
    for (const id of [...this.#records.keys()])
      if (!seen.has(id) && !this.#writing.has(id)) {
        this.#records.delete(id);
        this.#fileStamps.delete(id);
      }
  }

  get(id: string): ImageRecord | undefined {
    this.#refresh();
    return this.#records.get(id);
  }

  all(): ImageRecord[] {
    this.#refresh();
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
    const file = join(this.#dir, `${hex}.json`);
    const tmp = join(this.#dir, tempName());
    await this.#whileWriting(r.id, async () => {
      await writeAtomic(tmp, file, (fh) => fh.writeFile(JSON.stringify(r, null, 1)));
      const stamp = stampOf(file);
      if (stamp) this.#fileStamps.set(r.id, stamp);
    });
  }

  async delete(id: string): Promise<void> {
    this.#records.delete(id);
    await this.#whileWriting(id, async () => {
      await rm(join(this.#dir, `${id.slice(7)}.json`), { force: true });
      this.#fileStamps.delete(id);
    });
  }

  async #whileWriting(id: string, write: () => Promise<void>): Promise<void> {
    this.#writing.set(id, (this.#writing.get(id) ?? 0) + 1);
    try {
      await write();
    } finally {
      const n = (this.#writing.get(id) ?? 1) - 1;
      if (n > 0) this.#writing.set(id, n);
      else this.#writing.delete(id);
    }
  }
}
