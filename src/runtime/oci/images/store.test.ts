import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError } from '../../interface.js';
import { PLATFORM } from './manifest.js';
import { createImageStore, type ImageStore } from './store.js';
import {
  buildImage,
  buildIndex,
  digestOf,
  makeTar,
  pushImage,
  pushManifest,
  startProxy,
  startRegistry,
  type TestRegistry,
} from './testing-push.js';

let reg: TestRegistry;
let work: string;
const stores: ImageStore[] = [];
let seq = 0;

before(async () => {
  reg = await startRegistry();
  work = await mkdtemp(join(tmpdir(), 'kubeling-store-'));
});

after(async () => {
  for (const s of stores) await s.close();
  await reg?.stop();
  await rm(work, { recursive: true, force: true });
});

async function newStore(registriesYaml?: string): Promise<{ store: ImageStore; root: string }> {
  const dir = join(work, `s${seq++}`);
  await mkdir(dir, { recursive: true });
  let registriesFile: string | undefined;
  if (registriesYaml) {
    registriesFile = join(dir, 'registries.yaml');
    await writeFile(registriesFile, registriesYaml);
  }
  const root = join(dir, 'oci', 'images');
  const store = createImageStore({ root, registriesFile });
  stores.push(store);
  return { store, root };
}

const base = makeTar([
  { path: 'etc', type: 'Directory' },
  { path: 'etc/os-release', content: 'ID=test\n' },
  { path: 'etc/remove-me', content: 'x' },
  { path: 'var', type: 'Directory' },
  { path: 'var/cache', type: 'Directory' },
  { path: 'var/cache/a', content: 'a' },
  { path: 'var/cache/b', content: 'b' },
]);
const top = makeTar([
  { path: 'etc', type: 'Directory' },
  { path: 'etc/.wh.remove-me' },
  { path: 'var/cache', type: 'Directory' },
  { path: 'var/cache/.wh..wh..opq' },
  { path: 'var/cache/c', content: 'c' },
  { path: 'app', content: 'app v1', mode: 0o755, uid: 1000, gid: 1000 },
]);

test('pulls a single-manifest image: record, rootfs with whiteouts, names, user', async () => {
  const img = buildImage([base, top], {
    config: { User: '1000:1000', Cmd: ['/app'], Env: ['A=1'] },
    docker: true,
  });
  await pushImage(reg.url, 'test/app', 'v1', img);
  const { store, root } = await newStore();
  const name = `${reg.host}/test/app:v1`;
  const pulled = await store.pull(name);
  assert.equal(pulled.id, img.configDigest);
  assert.deepEqual(pulled.repoTags, [name]);
  assert.deepEqual(pulled.repoDigests, [`${reg.host}/test/app@${img.manifestDigest}`]);
  assert.equal(pulled.size, img.layers[0].blob.length + img.layers[1].blob.length);
  assert.deepEqual(pulled.config.Cmd, ['/app']);
  assert.equal(await readFile(join(pulled.rootfs, 'etc/os-release'), 'utf8'), 'ID=test\n');
  await assert.rejects(lstat(join(pulled.rootfs, 'etc/remove-me')), /ENOENT/);
  assert.deepEqual((await readdir(join(pulled.rootfs, 'var/cache'))).sort(), ['c']);
  const app = await lstat(join(pulled.rootfs, 'app'));
  assert.deepEqual([app.uid, app.mode & 0o777], [1000, 0o755]);

  const status = await store.imageStatus(name);
  assert.equal(status?.uid, 1000);
  assert.equal(status?.username, undefined);
  for (const q of [
    name,
    img.configDigest,
    img.configDigest.slice(7, 19),
    `${reg.host}/test/app@${img.manifestDigest}`,
  ])
    assert.equal((await store.resolve(q))?.id, img.configDigest, q);
  assert.equal(await store.resolve(`${reg.host}/test/app:v2`), undefined);
  const ref = await store.pullImage(name);
  assert.equal(ref.ref, img.configDigest);
  assert.equal((await store.listImages()).length, 1);

  // A store opened again on the same root sees the image.
  const again = createImageStore({ root });
  stores.push(again);
  assert.equal((await again.resolve(name))?.rootfs, pulled.rootfs);
});

test("an index resolves to this machine's platform; the repo digest is the index digest; username users", async () => {
  const host = PLATFORM.architecture;
  const other = host === 's390x' ? 'arm64' : 's390x';
  const amd = buildImage([makeTar([{ path: 'arch', content: host }])], { config: { User: 'nginx' } });
  const arm = buildImage([makeTar([{ path: 'arch', content: other }])], { architecture: other });
  await pushImage(reg.url, 'test/multi', undefined, amd);
  await pushImage(reg.url, 'test/multi', undefined, arm);
  const index = buildIndex([
    { image: arm, architecture: other },
    { image: amd, architecture: host },
  ]);
  await pushManifest(reg.url, 'test/multi', '1.0', index);
  const { store } = await newStore();
  const img = await store.pull(`${reg.host}/test/multi:1.0`);
  assert.equal(img.id, amd.configDigest);
  assert.equal(await readFile(join(img.rootfs, 'arch'), 'utf8'), host);
  assert.deepEqual(img.repoDigests, [`${reg.host}/test/multi@${digestOf(index)}`]);
  const st = await store.imageStatus(img.id);
  assert.deepEqual([st?.uid, st?.username], [undefined, 'nginx']);
  // Pull by digest works too.
  assert.equal((await store.pull(`${reg.host}/test/multi@${digestOf(index)}`)).id, amd.configDigest);
});

