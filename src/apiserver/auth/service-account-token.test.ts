import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../machinery/meta.js';
import {
  API_AUDIENCES,
  DEFAULT_ISSUER,
  ServiceAccountTokenAuthenticator,
  tokenClaims,
  TokenSigner,
  verifyToken,
  type ObjectGetter,
  type TokenClaims,
} from './service-account-token.js';

const pem = (type: 'rsa' | 'ec' = 'rsa') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  ).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const signer = new TokenSigner(pem());
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;

const obj = (name: string, uid: string, namespace?: string, extra: object = {}): KubeObject =>
  ({ metadata: { name, uid, namespace, ...extra } }) as KubeObject;
const sa = obj('bot', 'sa-uid', 'team');
const pod = obj('web', 'pod-uid', 'team');

const claims = (over: Partial<Parameters<typeof tokenClaims>[0]> = {}): TokenClaims =>
  tokenClaims({
    issuer: DEFAULT_ISSUER,
    serviceAccount: sa,
    audiences: API_AUDIENCES,
    expirationSeconds: 3600,
    now: NOW,
    jti: 'the-jti',
    ...over,
  });
const decode = (token: string, part: 0 | 1) =>
  JSON.parse(Buffer.from(token.split('.')[part], 'base64url').toString());

describe('tokenClaims', () => {
  test('an unbound token names the account and nothing else, keys sorted as upstream prints them', () => {
    const c = claims();
    assert.deepEqual(c, {
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: NOW_S + 3600,
      iat: NOW_S,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: 'the-jti',
      'kubernetes.io': { namespace: 'team', serviceaccount: { name: 'bot', uid: 'sa-uid' } },
      nbf: NOW_S,
      sub: 'system:serviceaccount:team:bot',
    });
    assert.deepEqual(Object.keys(c), [...Object.keys(c)].sort());
  });

  test('a pod-bound token carries the pod, its node and warnafter', () => {
    const c = claims({ pod, node: { name: 'n1', uid: 'node-uid' }, warnAfterSeconds: 3607 });
    assert.deepEqual(c['kubernetes.io'], {
      namespace: 'team',
      node: { name: 'n1', uid: 'node-uid' },
      pod: { name: 'web', uid: 'pod-uid' },
      serviceaccount: { name: 'bot', uid: 'sa-uid' },
      warnafter: NOW_S + 3607,
    });
  });

  test('a node whose object is missing is named without a uid', () => {
    assert.deepEqual(claims({ pod, node: { name: 'gone' } })['kubernetes.io'].node, { name: 'gone' });
  });
});

describe('TokenSigner', () => {
  test('signs RS256 with the key id of the public key, and publishes that key', () => {
    const token = signer.sign(claims());
    assert.deepEqual(decode(token, 0), { alg: 'RS256', kid: signer.keyId });
    assert.equal(decode(token, 1).sub, 'system:serviceaccount:team:bot');
    assert.match(signer.keyId, /^[A-Za-z0-9_-]{43}$/);
    const [jwk] = signer.jwks().keys;
    assert.equal(jwk.kid, signer.keyId);
    assert.equal(jwk.kty, 'RSA');
    assert.equal(jwk.alg, 'RS256');
    assert.equal(jwk.use, 'sig');
    assert.equal(jwk.e, 'AQAB');
  });

  test('an ECDSA P-256 key signs ES256 (r and s side by side), verified with that key only', () => {
    const ec = new TokenSigner(pem('ec'));
    const token = ec.sign(claims());
    assert.deepEqual(decode(token, 0), { alg: 'ES256', kid: ec.keyId });
    assert.equal(Buffer.from(token.split('.')[2], 'base64url').length, 64, 'IEEE P1363, not DER');
    const opts = { issuer: DEFAULT_ISSUER, audiences: API_AUDIENCES, now: NOW };
    assert.equal(verifyToken(token, ec.publicKey, opts).kind, 'valid');
    assert.deepEqual(verifyToken(token, signer.publicKey, opts), {
      kind: 'invalid',
      reason: 'invalid signature',
    });
    assert.deepEqual(verifyToken(signer.sign(claims()), ec.publicKey, opts), {
      kind: 'invalid',
      reason: 'invalid signature',
    });
    const [jwk] = ec.jwks().keys;
    assert.deepEqual(Object.keys(jwk), ['use', 'kty', 'kid', 'crv', 'alg', 'x', 'y']);
    assert.equal(jwk.kty, 'EC');
    assert.equal(jwk.crv, 'P-256');
    assert.match(jwk.x, /^[A-Za-z0-9_-]{43}$/);
  });

  test('other key types are refused with a clear message', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    assert.throws(() => new TokenSigner(ed), /unsupported key type ed25519 \(want RSA or ECDSA P-256\)/);
  });
});

