import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { createImageStore } from './store.js';
import { buildImage, digestOf, makeTar } from './testing-push.js';

test('loads a docker-save archive and an OCI layout archive', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-load-'));
  const store = createImageStore({ root: join(dir, 'images') });
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const layerTar = makeTar([{ path: 'loaded', content: 'from docker save' }]);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: '65534' },
      rootfs: { type: 'layers', diff_ids: [digestOf(layerTar)] },
    }),
  );
  const save = join(dir, 'save');
  await mkdir(join(save, 'abc'), { recursive: true });
  await writeFile(join(save, 'abc', 'layer.tar'), layerTar);
  await writeFile(join(save, `${digestOf(config).slice(7)}.json`), config);
  await writeFile(
    join(save, 'manifest.json'),
    JSON.stringify([
      {
        Config: `${digestOf(config).slice(7)}.json`,
        RepoTags: ['saved:1.0', 'example.com/x/saved:2'],
        Layers: ['abc/layer.tar'],
      },
    ]),
  );
  await createTar({ cwd: save, file: join(dir, 'save.tar') }, [
    'manifest.json',
    `${digestOf(config).slice(7)}.json`,
    'abc',
  ]);

  assert.deepEqual(await store.load(join(dir, 'save.tar')), [
    'docker.io/library/saved:1.0',
    'example.com/x/saved:2',
  ]);
  const img = await store.resolve('saved:1.0');
  assert.equal(img?.id, digestOf(config));
  assert.equal(await readFile(join(img!.rootfs, 'loaded'), 'utf8'), 'from docker save');
  assert.equal((await store.imageStatus('saved:1.0'))?.uid, 65534);

  // OCI layout: blobs/sha256/…, index.json with a containerd name annotation, gzip layers.
  const oci = buildImage([makeTar([{ path: 'oci', content: 'layout' }])]);
  const layout = join(dir, 'layout');
  await mkdir(join(layout, 'blobs/sha256'), { recursive: true });
  for (const b of [oci.config, oci.manifest, ...oci.layers.map((l) => l.blob)])
    await writeFile(join(layout, 'blobs/sha256', digestOf(b).slice(7)), b);
  await writeFile(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: oci.manifestDigest,
          size: oci.manifest.length,
          annotations: { 'io.containerd.image.name': 'registry.test/oci/app:v3' },
        },
      ],
    }),
  );
  await createTar({ cwd: layout, file: join(dir, 'oci.tar'), gzip: true }, [
    'oci-layout',
    'index.json',
    'blobs',
  ]);
  assert.deepEqual(await store.load(join(dir, 'oci.tar')), ['registry.test/oci/app:v3']);
  const o = await store.resolve('registry.test/oci/app:v3');
  assert.deepEqual(o?.repoDigests, [`registry.test/oci/app@${oci.manifestDigest}`]);
  assert.equal(await readFile(join(o!.rootfs, 'oci'), 'utf8'), 'layout');

  await writeFile(join(dir, 'junk.tar'), 'not a tar at all');
  await assert.rejects(store.load(join(dir, 'junk.tar')), /junk.tar: /);
  await assert.rejects(store.load(join(dir, 'missing.tar')), /missing.tar: no such file/);
});
