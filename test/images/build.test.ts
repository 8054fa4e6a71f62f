import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { buildTestImages, testImagesDir, type TestImageSet } from './build.js';
import { LayerTree, sha256, writeLayer, writeTar } from './layer.js';
import { runcUnavailableReason, runImage, runImageToExit } from './runc-check.js';

const execFileP = promisify(execFile);

describe('layers', () => {
  test('the same tree gives the same bytes, entries sorted with parents first', () => {
    const a = new LayerTree()
      .file('/b/z', 'z')
      .symlink('/a/x', '/bin/busybox')
      .file('/a-b', 'q')
      .dir('/tmp', 0o1777);
    const b = new LayerTree()
      .dir('/tmp', 0o1777)
      .file('/a-b', 'q')
      .file('/b/z', 'z')
      .symlink('/a/x', '/bin/busybox');
    assert.deepEqual(writeLayer(a), writeLayer(b));
    assert.deepEqual(
      a.entries().map(([p]) => p),
      ['a', 'a/x', 'a-b', 'b', 'b/z', 'tmp'],
    );
    const l = writeLayer(a);
    assert.equal(l.diffId, sha256(gunzipSync(l.blob)));
    assert.equal(l.diffId, sha256(writeTar(a)));
  });
});

describe('test images', () => {
  let root: string;
  let set: TestImageSet;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kubeling-images-test-'));
    set = await buildTestImages({ cacheRoot: root });
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('two processes building at once get the same, complete set (deterministic build)', async () => {
    const other = await mkdtemp(join(tmpdir(), 'kubeling-images-test-'));
    try {
      // Two processes, so that both really build and race to rename their build into place.
      const script = `const m = await import(${JSON.stringify(new URL('./build.js', import.meta.url).href)});
        const s = await m.buildTestImages({ cacheRoot: ${JSON.stringify(other)} });
        console.log(JSON.stringify({ dir: s.dir, images: s.images }));`;
      const run = () =>
        execFileP(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      const [a, b] = (await Promise.all([run(), run()])).map(
        (r) => JSON.parse(r.stdout) as Pick<TestImageSet, 'dir' | 'images'>,
      );
      assert.deepEqual(a.images, set.images);
      assert.deepEqual(b.images, set.images);
      assert.equal(a.dir, testImagesDir(other));
      // Only the final directory is left: the losing build's temporary directory is removed.
      assert.deepEqual(await readdir(other), [a.dir.slice(other.length + 1)]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('names the repositories and tags manifests ask for, sharing layers', () => {
    assert.equal(set.find('busybox')?.tags.includes('1.36'), true);
    assert.equal(set.find('busybox:latest'), set.find('docker.io/library/busybox:1.36'));
    const nginx = set.find('nginx:1.27')!;
    assert.equal(nginx, set.find('nginx'));
    const v1 = set.find('myapp:v1')!;
    const v2 = set.find('myapp:v2')!;
    assert.notEqual(v1.manifests.docker.digest, v2.manifests.docker.digest);
    assert.deepEqual(v1.layers.slice(0, 2), nginx.layers);
    assert.deepEqual(nginx.layers.slice(0, 1), set.find('busybox')!.layers);
    assert.equal(set.find(`nginx@${nginx.manifests.oci.digest}`), nginx);
    assert.equal(set.find('alpine'), undefined);
    assert.equal(set.find('Not A Reference'), undefined);
  });

  test('every blob is stored under its digest and the layout index names every tag', async () => {
    for (const image of set.images) {
      for (const d of [image.config, ...image.layers, image.manifests.docker, image.manifests.oci]) {
        const data = await readFile(set.blobPath(d.digest));
        assert.equal(sha256(data), d.digest);
        assert.equal(data.length, d.size);
      }
      const manifest = JSON.parse(await readFile(set.blobPath(image.manifests.docker.digest), 'utf8'));
      assert.equal(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
      assert.deepEqual(
        manifest.layers.map((l: { digest: string }) => l.digest),
        image.layers.map((l) => l.digest),
      );
      const config = JSON.parse(await readFile(set.blobPath(image.config.digest), 'utf8'));
      assert.equal(config.rootfs.diff_ids.length, image.layers.length);
    }
    const index = JSON.parse(await readFile(join(set.dir, 'index.json'), 'utf8'));
    const names = index.manifests.map(
      (m: { annotations: Record<string, string> }) => m.annotations['org.opencontainers.image.ref.name'],
    );
    assert.ok(names.includes('docker.io/library/nginx:latest'));
    assert.ok(names.includes('docker.io/library/myapp:v2'));
  });

  test('image configs: busybox runs sh, nginx runs nginx in the foreground on port 80', async () => {
    const config = async (ref: string) =>
      JSON.parse(await readFile(set.blobPath(set.find(ref)!.config.digest), 'utf8')).config;
    assert.deepEqual((await config('busybox')).Cmd, ['sh']);
    const nginx = await config('nginx');
    assert.deepEqual(nginx.Cmd, ['nginx', '-g', 'daemon off;']);
    assert.deepEqual(nginx.ExposedPorts, { '80/tcp': {} });
    assert.equal(nginx.StopSignal, 'SIGQUIT');
    assert.deepEqual((await config('myapp:v1')).Entrypoint, ['/docker-entrypoint.sh']);
  });

  const skip = runcUnavailableReason();

  test('busybox runs under runc, with the applets manifests use', { skip }, async () => {
    const busybox = set.find('busybox')!;
    const r = await runImageToExit(set, busybox, ['sh', '-c', 'echo ok']);
    assert.deepEqual(r, { code: 0, output: 'ok\n' });
    const applets = await runImageToExit(set, busybox, [
      'sh',
      '-c',
      'which sh nslookup wget tar hostname cat sleep id; id -u nobody; ls -ld /tmp',
    ]);
    assert.equal(applets.code, 0, applets.output);
    const lines = applets.output.trim().split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      '/bin/sh',
      '/usr/bin/nslookup',
      '/usr/bin/wget',
      '/bin/tar',
      '/bin/hostname',
      '/bin/cat',
      '/bin/sleep',
      '/usr/bin/id',
    ]);
    assert.equal(lines[8], '65534');
    assert.match(lines[9], /^drwxrwxrwt /);
  });

  test('nginx serves its welcome page under runc, its workers as user nginx', { skip }, async () => {
    const c = await runImage(set, set.find('nginx')!);
    try {
      const page = await retry(() => c.exec(['wget', '-qO-', 'http://127.0.0.1/']));
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
      const ps = await c.exec(['ps', '-o', 'user,args']);
      assert.match(ps, /root\s+nginx: master process nginx -g daemon off;/);
      assert.match(ps, /nginx\s+nginx: worker process/);
      await retry(async () => assert.match(c.output(), /"GET \/ HTTP\/1.1" 200/));
    } finally {
      await c.stop();
    }
  });

  test('myapp:v1 and v2 serve their version and the hostname under runc', { skip }, async () => {
    for (const v of ['v1', 'v2']) {
      const c = await runImage(set, set.find(`myapp:${v}`)!, { hostname: `myapp-${v}-7d9c` });
      try {
        const page = await retry(() => c.exec(['wget', '-qO-', 'http://127.0.0.1/']));
        assert.equal(page, `Hello MyApp | Version: ${v} | <a href="hostname.html">Pod Name</a>\n`);
        assert.equal(await c.exec(['wget', '-qO-', 'http://127.0.0.1/hostname.html']), `myapp-${v}-7d9c\n`);
      } finally {
        await c.stop();
      }
    }
  });
});

/** Retries `fn` every 50 ms for up to 10 s (a server takes a moment to listen). */
async function retry<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
