/**
 * `kubectl create token` (the serviceaccounts/NAME/token subresource) and the tokens it prints used
 * as kubectl's bearer token (`kubectl auth whoami` shows the account's user): the claims of upstream's bound tokens, upstream's errors as kubectl
 * prints them, a token that stops working once its account is deleted, and one that outlives a
 * restart of the server (the signing key is kept in the data dir).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, useCluster } from './harness.js';

const cluster = useCluster();

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const part = (token: string, i: 0 | 1) =>
  JSON.parse(Buffer.from(token.split('.')[i], 'base64url').toString());

async function uidOf(kind: string, name: string): Promise<string> {
  const k = cluster();
  return (await k.kubectl(['get', kind, name, '-o', 'jsonpath={.metadata.uid}'])).stdout;
}

/** The default account exists once the service-account controller has made it. */
async function defaultAccount(): Promise<string> {
  return eventually(async () => {
    const r = await cluster().kubectl(['get', 'sa', 'default', '-o', 'jsonpath={.metadata.uid}']);
    assert.ok(r.stdout, 'the default account has a uid');
    return r.stdout;
  });
}

test('kubectl create token default prints a JWT with the bound-token claims, signed by the published key', async () => {
  const k = cluster();
  const saUid = await defaultAccount();
  const r = await k.kubectl(['create', 'token', 'default']);
  assert.match(r.stdout, JWT, 'only the token, no newline when not on a terminal');
  const header = part(r.stdout, 0);
  const claims = part(r.stdout, 1);
  assert.equal(header.alg, 'ES256');
  assert.deepEqual(Object.keys(claims), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
  assert.equal(claims.iss, ISSUER);
  assert.deepEqual(claims.aud, [ISSUER]);
  assert.equal(claims.sub, 'system:serviceaccount:default:default');
  assert.equal(claims.exp - claims.iat, 3600);
  assert.equal(claims.nbf, claims.iat);
  assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 60, 'issued now');
  assert.match(claims.jti, /^[0-9a-f-]{36}$/);
  assert.deepEqual(claims['kubernetes.io'], {
    namespace: 'default',
    serviceaccount: { name: 'default', uid: saUid },
  });
  const jwks = JSON.parse((await k.kubectl(['get', '--raw', '/openid/v1/jwks'])).stdout);
  assert.deepEqual(
    jwks.keys.map((key: { kid: string }) => key.kid),
    [header.kid],
  );
  const config = JSON.parse((await k.kubectl(['get', '--raw', '/.well-known/openid-configuration'])).stdout);
  assert.equal(config.issuer, ISSUER);
  assert.deepEqual(config.id_token_signing_alg_values_supported, ['ES256']);
});

test('--duration, --audience and a bound pod end up in the token and in -o yaml', async () => {
  const k = cluster();
  await defaultAccount();
  await k.kubectl(['run', 'holder', '--image=nginx']);
  const podUid = await uidOf('pod', 'holder');
  const r = await k.kubectl([
    'create',
    'token',
    'default',
    '--duration',
    '2h',
    '--audience',
    'vault',
    '--bound-object-kind',
    'Pod',
    '--bound-object-name',
    'holder',
  ]);
  const claims = part(r.stdout, 1);
  assert.deepEqual(claims.aud, ['vault']);
  assert.equal(claims.exp - claims.iat, 7200);
  assert.deepEqual(claims['kubernetes.io'].pod, { name: 'holder', uid: podUid });

  const yaml = (await k.kubectl(['create', 'token', 'default', '-o', 'yaml'])).stdout;
  assert.match(yaml, /^apiVersion: authentication\.k8s\.io\/v1\nkind: TokenRequest\n/);
  assert.match(
    yaml,
    /\nspec:\n {2}audiences:\n {2}- https:\/\/kubernetes\.default\.svc\.cluster\.local\n {2}boundObjectRef: null\n {2}expirationSeconds: 3600\n/,
  );
  assert.match(yaml, /\nstatus:\n {2}expirationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n {2}token: ey/);

  const stale = await k.kubectl(
    [
      'create',
      'token',
      'default',
      '--bound-object-kind',
      'Pod',
      '--bound-object-name',
      'holder',
      '--bound-object-uid',
      'x',
    ],
    { allowFail: true },
  );
  assert.equal(stale.code, 1);
  assert.equal(
    stale.stderr,
    'error: failed to create token: Operation cannot be fulfilled on Pod "holder": the UID in the bound object reference (x) does not match the UID in record. The object might have been deleted and then recreated\n',
  );
});

test('upstream errors: a missing account, a lifetime under 10 minutes', async () => {
  const k = cluster();
  const missing = await k.kubectl(['create', 'token', 'nope'], { allowFail: true });
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, 'error: failed to create token: serviceaccounts "nope" not found\n');
  await defaultAccount();
  const short = await k.kubectl(['create', 'token', 'default', '--duration', '1m'], { allowFail: true });
  assert.equal(short.code, 1);
  assert.equal(
    short.stderr,
    'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
  );
});

test('kubectl --token works (auth whoami names the account) until the account is deleted, then 401', async () => {
  const k = cluster();
  await k.kubectl(['create', 'serviceaccount', 'robot']);
  const token = (await k.kubectl(['create', 'token', 'robot'])).stdout;
  const ok = await k.kubectl(['--token', token, 'get', 'pods', '-n', 'kube-system']);
  assert.equal(ok.code, 0);
  assert.equal(ok.stderr, 'No resources found in kube-system namespace.\n');
  const whoami = JSON.parse((await k.kubectl(['--token', token, 'auth', 'whoami', '-o', 'json'])).stdout);
  assert.deepEqual(whoami.status.userInfo, {
    username: 'system:serviceaccount:default:robot',
    uid: await uidOf('serviceaccount', 'robot'),
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${part(token, 1).jti}`] },
  });
  const table = (await k.kubectl(['--token', token, 'auth', 'whoami'])).stdout;
  assert.match(table, /^ATTRIBUTE +VALUE\nUsername +system:serviceaccount:default:robot\n/);
  const other = (await k.kubectl(['create', 'token', 'robot', '--audience', 'elsewhere'])).stdout;
  const wrongAudience = await k.kubectl(['--token', other, 'get', 'pods'], { allowFail: true });
  assert.equal(wrongAudience.code, 1);
  assert.match(wrongAudience.stderr, /error: You must be logged in to the server \(Unauthorized\)\n$/);

  await k.kubectl(['delete', 'serviceaccount', 'robot']);
  const denied = await k.kubectl(['--token', token, 'get', 'pods'], { allowFail: true });
  assert.equal(denied.code, 1);
  assert.equal(denied.stdout, '');
  assert.match(denied.stderr, /error: You must be logged in to the server \(Unauthorized\)\n$/);
});

test('a token issued before a restart is still accepted after it', async () => {
  const k = cluster();
  await k.kubectl(['create', 'serviceaccount', 'survivor']);
  const token = (await k.kubectl(['create', 'token', 'survivor'])).stdout;
  await k.restart();
  const r = await k.kubectl(['--token', token, 'get', 'serviceaccount', 'survivor', '-o', 'name']);
  assert.equal(r.stdout, 'serviceaccount/survivor\n');
});
