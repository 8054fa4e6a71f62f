import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import YAML from 'yaml';
import { buildTestImages, MEDIA_TYPES, type TestImageSet } from './build.js';
import { sha256 as digestOf } from './layer.js';
import { startTestRegistry, writeRegistriesYaml, type TestRegistry } from './registry.js';

const ACCEPT = [
  MEDIA_TYPES.docker.manifest,
  MEDIA_TYPES.oci.manifest,
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

const skip = registryUnavailableReason();

describe('test registry', { skip }, () => {
  let set: TestImageSet;
  let registry: TestRegistry;
  before(async () => {
    set = await buildTestImages();
    registry = await startTestRegistry();
  });
  after(() => registry?.stop());

  test('serves nginx:latest as docker.io names it, every blob fetchable and digest-correct', async () => {
    assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
    assert.equal(registry.url, `http://${registry.host}`);
    const r = await fetch(`${registry.url}/v2/library/nginx/manifests/latest`, {
      headers: { accept: ACCEPT },
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), MEDIA_TYPES.docker.manifest);
    const body = Buffer.from(await r.arrayBuffer());
    assert.equal(r.headers.get('docker-content-digest'), digestOf(body));
    assert.equal(digestOf(body), set.find('nginx')!.manifests.docker.digest);
    const manifest = JSON.parse(body.toString());
    assert.equal(manifest.config.mediaType, MEDIA_TYPES.docker.config);
    assert.equal(manifest.layers.length, 2);
    for (const d of [manifest.config, ...manifest.layers] as { digest: string; size: number }[]) {
      const blob = await fetch(`${registry.url}/v2/library/nginx/blobs/${d.digest}`);
      assert.equal(blob.status, 200, d.digest);
      const data = Buffer.from(await blob.arrayBuffer());
      assert.equal(digestOf(data), d.digest);
      assert.equal(data.length, d.size);
    }
    const config = JSON.parse(
      Buffer.from(
        await (await fetch(`${registry.url}/v2/library/nginx/blobs/${manifest.config.digest}`)).arrayBuffer(),
      ).toString(),
    );
    assert.deepEqual(config.config.Cmd, ['nginx', '-g', 'daemon off;']);
  });

  test('has every tag of busybox, nginx and myapp', async () => {
    const tags = async (repo: string) =>
      (
        (await (await fetch(`${registry.url}/v2/${repo}/tags/list`)).json()) as { tags: string[] }
      ).tags.sort();
    assert.ok(
      ['latest', '1.36', '1.35'].every((t) => registry.pushed.includes(`docker.io/library/busybox:${t}`)),
    );
    assert.deepEqual(await tags('library/busybox'), [...set.find('busybox')!.tags].sort());
    assert.deepEqual(await tags('library/nginx'), [...set.find('nginx')!.tags].sort());
    assert.deepEqual(await tags('library/myapp'), ['v1', 'v2']);
    // myapp's layers were mounted from nginx's repository, and its own layer is there too.
    for (const l of set.find('myapp:v2')!.layers) {
      assert.equal(
        (await fetch(`${registry.url}/v2/library/myapp/blobs/${l.digest}`, { method: 'HEAD' })).status,
        200,
      );
    }
  });
});

describe('test registry options', { skip }, () => {
  test('pushes only the images asked for, as OCI manifests when asked; stop leaves nothing behind', async (t) => {
    await buildTestImages();
    const started = Date.now();
    const registry = await startTestRegistry({ images: ['busybox:1.36'], format: 'oci' });
    t.diagnostic(`warm start and push of busybox: ${Date.now() - started} ms`);
    try {
      const r = await fetch(`${registry.url}/v2/library/busybox/manifests/1.36`, {
        headers: { accept: ACCEPT },
      });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), MEDIA_TYPES.oci.manifest);
      assert.equal(
        (await fetch(`${registry.url}/v2/library/nginx/manifests/latest`, { headers: { accept: ACCEPT } }))
          .status,
        404,
      );
    } finally {
      await registry.stop();
    }
    assert.throws(() => process.kill(registry.pid, 0), { code: 'ESRCH' });
    await assert.rejects(fetch(`${registry.url}/v2/`));
    await registry.stop(); // idempotent
  });

  test('pushing every image takes well under two seconds once they are built', async (t) => {
    await buildTestImages();
    const started = Date.now();
    const registry = await startTestRegistry();
    const ms = Date.now() - started;
    await registry.stop();
    t.diagnostic(`warm start and push of all images: ${ms} ms`);
    assert.ok(ms < 2000, `${ms} ms`);
  });

  test('rejects an image it does not have, naming those it has', async () => {
    await assert.rejects(
      startTestRegistry({ images: ['alpine'] }),
      /no test image alpine; there are busybox:latest,/,
    );
  });
});

describe('registries.yaml', () => {
  test('mirrors docker.io to the registry, keeping what else the file says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeling-registries-yaml-'));
    try {
      const file = await writeRegistriesYaml(join(dir, 'data'), 'http://127.0.0.1:5000');
      assert.equal(file, join(dir, 'data', 'registries.yaml'));
      assert.deepEqual(YAML.parse(await readFile(file, 'utf8')), {
        mirrors: { 'docker.io': { endpoint: ['http://127.0.0.1:5000'] } },
      });
      await writeFile(
        file,
        YAML.stringify({
          mirrors: {
            'docker.io': { endpoint: ['https://mirror.example'] },
            'quay.io': { endpoint: ['https://q.example'] },
          },
          configs: { 'q.example': { auth: { username: 'u' } } },
        }),
      );
      await writeRegistriesYaml(join(dir, 'data'), 'http://127.0.0.1:5001');
      assert.deepEqual(YAML.parse(await readFile(file, 'utf8')), {
        mirrors: {
          'docker.io': { endpoint: ['http://127.0.0.1:5001'] },
          'quay.io': { endpoint: ['https://q.example'] },
        },
        configs: { 'q.example': { auth: { username: 'u' } } },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function registryUnavailableReason(): string | undefined {
  if (!['/usr/bin/docker-registry', '/usr/local/bin/docker-registry'].some((p) => existsSync(p))) {
    return 'docker-registry is not installed (scripts/setup.sh installs it as root)';
  }
  return undefined;
}
