import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../client/api-error.js';
import { R } from '../../client/resources.js';
import { RestClient } from '../../client/rest-client.js';
import { loadKubeconfig } from '../../client/kubeconfig.js';
import { startTestCluster, type TestCluster } from '../../client/testing/test-cluster.js';
import type { KubeObject } from '../../machinery/meta.js';
import { validateTokenRequest, type TokenRequest } from './token-request.js';

describe('validateTokenRequest', () => {
  const msgs = (expirationSeconds: number) =>
    validateTokenRequest({ metadata: {}, spec: { expirationSeconds } }).map((e) => e.toString());

  test('the lifetime is at least 10 minutes and at most 2^32 seconds', () => {
    assert.deepEqual(msgs(599), [
      'spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
    ]);
    assert.deepEqual(msgs(600), []);
    assert.deepEqual(msgs(2 ** 32), []);
    assert.deepEqual(msgs(2 ** 32 + 1), [
      'spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds',
    ]);
  });
});

// serviceaccounts/NAME/token against a real control plane (no kubelet: pods stay unscheduled).
let tc: TestCluster;
before(async () => {
  tc = await startTestCluster();
  await tc.client.create(R.serviceaccounts, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'bot', namespace: 'default' },
  });
});
after(async () => {
  await tc.close();
});

const tokenRef = (sa: string) => ({ ...R.serviceaccounts, plural: `serviceaccounts/${sa}/token` });
const request = (sa: string, spec: TokenRequest['spec'] = {}, metadata: object = {}) =>
  tc.client.create<TokenRequest>(
    tokenRef(sa),
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata, spec } as TokenRequest,
    { namespace: 'default' },
  );
const payload = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(ApiError.is(err), `expected an API error, got ${String(err)}`);
  return err;
}

test('the signing key is kept in the data dir, readable by its owner only', () => {
  const mode = statSync(join(tc.server.kubeconfigPath, '..', 'tls', 'service-account.key')).mode & 0o777;
  assert.equal(mode, 0o600);
});

test('a request with no spec gets an hour for the API server audience', async () => {
  const tr = await request('bot');
  assert.equal(tr.kind, 'TokenRequest');
  assert.equal(tr.apiVersion, 'authentication.k8s.io/v1');
  assert.equal(tr.metadata.name, 'bot');
  assert.equal(tr.metadata.namespace, 'default');
  assert.deepEqual(tr.spec, {
    audiences: ['https://kubernetes.default.svc.cluster.local'],
    expirationSeconds: 3600,
    boundObjectRef: null,
  });
  const claims = payload(tr.status!.token);
  assert.equal(claims.sub, 'system:serviceaccount:default:bot');
  assert.equal(claims.exp - claims.iat, 3600);
  assert.equal(Date.parse(tr.status!.expirationTimestamp) / 1000, claims.exp);
  const sa = await tc.client.get(R.serviceaccounts, 'bot', 'default');
  assert.deepEqual(claims['kubernetes.io'], {
    namespace: 'default',
    serviceaccount: { name: 'bot', uid: sa.metadata.uid },
  });
});

test('a missing account is 404; a short lifetime 422 with an empty name; a body naming another account 422', async () => {
  const missing = await refusal(request('nope'));
  assert.equal(missing.code, 404);
  assert.equal(missing.message, 'serviceaccounts "nope" not found');
  const short = await refusal(request('bot', { expirationSeconds: 60 }));
  assert.equal(short.code, 422);
  assert.equal(
    short.message,
    'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
  );
  const named = await refusal(request('bot', {}, { name: 'other' }));
  assert.equal(
    named.message,
    'TokenRequest.authentication.k8s.io "bot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
  );
});

