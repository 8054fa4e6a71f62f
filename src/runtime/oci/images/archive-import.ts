/**
 * @module runtime/oci/images/archive-import
 * `kubeling image load`: every image of a docker-save or OCI-layout archive (./archive.ts reads
 * them) into the store. Blobs are stored by the digest of their content and checked against the
 * digests the archive names; the image's blobs are pinned until its record is committed, so
 * garbage collection meanwhile cannot take them.
 */
import { formatReference, parseReference, repositoryName } from '../../../util/image-reference.js';
import { readArchive } from './archive.js';
import type { ImageConfigBlob } from './manifest.js';
import type { ImageRecord } from './records.js';

/** What the import needs of the store. */
export interface ArchiveImportStore {
  putFile(file: string): Promise<string>;
  put(bytes: Buffer): Promise<string>;
  /** The image config of `digest`, refused unless it names one diff_id per layer. */
  imageConfig(digest: string, layerCount: number): Promise<{ config: ImageConfigBlob; diffIds: string[] }>;
  /** Keeps blobs from garbage collection until the returned function is called. */
  pin(digests: string[]): () => void;
  commit(
    image: Omit<ImageRecord, 'chainId' | 'size' | 'config' | 'createdAt' | 'lastUsed'>,
    config: ImageConfigBlob,
  ): Promise<ImageRecord>;
}

/** Imports `file` (unpacked under `workDir`); resolves with the names loaded (the id of an unnamed image). */
export async function importArchive(
  store: ArchiveImportStore,
  file: string,
  workDir: string,
): Promise<string[]> {
  const names: string[] = [];
  await readArchive(file, workDir, async (img) => {
    const configDigest = await store.putFile(img.configFile);
    if (img.configDigest && img.configDigest !== configDigest)
      throw new Error(`${file}: config ${img.configDigest} has digest ${configDigest}`);
    const { config, diffIds } = await store.imageConfig(configDigest, img.layers.length).catch((err) => {
      throw new Error(`${file}: ${(err as Error).message}`);
    });
    const layers: ImageRecord['layers'] = [];
    for (const l of img.layers) {
      const digest = await store.putFile(l.file);
      if (l.digest && l.digest !== digest) throw new Error(`${file}: layer ${l.digest} has digest ${digest}`);
      layers.push({ digest, size: l.size, mediaType: l.mediaType });
    }
    const unpin = store.pin([configDigest, ...layers.map((l) => l.digest)]);
    try {
      const topDigest = img.topBytes ? await store.put(img.topBytes) : undefined;
      const manifestDigest = img.manifestBytes ? await store.put(img.manifestBytes) : undefined;
      const refs = img.names.map((n) => parseReference(n));
      await store.commit(
        {
          id: configDigest,
          repoTags: refs.filter((r) => r.tag && !r.digest).map((r) => formatReference(r)),
          repoDigests: topDigest ? refs.map((r) => `${repositoryName(r)}@${topDigest}`) : [],
          topDigest,
          manifestDigest,
          layers,
          diffIds,
        },
        config,
      );
      names.push(...(refs.length ? refs.map((r) => formatReference(r)) : [configDigest]));
    } finally {
      unpin();
    }
  });
  return names;
}
