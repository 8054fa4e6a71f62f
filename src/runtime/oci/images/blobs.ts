/**
 * @module runtime/oci/images/blobs
 * Content-addressed blobs at `<root>/blobs/sha256/<hex>`. Every blob is written to
 * `<root>/ingest/` first, fsynced, then renamed into place, so a crash (even kill -9) never leaves
 * a partial blob under its final name; leftovers in `ingest/` are removed on open. Concurrent
 * writes of the same digest share one write (and so one download).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertDigest } from './manifest.js';
import { sweepLeftovers, tempName } from './temp-names.js';

export class BlobStore {
  readonly #dir: string;
  readonly #ingest: string;
  readonly #inflight = new Map<string, Promise<void>>();

  constructor(root: string) {
    this.#dir = join(root, 'blobs', 'sha256');
    this.#ingest = join(root, 'ingest');
  }

  /** Creates the folders and drops partial writes a crash left behind (not a live process's). */
  async init(): Promise<void> {
    await mkdir(this.#ingest, { recursive: true });
    await sweepLeftovers(this.#ingest, true);
    await mkdir(this.#dir, { recursive: true });
  }

  path(digest: string): string {
    assertDigest(digest);
    return join(this.#dir, digest.slice(7));
  }

  async has(digest: string): Promise<boolean> {
    try {
      return (await stat(this.path(digest))).isFile();
    } catch {
      return false;
    }
  }

  async read(digest: string): Promise<Buffer> {
    return readFile(this.path(digest));
  }

  /**
   * Stores the blob `digest` from the stream `open()` returns, unless present. The stream must
   * verify its own content (the distribution client's streams do); a failed stream leaves nothing.
   * Concurrent calls for one digest share the first one's write.
   */
  ingest(digest: string, open: () => Promise<Readable>): Promise<void> {
    const running = this.#inflight.get(digest);
    if (running) return running;
    const p = (async () => {
      if (await this.has(digest)) return;
      await this.#write(digest, await open());
    })().finally(() => this.#inflight.delete(digest));
    this.#inflight.set(digest, p);
    return p;
  }

  /** Stores bytes (manifests, configs) and returns their digest. */
  async put(bytes: Buffer): Promise<string> {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (!(await this.has(digest)))
      await this.#writeWith(digest, async (fh) => void (await fh.writeFile(bytes)));
    return digest;
  }

  /** Stores a file's content under its digest (archive loads); returns the digest. */
  async putFile(file: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    const digest = `sha256:${hash.digest('hex')}`;
    if (!(await this.has(digest))) await this.#write(digest, createReadStream(file));
    return digest;
  }

  async #write(digest: string, src: Readable): Promise<void> {
    await this.#writeWith(digest, async (fh) => {
      for await (const chunk of src) await fh.write(chunk as Buffer);
    });
  }

  #writeWith(digest: string, fill: (fh: FileHandle) => Promise<void>): Promise<void> {
    return writeAtomic(join(this.#ingest, tempName()), this.path(digest), fill);
  }

  async remove(digest: string): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  /** Every stored digest. */
  async list(): Promise<string[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names.filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }
}

/**
 * Writes `tmp` with `fill`, fsyncs it, renames it to `final` and fsyncs `final`'s folder, so a
 * crash never leaves a partial file under the final name; a failed fill removes `tmp`.
 */
export async function writeAtomic(
  tmp: string,
  final: string,
  fill: (fh: FileHandle) => Promise<void>,
): Promise<void> {
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fill(fh);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, final);
  await syncDir(dirname(final));
}

/** fsyncs a directory so a rename in it survives a power loss; best effort. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // some filesystems refuse fsync on directories
  }
}