test('missing images and bad names fail with containerd-like messages (the CRI pull in gRPC framing)', async () => {
  const { store } = await newStore();
  const name = `${reg.host}/test/nope:latest`;
  const detail = `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  await assert.rejects(
    store.pull(`${reg.host}/test/nope`),
    (e: unknown) => RuntimeError.is(e) && e.message === detail,
  );
  await assert.rejects(
    store.pullImage(`${reg.host}/test/nope`),
    (e: unknown) =>
      RuntimeError.is(e, 'ImagePullFailed') && e.message === `rpc error: code = NotFound desc = ${detail}`,
  );
  await assert.rejects(
    store.pullImage('Bad Name'),
    (e: unknown) => RuntimeError.is(e, 'ImagePullFailed') && /invalid reference format/.test(e.message),
  );
  await assert.rejects(
    store.pullImage('127.0.0.1:1/x'),
    /rpc error: code = Unknown desc = failed to pull and unpack image .*failed to resolve reference "127.0.0.1:1\/x:latest": failed to do request: Get "http:\/\/127.0.0.1:1\/v2\/x\/manifests\/latest": dial tcp 127.0.0.1:1: connect: connection refused/,
  );
});

test('a tampered blob is detected; nothing is stored under its digest', async () => {
  const img = buildImage([makeTar([{ path: 'f', content: 'genuine' }])]);
  await pushImage(reg.url, 'test/tamper', 'v1', img);
  const layer = img.layers[0];
  const proxy = await startProxy(reg.url, (req, res) => {
    if (req.url?.endsWith(`/blobs/${layer.digest}`)) {
      const bad = Buffer.from(layer.blob);
      bad[bad.length - 5] ^= 0xff;
      res.writeHead(200, { 'Content-Length': bad.length, 'Docker-Content-Digest': layer.digest });
      res.end(bad);
      return true;
    }
    return false;
  });
  try {
    const { store, root } = await newStore();
    await assert.rejects(
      store.pullImage(`${proxy.host}/test/tamper:v1`),
      (e: unknown) =>
        RuntimeError.is(e, 'ImagePullFailed') &&
        e.message.includes(`failed to copy: unexpected commit digest sha256:`) &&
        e.message.includes(`expected ${layer.digest}: failed precondition`),
    );
    await assert.rejects(lstat(join(root, 'blobs/sha256', layer.digest.slice(7))), /ENOENT/);
    assert.deepEqual(await readdir(join(root, 'ingest')), []);
    assert.deepEqual(await store.listImages(), []);
  } finally {
    await proxy.close();
  }
});

test('bearer token auth: anonymous refused, credentials from registries.yaml or the pull accepted', async () => {
  const img = buildImage([makeTar([{ path: 'secret', content: 's' }])]);
  await pushImage(reg.url, 'private/app', 'v1', img);
  let tokenRequests = 0;
  let proxyHost = '';
  const proxy = await startProxy(reg.url, (req, res) => {
    if (req.url?.startsWith('/token')) {
      tokenRequests++;
      const u = new URL(req.url, 'http://x');
      const ok =
        req.headers.authorization === `Basic ${Buffer.from('alice:pw').toString('base64')}` &&
        u.searchParams.get('scope') === 'repository:private/app:pull' &&
        u.searchParams.get('service') === 'test-registry';
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(ok ? JSON.stringify({ token: 'good', expires_in: 300 }) : '{}');
      return true;
    }
    if (req.headers.authorization !== 'Bearer good') {
      res.writeHead(401, {
        'WWW-Authenticate': `Bearer realm="http://${proxyHost}/token",service="test-registry",scope="repository:private/app:pull"`,
        'Content-Type': 'application/json',
      });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return true;
    }
    return false;
  });
  proxyHost = proxy.host;
  try {
    const name = `${proxy.host}/private/app:v1`;
    const anon = await newStore();
    await assert.rejects(
      anon.store.pullImage(name),
      new RegExp(
        `failed to resolve reference "${name}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to http://${proxy.host}/token: 401 Unauthorized`,
      ),
    );
    const configured = await newStore(
      `configs:\n  "${proxy.host}":\n    auth: { username: alice, password: pw }\n`,
    );
    assert.equal((await configured.store.pull(name)).id, img.configDigest);
    const viaPull = await newStore();
    assert.equal(
      (await viaPull.store.pullImage(name, { username: 'alice', password: 'pw' })).ref,
      img.configDigest,
    );
    assert.ok(tokenRequests >= 3);
  } finally {
    await proxy.close();
  }
});

