/**
 * @module runtime/oci/images/image-service
 * The ImageStore implementation (see store.ts for the contract and the on-disk layout).
 */
import { mkdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeError, type ImageStatus } from '../../interface.js';
import { silentLogger, type Logger } from '../../../util/logger.js';
import { importArchive } from './archive-import.js';
import { BlobStore } from './blobs.js';
import { DistributionClient, type ResolvedImage } from './distribution-client.js';
import { chainId, imageUser, layerCompression, type Descriptor, type ImageConfigBlob } from './manifest.js';
import { RecordStore, type ImageRecord } from './records.js';
import {
  formatReference,
  parseReference,
  repositoryName,
  type ImageReference,
} from '../../../util/image-reference.js';
import { loadRegistries } from './registries.js';
import type { ImageStore, ImageStoreOptions, LocalImage, PullOptions, StoredImageStatus } from './store.js';
import { RootfsStore } from './unpack.js';
import { sweepLeftovers } from './temp-names.js';

const LAYER_CONCURRENCY = 3;

function pullFailed(name: string, err: unknown): RuntimeError {
  if (RuntimeError.is(err)) return err;
  return new RuntimeError(
    'ImagePullFailed',
    `failed to pull and unpack image "${name}": ${(err as Error).message}`,
  );
}

/** The image's rootfs is a running container's lower layer: removing it would break the container. */
export class ImageInUseError extends Error {
  constructor(readonly image: string) {
    super(`unable to remove image ${image}: a container is using it (delete its pods first)`);
    this.name = 'ImageInUseError';
  }
}

export class OciImageStore implements ImageStore {
  readonly #root: string;
  readonly #blobs: BlobStore;
  readonly #rootfs: RootfsStore;
  readonly #records: RecordStore;
  readonly #now: () => number;
  readonly #log: Logger;
  readonly #ready: Promise<void>;
  #client?: DistributionClient;
  readonly #pulls = new Map<string, Promise<LocalImage & { durationMs: number }>>();
  /** Digests and chain IDs an operation in flight needs: removal leaves them alone. */
  readonly #pins = new Map<string, number>();
  /** Serializes record changes (tags moving between images, removal). */
  #lock: Promise<void> = Promise.resolve();
  readonly #pendingSaves = new Set<Promise<void>>();
  /** Images whose last-used save waits for the lock. */
  readonly #usedQueued = new Set<string>();

  constructor(private readonly opts: ImageStoreOptions) {
    this.#root = opts.root;
    this.#log = (opts.log ?? silentLogger).child({ component: 'images' });
    this.#now = opts.clock ? () => opts.clock!.now() : Date.now;
    this.#blobs = new BlobStore(this.#root);
    this.#rootfs = new RootfsStore(this.#root, (m) => this.#log.warn(m), opts.lowerDirsInUse);
    this.#records = new RecordStore(this.#root);
    this.#ready = this.#init();
    this.#ready.catch(() => {});
  }

  async #init(): Promise<void> {
    await mkdir(this.#root, { recursive: true });
    await this.#blobs.init();
    await this.#rootfs.init();
    await this.#records.init();
    await mkdir(join(this.#root, 'tmp'), { recursive: true });
    await sweepLeftovers(join(this.#root, 'tmp'), true);
  }

  async #clientFor(): Promise<DistributionClient> {
    this.#client ??= new DistributionClient({
      registries: {
        ...(await loadRegistries(this.opts.registriesFile)),
        disableDefaultEndpoint: this.opts.disableDefaultEndpoint,
      },
    });
    return this.#client;
  }

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn);
    this.#lock = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  #pin(keys: string[]): () => void {
    for (const k of keys) this.#pins.set(k, (this.#pins.get(k) ?? 0) + 1);
    return () => {
      for (const k of keys) {
        const n = (this.#pins.get(k) ?? 1) - 1;
        if (n <= 0) this.#pins.delete(k);
        else this.#pins.set(k, n);
      }
    };
  }

