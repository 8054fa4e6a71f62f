import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';
import { createImageStore } from './store.js';
import { buildImage, digestOf, makeTar } from './testing-push.js';

/** An image config naming the layers' diff_ids. */
function configFor(
  layers: Buffer[],
  run: Record<string, unknown> = {},
  diffIds = layers.map(digestOf),
): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: run,
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  );
}

/** Writes a `docker save` archive of one image to `file`. */
async function dockerSave(file: string, config: Buffer, layers: Buffer[], repoTags: string[]): Promise<void> {
  const dir = `${file}.d`;
  const configName = `${digestOf(config).slice(7)}.json`;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, configName), config);
  const layerNames: string[] = [];
  for (const [i, l] of layers.entries()) {
    await mkdir(join(dir, `l${i}`));
    await writeFile(join(dir, `l${i}`, 'layer.tar'), l);
    layerNames.push(`l${i}/layer.tar`);
  }
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: repoTags, Layers: layerNames }]),
  );
  await createTar({ cwd: dir, file }, ['manifest.json', configName, ...layers.map((_, i) => `l${i}`)]);
}

test('loads a docker-save archive and an OCI layout archive', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-load-'));
  const store = createImageStore({ root: join(dir, 'images') });
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const layerTar = makeTar([{ path: 'loaded', content: 'from docker save' }]);
  const config = configFor([layerTar], { User: '65534' });
  await dockerSave(join(dir, 'save.tar'), config, [layerTar], ['saved:1.0', 'example.com/x/saved:2']);

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

test('an archive whose config does not name one diff_id per layer is refused; nothing is stored', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-load-'));
  const store = createImageStore({ root: join(dir, 'images') });
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const layer = makeTar([{ path: 'x', content: 'x' }]);
  await dockerSave(join(dir, 'bad.tar'), configFor([layer], {}, []), [layer], ['bad:1']);
  await assert.rejects(
    store.load(join(dir, 'bad.tar')),
    /bad\.tar: image config has 0 diff_ids for 1 layers/,
  );
  assert.deepEqual(await store.listImages(), []);
  assert.equal(await store.resolve('bad:1'), undefined);
});