describe('verifyToken', () => {
  const opts = { issuer: DEFAULT_ISSUER, audiences: API_AUDIENCES, now: NOW };

  test('accepts a fresh token of this issuer', () => {
    const r = verifyToken(signer.sign(claims()), signer.publicKey, opts);
    assert.equal(r.kind, 'valid');
  });

  test('an expired token is refused, one within the minute of leeway is not', () => {
    const token = signer.sign(claims({ expirationSeconds: 600 }));
    const at = (s: number) =>
      verifyToken(token, signer.publicKey, { ...opts, now: new Date(NOW.getTime() + s * 1000) });
    assert.equal(at(650).kind, 'valid');
    assert.deepEqual(at(661), { kind: 'invalid', reason: 'service account token has expired' });
  });

  test('a token from the future is not valid yet', () => {
    const token = signer.sign(claims({ now: new Date(NOW.getTime() + 3600_000) }));
    assert.deepEqual(verifyToken(token, signer.publicKey, opts), {
      kind: 'invalid',
      reason: 'service account token is not valid yet',
    });
  });

  test('a token valid now but issued in the future is refused as upstream words it', () => {
    const token = signer.sign({ ...claims(), iat: Math.floor(NOW.getTime() / 1000) + 3600 });
    assert.deepEqual(verifyToken(token, signer.publicKey, opts), {
      kind: 'invalid',
      reason: 'service account token is issued in the future',
    });
  });

  test('a token for another audience is refused with upstream wording', () => {
    const token = signer.sign(claims({ audiences: ['vault'] }));
    assert.deepEqual(verifyToken(token, signer.publicKey, opts), {
      kind: 'invalid',
      reason:
        'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]',
    });
  });

  test('a tampered payload or another key fails the signature', () => {
    const token = signer.sign(claims());
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...claims(), sub: 'system:serviceaccount:team:admin' }),
    ).toString('base64url');
    assert.deepEqual(verifyToken(`${h}.${forged}.${s}`, signer.publicKey, opts), {
      kind: 'invalid',
      reason: 'invalid signature',
    });
    const other = new TokenSigner(pem());
    assert.equal(verifyToken(other.sign(claims()), signer.publicKey, opts).kind, 'invalid');
  });

  test('an unsigned (alg none) token is refused', () => {
    const h = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const p = Buffer.from(JSON.stringify(claims())).toString('base64url');
    assert.equal(verifyToken(`${h}.${p}.`, signer.publicKey, opts).kind, 'invalid');
  });

  test('tokens of other issuers and non-JWTs are left to other authenticators', () => {
    assert.deepEqual(verifyToken('abc123', signer.publicKey, opts), { kind: 'foreign' });
    const token = signer.sign({ ...claims(), iss: 'https://elsewhere' });
    assert.deepEqual(verifyToken(token, signer.publicKey, opts), { kind: 'foreign' });
  });
});

describe('ServiceAccountTokenAuthenticator', () => {
  function authenticator(objects: Record<string, KubeObject | undefined>, at = NOW) {
    const get: ObjectGetter = async (plural, ns, name) => objects[`${plural}/${ns ?? ''}/${name}`];
    return new ServiceAccountTokenAuthenticator(signer.publicKey, get, {
      issuer: DEFAULT_ISSUER,
      audiences: API_AUDIENCES,
      now: () => at,
    });
  }
  const live = { 'serviceaccounts/team/bot': sa, 'pods/team/web': pod };

  test('a valid token is the service account user with its groups, uid and extra', async () => {
    const r = await authenticator(live).authenticate(
      signer.sign(claims({ pod, node: { name: 'n1', uid: 'nu' } })),
    );
    assert.deepEqual(r, {
      kind: 'user',
      user: {
        name: 'system:serviceaccount:team:bot',
        uid: 'sa-uid',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'],
        extra: {
          'authentication.kubernetes.io/pod-name': ['web'],
          'authentication.kubernetes.io/pod-uid': ['pod-uid'],
          'authentication.kubernetes.io/node-name': ['n1'],
          'authentication.kubernetes.io/node-uid': ['nu'],
          'authentication.kubernetes.io/credential-id': ['JTI=the-jti'],
        },
      },
    });
  });

  test('a deleted service account invalidates its tokens', async () => {
    const r = await authenticator({}).authenticate(signer.sign(claims()));
    assert.deepEqual(r, { kind: 'invalid', reason: 'serviceaccounts "bot" not found' });
  });

  test('an account recreated under the same name does not accept the old tokens', async () => {
    const r = await authenticator({ 'serviceaccounts/team/bot': obj('bot', 'new-uid', 'team') }).authenticate(
      signer.sign(claims()),
    );
    assert.deepEqual(r, {
      kind: 'invalid',
      reason: 'service account UID (new-uid) does not match claim (sa-uid)',
    });
  });

  test('a deleted or recreated pod invalidates a pod-bound token; a pod deleting for under a minute does not', async () => {
    const token = signer.sign(claims({ pod }));
    assert.deepEqual(await authenticator({ 'serviceaccounts/team/bot': sa }).authenticate(token), {
      kind: 'invalid',
      reason: 'service account token has been invalidated',
    });
    const recreated = { ...live, 'pods/team/web': obj('web', 'other', 'team') };
    assert.deepEqual(await authenticator(recreated).authenticate(token), {
      kind: 'invalid',
      reason: 'pod UID (other) does not match service account pod ref claim (pod-uid)',
    });
    const deleting = (since: number) => ({
      ...live,
      'pods/team/web': obj('web', 'pod-uid', 'team', {
        deletionTimestamp: new Date(NOW.getTime() - since * 1000).toISOString(),
      }),
    });
    assert.equal((await authenticator(deleting(30)).authenticate(token)).kind, 'user');
    assert.equal((await authenticator(deleting(90)).authenticate(token)).kind, 'invalid');
  });

  test('a node-bound token ends with its node; a secret-bound one with its secret', async () => {
    const node = obj('n1', 'node-uid');
    const nodeToken = signer.sign(claims({ node: { name: 'n1', uid: 'node-uid' } }));
    assert.equal((await authenticator({ ...live, 'nodes//n1': node }).authenticate(nodeToken)).kind, 'user');
    assert.equal((await authenticator(live).authenticate(nodeToken)).kind, 'invalid');
    const secret = obj('s', 'sec-uid', 'team');
    const secretToken = signer.sign(claims({ secret }));
    assert.equal(
      (await authenticator({ ...live, 'secrets/team/s': secret }).authenticate(secretToken)).kind,
      'user',
    );
    assert.equal((await authenticator(live).authenticate(secretToken)).kind, 'invalid');
  });
});
