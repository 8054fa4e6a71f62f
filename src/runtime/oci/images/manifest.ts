/**
 * @module runtime/oci/images/manifest
 * OCI and Docker schema2 manifest, index and config shapes, their media types, and the platform
 * choice for an index (linux and this machine's architecture, as containerd's default platform;
 * the variant is ignored).
 */
import { createHash } from 'node:crypto';

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/** The Accept header for a manifest GET: every kind we can read. */
export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerList,
  MediaType.dockerManifest,
].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

/** What an image says about how to run it (its config's `config`). */
export interface ImageRunConfig {
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  User?: string;
  StopSignal?: string;
  ExposedPorts?: Record<string, unknown>;
}

/** The parts of an image config we use. */
export interface ImageConfigBlob {
  architecture?: string;
  os?: string;
  config?: ImageRunConfig;
  rootfs?: { type: string; diff_ids: string[] };
}

/** Node's `process.arch` → the OCI/Go architecture name. */
export function ociArchitecture(arch: string = process.arch): string {
  const names: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };
  return names[arch] ?? arch;
}

/** The platform pulled from an index: this machine's, as containerd's default platform matcher. */
export const PLATFORM = { os: 'linux', architecture: ociArchitecture() };

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function isIndex(mediaType: string | undefined, doc: any): boolean {
  if (mediaType === MediaType.ociIndex || mediaType === MediaType.dockerList) return true;
  if (mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest) return false;
  return Array.isArray(doc?.manifests);
}

/** Parses a manifest document; throws with a clear message for anything else (schema1 too). */
export function parseManifestDoc(
  bytes: Buffer,
  contentType?: string,
): { index?: ImageIndex; manifest?: ImageManifest } {
  let doc: any;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error('invalid manifest: not JSON');
  }
  const mediaType = doc?.mediaType ?? contentType?.split(';')[0].trim();
  if (doc?.schemaVersion === 1) throw new Error('schema 1 manifests are not supported');
  if (isIndex(mediaType, doc)) {
    if (!Array.isArray(doc.manifests)) throw new Error('invalid index: no manifests');
    return { index: doc as ImageIndex };
  }
  if (!doc?.config?.digest || !Array.isArray(doc.layers))
    throw new Error(`invalid manifest of type ${mediaType}`);
  return { manifest: doc as ImageManifest };
}

/** The index entry for PLATFORM (any variant), or undefined. */
export function pickPlatform(index: ImageIndex): Descriptor | undefined {
  return index.manifests.find(
    (m) => m.platform?.os === PLATFORM.os && m.platform?.architecture === PLATFORM.architecture,
  );
}

/** The image config's `User`: `1000` → uid; `1000:1000` → uid; `nginx` / `nginx:group` → username; empty → neither (root). */
export function imageUser(user: string | undefined): { uid?: number; username?: string } {
  const u = (user ?? '').split(':')[0];
  if (!u) return {};
  return /^\d+$/.test(u) ? { uid: Number(u) } : { username: u };
}

/** Layer compression by media type: gzip, none, zstd or unknown. */
export function layerCompression(mediaType: string): 'gzip' | 'none' | 'zstd' | 'unknown' {
  if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd')) return 'zstd';
  if (mediaType.endsWith('+gzip') || mediaType.endsWith('.gzip') || mediaType.endsWith('tar.gzip'))
    return 'gzip';
  if (mediaType.endsWith('.tar') || mediaType.endsWith('nondistributable.v1.tar')) return 'none';
  return 'unknown';
}

/** containerd's chain IDs: chain(L0) = diff(L0); chain(Ln) = sha256(chain(Ln-1) + " " + diff(Ln)). */
export function chainId(diffIds: string[]): string {
  let chain = '';
  for (const d of diffIds) chain = chain ? sha256(`${chain} ${d}`) : d;
  return chain;
}

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
export function assertDigest(d: unknown): asserts d is string {
  if (typeof d !== 'string' || !DIGEST_RE.test(d)) throw new Error(`unsupported digest ${JSON.stringify(d)}`);
}
