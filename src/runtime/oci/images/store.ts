/**
 * @module runtime/oci/images/store
 * The `oci` runtime's image store: content-addressed blobs, image records and one flattened
 * read-only filesystem per image, pulled over the OCI distribution API (mirrors and registry
 * settings from registries.yaml) or loaded from docker-save / OCI-layout archives.
 *
 * Layout under `root` (the runtime passes `<data-dir>/oci/images`):
 * ```
 * blobs/sha256/<hex>     manifests, configs, layers (temp file + fsync + rename)
 * ingest/                partial blobs (emptied on open)
 * images/<id hex>.json   one record per image (atomic writes)
 * rootfs/<chain hex>/    all layers applied; overlay lowerdir, never changed once renamed in
 * tmp/                   archive loads in progress (emptied on open)
 * ```
 * Every method may be called concurrently. Pulls of one name share one pull; a blob needed by
 * two pulls is downloaded once; a rootfs needed twice is built once.
 */
import type { ImageService, ImageStatus } from '../../interface.js';
import type { Logger } from '../../../util/logger.js';
import { OciImageStore } from './image-service.js';
import type { ImageRunConfig } from './manifest.js';

export interface LocalImage {
  /** `sha256:<config digest hex>`. */
  id: string;
  /** `docker.io/library/nginx:latest`. */
  repoTags: string[];
  /** `docker.io/library/nginx@sha256:…`. */
  repoDigests: string[];
  /** Compressed layer bytes. */
  size: number;
  config: ImageRunConfig;
  /** Absolute path of the read-only flattened filesystem. */
  rootfs: string;
}

/** ImageStatus plus the times image GC needs. */
export interface StoredImageStatus extends ImageStatus {
  /** When the image was first stored, ms since the epoch. */
  createdAt: number;
  /** Last pull or `markUsed`, ms since the epoch. */
  lastUsed: number;
}

export interface PullOptions {
  auth?: { username?: string; password?: string };
  onProgress?: (p: { doneBytes: number; totalBytes: number }) => void;
}

export interface ImageStore extends ImageService {
  /** By name (normalized as in reference.ts), tag, repo digest, full id or unique id prefix ≥ 12 hex. */
  resolve(image: string): Promise<LocalImage | undefined>;
  /** Throws RuntimeError ImagePullFailed with containerd's wording. */
  pull(image: string, opts?: PullOptions): Promise<LocalImage & { durationMs: number }>;
  /** docker-save tarballs and OCI image-layout archives; returns the names loaded (the id for an unnamed image). */
  load(file: string): Promise<string[]>;
  /** Image disk usage of the store's filesystem, for GC. */
  usage(): Promise<{ capacityBytes: number; availableBytes: number }>;
  /** Records that a container uses the image now (for GC's least-recently-used order). */
  markUsed(imageId: string): void;
  /** Every image, with its first-stored and last-used times. */
  listImages(): Promise<StoredImageStatus[]>;
  /** Waits for pending record writes and closes connections. */
  close(): Promise<void>;
}

export interface ImageStoreOptions {
  root: string;
  /** Default: none (no mirrors; registries over HTTPS, loopback ones over HTTP). */
  registriesFile?: string;
  /** Registries with mirrors are asked only through them (`--disable-default-registry-endpoint`). */
  disableDefaultEndpoint?: boolean;
  /** Default: Date.now. */
  clock?: { now(): number };
  /** Default: silent. */
  log?: Logger;
  /**
   * Every lower directory containers' overlays use, so that an image they run on is not removed.
   * Default: those of the overlays mounted on the host.
   */
  lowerDirsInUse?: () => Promise<string[]>;
}

export function createImageStore(opts: ImageStoreOptions): ImageStore {
  return new OciImageStore(opts);
}
