/**
 * @module test/e2e/serving
 * Serving basics seen through kubectl: health endpoints, 401 for bad credentials, paged lists, watch
 * timeouts, deletecollection, generateName and server-side dry run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { useCluster } from './harness.js';

const NS = 'serving';

const cluster = useCluster(async (k) => {
  await k.kubectl(['create', 'namespace', NS]);
  const docs = [];
  for (let i = 0; i < 7; i++) {
    docs.push(
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: page-${i}, namespace: ${NS}, labels: {set: pages}}\n`,
    );
  }
  await k.kubectl(['apply', '-f', k.file('pages.yaml', docs.join(''))]);
});

test('/readyz, /livez, /healthz and /version answer', async () => {
  const k = cluster();
  for (const path of ['/readyz', '/livez', '/healthz']) {
    assert.equal((await k.kubectl(['get', '--raw', path])).stdout, 'ok', path);
  }
  const verbose = (await k.kubectl(['get', '--raw', '/readyz?verbose'])).stdout;
  assert.equal(verbose, '[+]ping ok\n[+]storage-watch ok\n[+]bootstrap ok\nreadyz check passed\n');
  assert.equal((await k.kubectl(['get', '--raw', '/livez/storage-watch'])).stdout, 'ok');
  const missing = await k.kubectl(['get', '--raw', '/livez/no-such-check'], { allowFail: true });
  assert.equal(missing.code, 1);
  const v = JSON.parse((await k.kubectl(['get', '--raw', '/version'])).stdout);
  assert.equal(v.major, '1');
  assert.equal(v.minor, '32');
});

test('a request with a bad token is refused with 401', async () => {
  const k = cluster();
  // Same server and CA, but the credential is replaced by an unknown bearer token.
  const cfg = parseYaml(
    (await k.kubectl(['config', 'view', '--raw', '--minify', '--flatten', '-o', 'yaml'])).stdout,
  );
  const user = cfg.users[0].user;
  for (const key of Object.keys(user)) delete user[key];
  user.token = 'not-a-valid-token';
  const file = k.file('bad-kubeconfig.yaml', JSON.stringify(cfg));
  const r = await k.kubectl(['--kubeconfig', file, 'get', 'pods', '-n', NS], { allowFail: true });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /error: You must be logged in to the server \(Unauthorized\)/);
});

test('lists are paged with limit/continue and kubectl --chunk-size joins the pages', async () => {
  const k = cluster();
  const page1 = JSON.parse(
    (
      await k.kubectl([
        'get',
        '--raw',
        `/api/v1/namespaces/${NS}/configmaps?labelSelector=set%3Dpages&limit=3`,
      ])
    ).stdout,
  );
  assert.equal(page1.items.length, 3);
  assert.ok(page1.metadata.continue, 'a continue token');
  // Upstream reports remainingItemCount only for lists without selectors.
  assert.equal(page1.metadata.remainingItemCount, undefined);
  const everything = JSON.parse(
    (await k.kubectl(['get', '--raw', `/api/v1/namespaces/${NS}/configmaps`])).stdout,
  );
  const unfiltered = JSON.parse(
    (await k.kubectl(['get', '--raw', `/api/v1/namespaces/${NS}/configmaps?limit=3`])).stdout,
  );
  assert.equal(unfiltered.metadata.remainingItemCount, everything.items.length - 3);
  const page2 = JSON.parse(
    (
      await k.kubectl([
        'get',
        '--raw',
        `/api/v1/namespaces/${NS}/configmaps?labelSelector=set%3Dpages&limit=3&continue=${encodeURIComponent(page1.metadata.continue)}`,
      ])
    ).stdout,
  );
  const names = [...page1.items, ...page2.items].map((i: { metadata: { name: string } }) => i.metadata.name);
  assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
  assert.equal(
    page2.metadata.resourceVersion,
    page1.metadata.resourceVersion,
    'pages are read at one revision',
  );

  const all = await k.kubectl(['get', 'cm', '-n', NS, '-l', 'set=pages', '--chunk-size=2', '-o', 'name']);
  assert.equal(all.stdout.trim().split('\n').length, 7);
});

test('a watch with timeoutSeconds ends by itself', async () => {
  const k = cluster();
  const started = Date.now();
  const r = await k.kubectl([
    'get',
    '--raw',
    `/api/v1/namespaces/${NS}/configmaps?watch=true&timeoutSeconds=1&labelSelector=set%3Dpages`,
  ]);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 8000, `took ${elapsed} ms`);
  const events = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(events.length, 7);
  assert.ok(events.every((e) => e.type === 'ADDED'));
});

test('generateName, server-side dry run and deletecollection', async () => {
  const k = cluster();
  const file = k.file(
    'gen.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: gen-, namespace: ${NS}, labels: {set: gen}}\n`,
  );
  const made = await k.kubectl(['create', '-f', file]);
  assert.match(made.stdout, /^configmap\/gen-[a-z0-9]{5} created\n$/);

  const dry = k.file(
    'dry.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry, namespace: ${NS}}\n`,
  );
  assert.equal(
    (await k.kubectl(['apply', '-f', dry, '--dry-run=server'])).stdout,
    'configmap/dry created (server dry run)\n',
  );
  assert.equal((await k.kubectl(['get', 'cm', 'dry', '-n', NS], { allowFail: true })).code, 1);

  const del = await k.kubectl(['delete', 'cm', '-n', NS, '-l', 'set in (pages,gen)']);
  assert.equal(del.stdout.trim().split('\n').length, 8);
  const left = await k.kubectl(['get', 'cm', '-n', NS, '-l', 'set', '-o', 'name']);
  assert.equal(left.stdout, '');

  // A real deletecollection request.
  for (const n of ['x1', 'x2']) await k.kubectl(['create', 'configmap', n, '-n', NS]);
  await k.kubectl([
    'delete',
    '--raw',
    `/api/v1/namespaces/${NS}/configmaps?fieldSelector=metadata.name%3Dx1`,
  ]);
  const rest = await k.kubectl(['get', 'cm', 'x1', 'x2', '-n', NS, '-o', 'name'], { allowFail: true });
  assert.equal(rest.stdout, 'configmap/x2\n');
  assert.match(rest.stderr, /configmaps "x1" not found/);
});