test('binding: to a pod of the account (with its node name), not another kind, not a stale uid', async () => {
  const pod = await tc.client.create<KubeObject>(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'worker', namespace: 'default' },
    spec: {
      serviceAccountName: 'bot',
      nodeName: 'absent-node',
      containers: [{ name: 'c', image: 'busybox' }],
    },
  });
  const bound = await request('bot', {
    boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'worker', uid: pod.metadata.uid },
  });
  const k = payload(bound.status!.token)['kubernetes.io'];
  assert.deepEqual(k.pod, { name: 'worker', uid: pod.metadata.uid });
  assert.deepEqual(k.node, { name: 'absent-node' });

  const stale = await refusal(
    request('bot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'worker', uid: 'old' } }),
  );
  assert.equal(stale.code, 409);
  assert.equal(
    stale.message,
    'Operation cannot be fulfilled on Pod "worker": the UID in the bound object reference (old) does not match the UID in record. The object might have been deleted and then recreated',
  );
  const other = await refusal(
    request('default', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'worker' } }),
  );
  assert.equal(other.code, 400);
  assert.equal(
    other.message,
    'cannot bind token for serviceaccount "default" to pod running with different serviceaccount name.',
  );
  const kind = await refusal(
    request('bot', { boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' } }),
  );
  assert.equal(kind.message, 'cannot bind token to object of type /v1, Kind=ConfigMap');
  const gone = await refusal(
    request('bot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'nope' } }),
  );
  assert.equal(gone.message, 'pods "nope" not found');
});

test('binding to a Node or a Secret names it in the claims; a missing one is 404', async () => {
  const node = await tc.client.create<KubeObject>(R.nodes, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'bind-node' },
  });
  const toNode = await request('bot', {
    boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'bind-node' },
  });
  assert.deepEqual(payload(toNode.status!.token)['kubernetes.io'].node, {
    name: 'bind-node',
    uid: node.metadata.uid,
  });
  const secret = await tc.client.create<KubeObject>(R.secrets, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bind-secret', namespace: 'default' },
  });
  const toSecret = await request('bot', {
    boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'bind-secret', uid: secret.metadata.uid },
  });
  assert.deepEqual(payload(toSecret.status!.token)['kubernetes.io'].secret, {
    name: 'bind-secret',
    uid: secret.metadata.uid,
  });
  const missing = await refusal(
    request('bot', { boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'x' } }),
  );
  assert.equal(missing.code, 404);
  assert.equal(missing.message, 'nodes "x" not found');
});

test("the kubelet's 3607 s pod token is issued for a year with warnafter at the hour", async () => {
  await tc.client.create(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'projected', namespace: 'default' },
    spec: { serviceAccountName: 'bot', containers: [{ name: 'c', image: 'busybox' }] },
  });
  const tr = await request('bot', {
    expirationSeconds: 3607,
    boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'projected' },
  });
  const claims = payload(tr.status!.token);
  assert.equal(claims.exp - claims.iat, 365 * 24 * 3600);
  assert.equal(claims['kubernetes.io'].warnafter - claims.iat, 3607);
  assert.equal(Date.parse(tr.status!.expirationTimestamp) / 1000 - claims.iat, 3607);
});

test('the API server accepts its tokens until the account is deleted', async () => {
  await tc.client.create(R.serviceaccounts, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'short-lived', namespace: 'default' },
  });
  const tr = await request('short-lived');
  const asAccount = new RestClient({ ...loadKubeconfig(tc.server.kubeconfigPath), token: tr.status!.token });
  try {
    const list = await asAccount.list(R.configmaps, { namespace: 'default' });
    assert.ok(Array.isArray(list.items));
    const forVault = await request('short-lived', { audiences: ['vault'] });
    const asVault = new RestClient({
      ...loadKubeconfig(tc.server.kubeconfigPath),
      token: forVault.status!.token,
    });
    const wrongAud = await refusal(asVault.list(R.configmaps, { namespace: 'default' }));
    asVault.close();
    assert.equal(wrongAud.code, 401);
    await tc.client.delete(R.serviceaccounts, 'short-lived', { namespace: 'default' });
    const denied = await refusal(asAccount.list(R.configmaps, { namespace: 'default' }));
    assert.equal(denied.code, 401);
    assert.equal(denied.reason, 'Unauthorized');
  } finally {
    asAccount.close();
  }
});

test('issuer discovery: the OpenID configuration and the key set that verifies the tokens', async () => {
  const config = await tc.client.getPath<any>('/.well-known/openid-configuration');
  assert.equal(config.issuer, 'https://kubernetes.default.svc.cluster.local');
  assert.match(config.jwks_uri, /^https:\/\/127\.0\.0\.1:\d+\/openid\/v1\/jwks$/);
  assert.deepEqual(config.id_token_signing_alg_values_supported, ['ES256']);
  const jwks = await tc.client.getPath<any>('/openid/v1/jwks');
  const tr = await request('bot');
  const kid = JSON.parse(Buffer.from(tr.status!.token.split('.')[0], 'base64url').toString()).kid;
  assert.deepEqual(
    jwks.keys.map((k: any) => k.kid),
    [kid],
  );
});
