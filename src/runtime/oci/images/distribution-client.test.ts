import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DistributionClient, parseChallenge } from './distribution-client.js';
import { PLATFORM } from './manifest.js';
import { parseReference } from '../../../util/image-reference.js';
import { parseRegistries } from './registries.js';
import {
  buildImage,
  buildIndex,
  forwardTo,
  makeTar,
  pushImage,
  pushManifest,
  serveLoopback,
  startRegistry,
  type TestRegistry,
} from './testing-push.js';

let reg: TestRegistry;
before(async () => {
  reg = await startRegistry();
});
after(async () => {
  await reg?.stop();
});

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test('parses WWW-Authenticate challenges', () => {
  assert.deepEqual(
    parseChallenge(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
    ),
    {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), {
    scheme: 'basic',
    params: { realm: 'Registry Realm' },
  });
  assert.deepEqual(parseChallenge('Bearer realm=http://x/t, service=s'), {
    scheme: 'bearer',
    params: { realm: 'http://x/t', service: 's' },
  });
  assert.equal(parseChallenge(undefined), undefined);
});

test('Basic auth challenge; blob redirects are followed without the credentials', async () => {
  const img = buildImage([makeTar([{ path: 'r', content: 'redirected' }])]);
  await pushImage(reg.url, 'basic/app', 'v1', img);
  const blobHostAuth: (string | undefined)[] = [];
  const blobHost = await serveLoopback((req, res) => {
    blobHostAuth.push(req.headers.authorization);
    forwardTo(reg.url, req, res);
  });
  const good = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
  const front = await serveLoopback((req, res) => {
    if (req.headers.authorization !== good) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' });
      return res.end();
    }
    if (req.url?.includes('/blobs/')) {
      res.writeHead(307, { Location: `http://${blobHost.host}${req.url}` });
      return res.end();
    }
    forwardTo(reg.url, req, res);
  });
  const client = new DistributionClient({
    registries: parseRegistries(
      `configs:\n  "${front.host}":\n    auth: { username: alice, password: pw }\n`,
    ),
  });
  const anon = new DistributionClient({ registries: parseRegistries('') });
  try {
    const r = await client.resolve(parseReference(`${front.host}/basic/app:v1`));
    assert.equal(r.manifestDigest, img.manifestDigest);
    const layer = await readAll(await client.fetchBlob(r, r.manifest.layers[0]));
    assert.deepEqual(layer, img.layers[0].blob);
    assert.deepEqual(blobHostAuth, [undefined]);
    await assert.rejects(
      anon.resolve(parseReference(`${front.host}/basic/app:v1`)),
      /pull access denied, repository does not exist or may require authorization: no basic auth credentials/,
    );
  } finally {
    client.close();
    anon.close();
    await front.close();
    await blobHost.close();
  }
});

test("an index without this machine's platform is refused; a wrong registry-claimed digest is detected", async () => {
  const other = PLATFORM.architecture === 's390x' ? 'arm64' : 's390x';
  const arm = buildImage([makeTar([{ path: 'a', content: 'other' }])], { architecture: other });
  await pushImage(reg.url, 'plat/app', undefined, arm);
  await pushManifest(reg.url, 'plat/app', 'arm-only', buildIndex([{ image: arm, architecture: other }]));
  const client = new DistributionClient({ registries: parseRegistries('') });
  const liar = await serveLoopback((req, res) => {
    const t = new URL(reg.url);
    const up = request({ host: t.hostname, port: t.port, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, {
        ...r.headers,
        'docker-content-digest': 'sha256:' + '0'.repeat(64),
      });
      r.pipe(res);
    });
    up.end();
  });
  try {
    await assert.rejects(
      client.resolve(parseReference(`${reg.host}/plat/app:arm-only`)),
      /no match for platform in manifest: not found/,
    );
    await assert.rejects(
      client.resolve(parseReference(`${liar.host}/plat/app:arm-only`)),
      /does not match Docker-Content-Digest sha256:0000/,
    );
  } finally {
    client.close();
    await liar.close();
  }
});

test('HTTPS registries: ca_file trusts a private CA, insecure_skip_verify skips checks, else refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-tls-'));
  const run = promisify(execFile);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  const img = buildImage([makeTar([{ path: 't', content: 'tls' }])]);
  await pushImage(reg.url, 'tls/app', 'v1', img);
  const server = createHttpsServer(
    { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) },
    (req, res) => forwardTo(reg.url, req, res),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  const clients = [
    `configs:\n  "${host}":\n    tls: { ca_file: ${join(dir, 'cert.pem')} }\n`,
    `configs:\n  "${host}":\n    tls: { insecure_skip_verify: true }\n`,
    `configs:\n  "${host}":\n    tls: {}\n`,
  ].map((y) => new DistributionClient({ registries: parseRegistries(y) }));
  try {
    const ref = parseReference(`${host}/tls/app:v1`);
    for (const c of clients.slice(0, 2)) {
      const r = await c.resolve(ref);
      assert.equal(r.endpoint.origin, `https://${host}`);
      assert.deepEqual(await readAll(await c.fetchBlob(r, r.manifest.config)), img.config);
    }
    await assert.rejects(
      clients[2].resolve(ref),
      /failed to do request: Get "https:\/\/127.0.0.1:\d+\/v2\/tls\/app\/manifests\/v1": self.signed certificate/,
    );
  } finally {
    for (const c of clients) c.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  }
});