  #local(r: ImageRecord): LocalImage {
    return {
      id: r.id,
      repoTags: [...r.repoTags],
      repoDigests: [...r.repoDigests],
      size: r.size,
      config: { ...r.config },
      rootfs: this.#rootfs.path(r.chainId),
    };
  }

  async resolve(image: string): Promise<LocalImage | undefined> {
    await this.#ready;
    const r = this.#records.find(image);
    return r && this.#local(r);
  }

  pull(image: string, opts: PullOptions = {}): Promise<LocalImage & { durationMs: number }> {
    let name = image;
    let ref: ImageReference;
    try {
      ref = parseReference(image);
      name = formatReference(ref);
    } catch (err) {
      return Promise.reject(pullFailed(image, err));
    }
    const running = this.#pulls.get(name);
    if (running) return running;
    const p = this.#pull(ref, name, opts).finally(() => this.#pulls.delete(name));
    this.#pulls.set(name, p);
    return p;
  }

  async #pull(
    ref: ImageReference,
    name: string,
    opts: PullOptions,
  ): Promise<LocalImage & { durationMs: number }> {
    const started = this.#now();
    await this.#ready;
    const client = await this.#clientFor().catch((err) => {
      throw pullFailed(name, err);
    });
    let resolved: ResolvedImage;
    try {
      resolved = await client.resolve(ref, opts.auth);
    } catch (err) {
      throw pullFailed(name, new Error(`failed to resolve reference "${name}": ${(err as Error).message}`));
    }
    const m = resolved.manifest;
    const unpin = this.#pin([
      resolved.digest,
      resolved.manifestDigest,
      m.config.digest,
      ...m.layers.map((l) => l.digest),
    ]);
    let unpinChain = () => {};
    try {
      for (const l of m.layers) {
        const c = layerCompression(l.mediaType);
        if (c === 'zstd')
          throw new Error(`layer ${l.digest}: zstd-compressed layers are not supported (${l.mediaType})`);
        if (c === 'unknown')
          throw new Error(`layer ${l.digest}: unsupported layer media type ${l.mediaType}`);
      }
      const total = m.layers.reduce((n, l) => n + l.size, 0);
      let done = 0;
      const progress = (n: number) => {
        done += n;
        opts.onProgress?.({ doneBytes: Math.min(done, total), totalBytes: total });
      };
      await this.#blobs.ingest(m.config.digest, () => client.fetchBlob(resolved, m.config));
      const { config, diffIds } = await this.#imageConfig(m.config.digest, m.layers.length);
      unpinChain = this.#pin([chainId(diffIds)]);
      const queue = [...m.layers];
      const worker = async () => {
        for (let l = queue.shift(); l; l = queue.shift()) {
          const d: Descriptor = l;
          if (await this.#blobs.has(d.digest)) progress(d.size);
          else await this.#blobs.ingest(d.digest, () => client.fetchBlob(resolved, d, progress));
        }
      };
      await Promise.all(Array.from({ length: Math.min(LAYER_CONCURRENCY, queue.length) }, worker));
      await this.#blobs.put(resolved.topBytes);
      if (resolved.index) await this.#blobs.put(resolved.manifestBytes);
      const id = m.config.digest;
      const rec = await this.#commit(
        {
          id,
          repoTags: ref.tag && !ref.digest ? [formatReference(ref)] : [],
          repoDigests: [`${repositoryName(ref)}@${resolved.digest}`],
          topDigest: resolved.digest,
          manifestDigest: resolved.manifestDigest,
          layers: m.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
          diffIds,
        },
        config,
      );
      this.#log.info({ image: name, id, ms: this.#now() - started }, 'pulled image');
      return { ...this.#local(rec), durationMs: this.#now() - started };
    } catch (err) {
      throw pullFailed(name, err);
    } finally {
      unpin();
      unpinChain();
    }
  }

  /** The stored config blob `digest`, checked to name one diff_id per layer. */
  async #imageConfig(
    digest: string,
    layerCount: number,
  ): Promise<{ config: ImageConfigBlob; diffIds: string[] }> {
    const config = JSON.parse((await this.#blobs.read(digest)).toString('utf8')) as ImageConfigBlob;
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== layerCount)
      throw new Error(`image config has ${diffIds.length} diff_ids for ${layerCount} layers`);
    return { config, diffIds };
  }

  /** Unpacks the image's stored layers into its rootfs, then records the image under its names. */
  async #commit(
    image: Omit<ImageRecord, 'chainId' | 'size' | 'config' | 'createdAt' | 'lastUsed'>,
    config: ImageConfigBlob,
  ): Promise<ImageRecord> {
    const chain = chainId(image.diffIds);
    const unpin = this.#pin([chain]);
    try {
      await this.#rootfs.build(
        chain,
        image.layers.map((l, i) => ({ file: this.#blobs.path(l.digest), diffId: image.diffIds[i] })),
      );
      const now = this.#now();
      return await this.#locked(() =>
        this.#upsert({
          ...image,
          chainId: chain,
          size: image.layers.reduce((n, l) => n + l.size, 0),
          config: config.config ?? {},
          createdAt: now,
          lastUsed: now,
        }),
      );
    } finally {
      unpin();
    }
  }

  /** Adds a new record or merges names into the existing one; a tag moves off any other image. Under #lock. */
  async #upsert(rec: ImageRecord): Promise<ImageRecord> {
    for (const other of this.#records.all()) {
      if (other.id === rec.id) continue;
      const kept = other.repoTags.filter((t) => !rec.repoTags.includes(t));
      if (kept.length !== other.repoTags.length) await this.#records.save({ ...other, repoTags: kept });
    }
    const old = this.#records.get(rec.id);
    const merged: ImageRecord = old
      ? {
          ...old,
          repoTags: [...new Set([...old.repoTags, ...rec.repoTags])],
          repoDigests: [...new Set([...old.repoDigests, ...rec.repoDigests])],
          topDigest: old.topDigest ?? rec.topDigest,
          manifestDigest: old.manifestDigest ?? rec.manifestDigest,
          lastUsed: rec.lastUsed,
        }
      : rec;
    await this.#records.save(merged);
    return merged;
  }

  /**
   * The kubelet's pull (the CRI's PullImage). Its failures read as a CRI runtime's reach the
   * kubelet, in gRPC's framing (`rpc error: code = NotFound desc = failed to pull and unpack …`),
   * so the Failed event is the one a containerd node shows.
   */
  async pullImage(image: string, auth?: { username?: string; password?: string }) {
    try {
      const img = await this.pull(image, { auth });
      return { ref: img.id, size: img.size, durationMs: img.durationMs };
    } catch (err) {
      if (!RuntimeError.is(err, 'ImagePullFailed')) throw err;
      const code = /: not found$/.test(err.message) ? 'NotFound' : 'Unknown';
      throw new RuntimeError('ImagePullFailed', `rpc error: code = ${code} desc = ${err.message}`);
    }
  }

  #status(r: ImageRecord): StoredImageStatus {
    return {
      id: r.id,
      repoTags: [...r.repoTags],
      repoDigests: [...r.repoDigests],
      size: r.size,
      ...imageUser(r.config.User),
      createdAt: r.createdAt,
      lastUsed: r.lastUsed,
    };
  }

  async imageStatus(image: string): Promise<ImageStatus | undefined> {
    await this.#ready;
    const r = this.#records.find(image);
    return r && this.#status(r);
  }

  async listImages(): Promise<StoredImageStatus[]> {
    await this.#ready;
    return this.#records.all().map((r) => this.#status(r));
  }

  /**
   * Removes the image (all its names), then the blobs and rootfs no other image or pull needs.
   * Idempotent. An image whose rootfs a container still runs on is kept (ImageInUseError).
   */
  async removeImage(image: string): Promise<void> {
    await this.#ready;
    await this.#locked(async () => {
      const r = this.#records.find(image);
      if (!r) return;
      const keepBlobs = new Set<string>();
      const keepChains = new Set<string>();
      for (const o of this.#records.all()) {
        if (o.id === r.id) continue;
        for (const d of [o.topDigest, o.manifestDigest, o.id, ...o.layers.map((l) => l.digest)])
          if (d) keepBlobs.add(d);
        keepChains.add(o.chainId);
      }
      const dropRootfs = !keepChains.has(r.chainId) && !this.#pins.has(r.chainId);
      if (dropRootfs && (await this.#rootfs.inUse(r.chainId))) throw new ImageInUseError(image);
      await this.#records.delete(r.id);
      if (dropRootfs) await this.#rootfs.remove(r.chainId);
      for (const d of [r.topDigest, r.manifestDigest, r.id, ...r.layers.map((l) => l.digest)])
        if (d && !keepBlobs.has(d) && !this.#pins.has(d)) await this.#blobs.remove(d);
      this.#log.info({ id: r.id }, 'removed image');
    });
  }

  async load(file: string): Promise<string[]> {
    await this.#ready;
    const work = join(this.#root, 'tmp');
    await mkdir(work, { recursive: true });
    return importArchive(
      {
        putFile: (f) => this.#blobs.putFile(f),
        put: (b) => this.#blobs.put(b),
        imageConfig: (d, n) => this.#imageConfig(d, n),
        pin: (d) => this.#pin(d),
        commit: (image, config) => this.#commit(image, config),
      },
      file,
      work,
    );
  }

  async usage(): Promise<{ capacityBytes: number; availableBytes: number }> {
    await this.#ready;
    const s = await statfs(this.#root);
    return { capacityBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
  }

  markUsed(imageId: string): void {
    const r = this.#records.get(imageId);
    if (!r) return;
    r.lastUsed = this.#now();
    // A save still waiting for the lock writes the newest time when it runs: 100 containers of
    // one image started at once cost one or two record writes (each fsyncs), not 100.
    if (this.#usedQueued.has(imageId)) return;
    this.#usedQueued.add(imageId);
    const save = this.#locked(() => {
      this.#usedQueued.delete(imageId);
      const cur = this.#records.get(imageId);
      return cur ? this.#records.save({ ...cur, lastUsed: this.#now() }) : Promise.resolve();
    }).catch((err) => this.#log.warn({ err, id: imageId }, 'saving image last-used time failed'));
    this.#pendingSaves.add(save);
    void save.finally(() => this.#pendingSaves.delete(save));
  }

  async close(): Promise<void> {
    // Its directories are made at start: closed before, they would appear after a caller's clean-up.
    await Promise.allSettled([this.#ready, ...this.#pulls.values(), ...this.#pendingSaves]);
    this.#client?.close();
  }
}
