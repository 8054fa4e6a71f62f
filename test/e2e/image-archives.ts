/**
 * @module test/e2e/image-archives
 * Archives of a test image, as `kubeling image load` takes them: an OCI image layout (what
 * `docker save` writes since Docker 25, and `ctr export`), and the older docker-save layout
 * (manifest.json, a config file and one uncompressed layer.tar per layer).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { create as createTar } from 'tar';
import type { TestImage, TestImageSet } from '../images/build.js';

function imageOf(set: TestImageSet, ref: string): TestImage {
  const img = set.find(ref);
  if (!img) throw new Error(`no test image ${ref}`);
  return img;
}

/** Writes an OCI layout archive of the test image `ref`, named `name` (containerd's annotation). */
export async function writeOciArchive(
  set: TestImageSet,
  ref: string,
  name: string,
  file: string,
): Promise<void> {
  const img = imageOf(set, ref);
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-oci-archive-'));
  try {
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    const manifest = img.manifests.oci;
    for (const b of [manifest, img.config, ...img.layers])
      await copyFile(set.blobPath(b.digest), join(dir, 'blobs', 'sha256', b.digest.slice('sha256:'.length)));
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    const index = {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: manifest.mediaType,
          digest: manifest.digest,
          size: manifest.size,
          annotations: { 'io.containerd.image.name': name },
        },
      ],
    };
    await writeFile(join(dir, 'index.json'), JSON.stringify(index));
    await createTar({ cwd: dir, file }, ['oci-layout', 'index.json', 'blobs']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes a docker-save archive (manifest.json, config, uncompressed layers) of `ref`, tagged `tags`. */
export async function writeDockerSaveArchive(
  set: TestImageSet,
  ref: string,
  tags: string[],
  file: string,
): Promise<void> {
  const img = imageOf(set, ref);
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-save-archive-'));
  try {
    const configName = `${img.config.digest.slice('sha256:'.length)}.json`;
    await copyFile(set.blobPath(img.config.digest), join(dir, configName));
    const layers: string[] = [];
    for (const [i, l] of img.layers.entries()) {
      await mkdir(join(dir, `l${i}`));
      await writeFile(join(dir, `l${i}`, 'layer.tar'), gunzipSync(await readFile(set.blobPath(l.digest))));
      layers.push(`l${i}/layer.tar`);
    }
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify([{ Config: configName, RepoTags: tags, Layers: layers }]),
    );
    await createTar({ cwd: dir, file }, ['manifest.json', configName, ...layers.map((_, i) => `l${i}`)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