test('a docker.io mirror in registries.yaml serves docker.io/library names', async () => {
  const img = buildImage([makeTar([{ path: 'hello', content: 'mirror' }])]);
  await pushImage(reg.url, 'library/mirrored', 'latest', img);
  const { store } = await newStore(`mirrors:\n  docker.io:\n    endpoint: ["${reg.url}"]\n`);
  const pulled = await store.pull('mirrored');
  assert.deepEqual(pulled.repoTags, ['docker.io/library/mirrored:latest']);
  assert.equal(await readFile(join(pulled.rootfs, 'hello'), 'utf8'), 'mirror');
  assert.equal((await store.resolve('mirrored'))?.id, img.configDigest);
  assert.equal((await store.resolve('docker.io/library/mirrored:latest'))?.id, img.configDigest);
});

test('concurrent pulls share downloads: each blob is fetched once; removal keeps shared content', async () => {
  const shared = makeTar([{ path: 'shared', content: 'x'.repeat(50_000) }]);
  const a = buildImage([shared, makeTar([{ path: 'a', content: 'a' }])], { config: { Cmd: ['a'] } });
  const b = buildImage([shared, makeTar([{ path: 'b', content: 'b' }])], { config: { Cmd: ['b'] } });
  await pushImage(reg.url, 'test/share', 'a', a);
  await pushImage(reg.url, 'test/share', 'b', b);
  const gets = new Map<string, number>();
  const proxy = await startProxy(reg.url, (req) => {
    const m = /\/blobs\/(sha256:[a-f0-9]+)$/.exec(req.url ?? '');
    if (m) gets.set(m[1], (gets.get(m[1]) ?? 0) + 1);
    return false;
  });
  try {
    const { store, root } = await newStore();
    const progress: number[] = [];
    const [x, y, z] = await Promise.all([
      store.pull(`${proxy.host}/test/share:a`, { onProgress: (p) => progress.push(p.doneBytes) }),
      store.pull(`${proxy.host}/test/share:a`),
      store.pull(`${proxy.host}/test/share:b`),
    ]);
    assert.equal(x.id, a.configDigest);
    assert.equal(y.id, a.configDigest);
    assert.equal(z.id, b.configDigest);
    assert.equal(gets.get(a.layers[0].digest), 1, 'shared layer downloaded once');
    for (const [d, n] of gets) assert.equal(n, 1, d);
    assert.equal(gets.size, 5);
    assert.ok(progress.length > 0 && progress.every((p, i) => i === 0 || p >= progress[i - 1]));
    // Removing a keeps the shared layer for b; removing b too empties the store.
    await store.removeImage(`${proxy.host}/test/share:a`);
    assert.equal(await store.resolve(a.configDigest), undefined);
    const blobs = await readdir(join(root, 'blobs/sha256'));
    assert.ok(blobs.includes(a.layers[0].digest.slice(7)));
    assert.ok(!blobs.includes(a.layers[1].digest.slice(7)));
    assert.ok(!blobs.includes(a.configDigest.slice(7)));
    assert.deepEqual(await readdir(join(root, 'rootfs')), [z.rootfs.split('/').pop()]);
    await store.removeImage(z.id);
    await store.removeImage(z.id); // idempotent
    assert.deepEqual(await readdir(join(root, 'blobs/sha256')), []);
    assert.deepEqual(await readdir(join(root, 'rootfs')), []);
    assert.deepEqual(await readdir(join(root, 'images')), []);
  } finally {
    await proxy.close();
  }
});

test('a tag that moves leaves the old image untagged', async () => {
  const v1 = buildImage([makeTar([{ path: 'v', content: '1' }])]);
  const v2 = buildImage([makeTar([{ path: 'v', content: '2' }])]);
  const { store } = await newStore();
  const name = `${reg.host}/test/moving:latest`;
  await pushImage(reg.url, 'test/moving', 'latest', v1);
  await store.pull(name);
  await pushImage(reg.url, 'test/moving', 'latest', v2);
  await store.pull(name);
  assert.equal((await store.resolve(name))?.id, v2.configDigest);
  assert.deepEqual((await store.imageStatus(v1.configDigest))?.repoTags, []);
});

test('markUsed updates last-used; usage reports the filesystem', async () => {
  const img = buildImage([makeTar([{ path: 'u', content: 'u' }])]);
  await pushImage(reg.url, 'test/used', 'v1', img);
  let now = 1_000;
  const dir = join(work, `s${seq++}`);
  const store = createImageStore({ root: join(dir, 'images'), clock: { now: () => now } });
  stores.push(store);
  await store.pull(`${reg.host}/test/used:v1`);
  now = 5_000;
  store.markUsed(img.configDigest);
  const [st] = await store.listImages();
  assert.deepEqual([st.createdAt, st.lastUsed], [1_000, 5_000]);
  // Many at once are written together, with the newest time, which a reopened store reads.
  for (let i = 1; i <= 50; i++) {
    now = 5_000 + i;
    store.markUsed(img.configDigest);
  }
  await store.close();
  const again = createImageStore({ root: join(dir, 'images') });
  stores.push(again);
  assert.equal((await again.listImages())[0].lastUsed, 5_050);
  const u = await store.usage();
  assert.ok(u.capacityBytes > 0 && u.availableBytes > 0 && u.availableBytes <= u.capacityBytes);
});
