/**
 * @module runtime/oci/images/archive
 * Reads image archives: `docker save` tarballs (`manifest.json` with Config, RepoTags, Layers) and
 * OCI image layouts (`oci-layout` + `index.json`, names from the `io.containerd.image.name` or a
 * full `org.opencontainers.image.ref.name` annotation). A docker save from Docker 25+ has both;
 * `manifest.json` wins since it carries the tags. Gzip-compressed archives are accepted.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { extract } from 'tar';
import { MediaType, parseManifestDoc, pickPlatform, PLATFORM, sha256, type Descriptor } from './manifest.js';
import { tempName } from './temp-names.js';

export interface ArchiveImage {
  /** Names as written in the archive (not yet normalized); empty for an unnamed image. */
  names: string[];
  configFile: string;
  /** Expected config digest, when the archive says it (OCI layout). */
  configDigest?: string;
  layers: { file: string; size: number; mediaType: string; digest?: string }[];
  /** OCI layout: the document the name points at (index or manifest) and the platform manifest. */
  topBytes?: Buffer;
  manifestBytes?: Buffer;
}

function inside(dir: string, rel: unknown, file: string): string {
  if (typeof rel !== 'string' || !rel || isAbsolute(rel) || normalize(rel).startsWith('..'))
    throw new Error(`${file}: invalid path ${JSON.stringify(rel)} in archive`);
  return join(dir, normalize(rel));
}

async function sizeOf(p: string): Promise<number> {
  return (await stat(p)).size;
}

async function readJson(p: string, file: string): Promise<any> {
  try {
    return JSON.parse(await readFile(p, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read ${p.split('/').pop()}: ${(err as Error).message}`);
  }
}

async function dockerSave(dir: string, file: string): Promise<ArchiveImage[]> {
  const manifest = await readJson(join(dir, 'manifest.json'), file);
  if (!Array.isArray(manifest)) throw new Error(`${file}: manifest.json is not a list`);
  const out: ArchiveImage[] = [];
  for (const m of manifest) {
    if (!Array.isArray(m?.Layers)) throw new Error(`${file}: manifest.json entry without Layers`);
    const layers = [];
    for (const l of m.Layers) {
      const p = inside(dir, l, file);
      layers.push({ file: p, size: await sizeOf(p), mediaType: MediaType.ociLayer });
    }
    out.push({
      names: Array.isArray(m.RepoTags) ? m.RepoTags.filter((t: unknown) => typeof t === 'string') : [],
      configFile: inside(dir, m.Config, file),
      layers,
    });
  }
  return out;
}

function blobPath(dir: string, digest: string, file: string): string {
  const m = /^(sha256):([a-f0-9]{64})$/.exec(digest);
  if (!m) throw new Error(`${file}: unsupported digest ${JSON.stringify(digest)}`);
  return join(dir, 'blobs', m[1], m[2]);
}

async function readBlob(dir: string, d: Descriptor, file: string): Promise<Buffer> {
  const bytes = await readFile(blobPath(dir, d.digest, file));
  if (sha256(bytes) !== d.digest) throw new Error(`${file}: blob ${d.digest} does not match its digest`);
  return bytes;
}

function nameOf(d: Descriptor): string[] {
  const a = d.annotations ?? {};
  const full = a['io.containerd.image.name'];
  if (full) return [full];
  const ref = a['org.opencontainers.image.ref.name'];
  // A bare tag (`latest`) names nothing without a repository.
  return ref && /[/:]/.test(ref) ? [ref] : [];
}

async function ociLayout(dir: string, file: string): Promise<ArchiveImage[]> {
  const index = await readJson(join(dir, 'index.json'), file);
  if (!Array.isArray(index?.manifests)) throw new Error(`${file}: index.json has no manifests`);
  const out: ArchiveImage[] = [];
  for (const top of index.manifests as Descriptor[]) {
    const topBytes = await readBlob(dir, top, file);
    const doc = parseManifestDoc(topBytes, top.mediaType);
    let manifest = doc.manifest;
    let manifestBytes = topBytes;
    if (doc.index) {
      const d = pickPlatform(doc.index);
      if (!d) throw new Error(`${file}: no ${PLATFORM.os}/${PLATFORM.architecture} image in ${top.digest}`);
      manifestBytes = await readBlob(dir, d, file);
      manifest = parseManifestDoc(manifestBytes, d.mediaType).manifest;
      if (!manifest) throw new Error(`${file}: nested index ${d.digest} is not supported`);
    }
    const layers = [];
    for (const l of manifest!.layers) {
      const p = blobPath(dir, l.digest, file);
      layers.push({ file: p, size: await sizeOf(p), mediaType: l.mediaType, digest: l.digest });
    }
    out.push({
      names: nameOf(top),
      configFile: blobPath(dir, manifest!.config.digest, file),
      configDigest: manifest!.config.digest,
      layers,
      topBytes,
      manifestBytes,
    });
  }
  return out;
}

/** Unpacks `file` into a temporary folder under `workDir`, calls `onImage` for each image, then cleans up. */
export async function readArchive(
  file: string,
  workDir: string,
  onImage: (img: ArchiveImage) => Promise<void>,
): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch (err) {
    throw new Error(
      `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  const dir = join(workDir, tempName());
  await mkdir(dir);
  try {
    const problems: string[] = [];
    try {
      await extract({
        file,
        cwd: dir,
        preserveOwner: false,
        onwarn: (code: string, msg: string | Error) => {
          if (code !== 'TAR_ENTRY_INFO') problems.push(String(msg));
        },
      });
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (problems.length) throw new Error(`${file}: not a valid tar archive: ${problems[0]}`);
    const has = async (n: string) => (await stat(join(dir, n)).catch(() => undefined))?.isFile() ?? false;
    let images: ArchiveImage[];
    if (await has('manifest.json')) images = await dockerSave(dir, file);
    else if (await has('index.json')) images = await ociLayout(dir, file);
    else
      throw new Error(
        `${file}: neither manifest.json nor index.json: not a docker-save or OCI layout archive`,
      );
    for (const img of images) await onImage(img);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
