import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointsFor, EMPTY_REGISTRIES, loadRegistries, parseRegistries } from './registries.js';

test('mirrors are tried in order, then the registry itself', () => {
  const cfg = parseRegistries(`
mirrors:
  docker.io:
    endpoint: ["http://127.0.0.1:5000", "https://mirror.example.com/cache"]
configs:
  "127.0.0.1:5000":
    auth: { username: u, password: p }
  "mirror.example.com":
    tls: { insecure_skip_verify: true }
`);
  const eps = endpointsFor(cfg, 'docker.io');
  assert.deepEqual(
    eps.map((e) => [e.origin, e.apiPath, e.upstream]),
    [
      ['http://127.0.0.1:5000', '/v2', false],
      ['https://mirror.example.com', '/cache/v2', false],
      ['https://registry-1.docker.io', '/v2', true],
    ],
  );
  assert.deepEqual(eps[0].auth, { username: 'u', password: 'p', identityToken: undefined });
  assert.equal(eps[1].tls?.insecureSkipVerify, true);
  assert.equal(eps[2].auth, undefined);
});

test('registry without mirror: https, loopback plain http, "*" mirror applies to all', () => {
  assert.deepEqual(
    endpointsFor(EMPTY_REGISTRIES, 'quay.io').map((e) => e.origin),
    ['https://quay.io'],
  );
  assert.deepEqual(
    endpointsFor(EMPTY_REGISTRIES, '127.0.0.1:5000').map((e) => e.origin),
    ['http://127.0.0.1:5000'],
  );
  assert.deepEqual(
    ['localhost:5000', '127.0.0.2:5000', '[::1]:5000', '127.0.0.1.example.com'].map(
      (h) => endpointsFor(EMPTY_REGISTRIES, h)[0].origin,
    ),
    ['http://localhost:5000', 'http://127.0.0.2:5000', 'http://[::1]:5000', 'https://127.0.0.1.example.com'],
  );
  const cfg = parseRegistries('mirrors:\n  "*":\n    endpoint: ["http://127.0.0.1:1"]\n');
  assert.deepEqual(
    endpointsFor(cfg, 'ghcr.io').map((e) => e.origin),
    ['http://127.0.0.1:1', 'https://ghcr.io'],
  );
});

test('auth in base64 and identity token; config keyed by the registry name', () => {
  const cfg = parseRegistries(`
configs:
  docker.io:
    auth: { auth: ${Buffer.from('alice:s3:cret').toString('base64')} }
  ghcr.io:
    auth: { identity_token: tok }
`);
  assert.deepEqual(endpointsFor(cfg, 'docker.io')[0].auth, {
    username: 'alice',
    password: 's3:cret',
    identityToken: undefined,
  });
  assert.equal(endpointsFor(cfg, 'ghcr.io')[0].auth?.identityToken, 'tok');
});

test('malformed files fail with the file and field named', () => {
  assert.throws(
    () => parseRegistries('mirrors:\n  docker.io:\n    endpoint: 5\n', 'R'),
    /R: mirrors.docker.io.endpoint: expected a list/,
  );
  assert.throws(() => parseRegistries('mirrors: [1]', 'R'), /R: mirrors: expected a map/);
  assert.throws(
    () => parseRegistries('configs:\n  h:\n    tls: { ca_file: /nonexistent/ca.pem }\n', 'R'),
    /R: configs.h.tls.ca_file: ENOENT/,
  );
  assert.throws(() => parseRegistries('a: [', 'R'), /^RegistriesConfigError: R: /);
});

test('loadRegistries reads the file, a missing one is empty, ca_file is read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-reg-'));
  try {
    assert.deepEqual(await loadRegistries(join(dir, 'none.yaml')), EMPTY_REGISTRIES);
    await writeFile(join(dir, 'ca.pem'), 'PEM');
    await writeFile(
      join(dir, 'registries.yaml'),
      `configs:\n  "h:1":\n    tls:\n      ca_file: ${join(dir, 'ca.pem')}\n`,
    );
    const cfg = await loadRegistries(join(dir, 'registries.yaml'));
    assert.equal(cfg.configs['h:1'].tls?.ca, 'PEM');
    assert.equal(endpointsFor(cfg, 'h:1')[0].tls?.ca, 'PEM');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with the default endpoint disabled, a mirrored registry is asked only through its mirrors', () => {
  const cfg = {
    ...parseRegistries('mirrors:\n  docker.io:\n    endpoint: ["http://127.0.0.1:5000"]\n'),
    disableDefaultEndpoint: true,
  };
  assert.deepEqual(
    endpointsFor(cfg, 'docker.io').map((e) => e.origin),
    ['http://127.0.0.1:5000'],
  );
  // A registry without mirrors still has only itself to ask.
  assert.deepEqual(
    endpointsFor(cfg, 'quay.io').map((e) => e.origin),
    ['https://quay.io'],
  );
});
