import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  admitEphemeralContainers,
  admitServiceAccount,
  TOKEN_MOUNT_PATH,
  type ServiceAccountAdmissionDeps,
} from './service-account-admission.js';
import type { Pod, PodSpec } from './types.js';
import type { ServiceAccount } from '../serviceaccounts/types.js';

const pod = (spec: Partial<PodSpec> = {}, annotations?: Record<string, string>): Pod => ({
  metadata: { name: 'p', namespace: 'team', ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

/** Accounts by name; `lookups` counts each lookup, `slept` each pause. */
function deps(accounts: Record<string, Partial<ServiceAccount>>) {
  const seen = { lookups: 0, slept: [] as number[] };
  const d: ServiceAccountAdmissionDeps = {
    async serviceAccount(name) {
      seen.lookups++;
      const a = accounts[name];
      return a && ({ metadata: { name, namespace: 'team' }, ...a } as ServiceAccount);
    },
    async sleep(ms) {
      seen.slept.push(ms);
    },
    generateName: (prefix) => `${prefix}abcde`,
  };
  return { d, seen };
}

test('a pod gets the default account and the projected kube-api-access volume in every container', async () => {
  const p = pod({ initContainers: [{ name: 'init', image: 'busybox' }] });
  const { d } = deps({ default: {} });
  assert.equal(await admitServiceAccount(p, 'team', d), undefined);
  assert.equal(p.spec.serviceAccountName, 'default');
  assert.equal(p.spec.serviceAccount, 'default');
  const mount = { name: 'kube-api-access-abcde', readOnly: true, mountPath: TOKEN_MOUNT_PATH };
  assert.deepEqual(p.spec.initContainers![0].volumeMounts, [mount]);
  assert.deepEqual(p.spec.containers[0].volumeMounts, [mount]);
  assert.deepEqual(p.spec.volumes, [
    {
      name: 'kube-api-access-abcde',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          {
            downwardAPI: {
              items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
            },
          },
        ],
      },
    },
  ]);
});

test("the pod's automountServiceAccountToken wins over the account's; false mounts nothing", async () => {
  const off = pod({ automountServiceAccountToken: false });
  await admitServiceAccount(off, 'team', deps({ default: {} }).d);
  assert.equal(off.spec.volumes, undefined);
  assert.equal(off.spec.containers[0].volumeMounts, undefined);

  const accountOff = pod();
  await admitServiceAccount(accountOff, 'team', deps({ default: { automountServiceAccountToken: false } }).d);
  assert.equal(accountOff.spec.volumes, undefined);

  const podOn = pod({ automountServiceAccountToken: true });
  await admitServiceAccount(podOn, 'team', deps({ default: { automountServiceAccountToken: false } }).d);
  assert.equal(podOn.spec.volumes?.length, 1);
});

test('a container that mounts something at the token path keeps it; no volume when none needs one', async () => {
  const own = { name: 'mine', mountPath: TOKEN_MOUNT_PATH };
  const p = pod({
    containers: [{ name: 'c', image: 'nginx', volumeMounts: [own] }],
    volumes: [{ name: 'mine', emptyDir: {} }],
  });
  await admitServiceAccount(p, 'team', deps({ default: {} }).d);
  assert.deepEqual(p.spec.containers[0].volumeMounts, [own]);
  assert.deepEqual(
    p.spec.volumes!.map((v) => v.name),
    ['mine'],
  );
});

test('an existing kube-api-access-* volume is reused, not added again', async () => {
  const p = pod({ volumes: [{ name: 'kube-api-access-zzzzz', emptyDir: {} }] });
  await admitServiceAccount(p, 'team', deps({ default: {} }).d);
  assert.equal(p.spec.volumes!.length, 1);
  assert.equal(p.spec.containers[0].volumeMounts![0].name, 'kube-api-access-zzzzz');
});

test('a missing account refuses the pod as upstream words it; default is looked up ten times', async () => {
  const named = deps({});
  assert.equal(
    await admitServiceAccount(pod({ serviceAccountName: 'robot' }), 'team', named.d),
    'error looking up service account team/robot: serviceaccount "robot" not found',
  );
  assert.equal(named.seen.lookups, 1);
  const dflt = deps({});
  assert.equal(
    await admitServiceAccount(pod(), 'team', dflt.d),
    'error looking up service account team/default: serviceaccount "default" not found',
  );
  assert.equal(dflt.seen.lookups, 10);
  assert.equal(dflt.seen.slept.length, 9);
  assert.ok(dflt.seen.slept.every((ms) => ms >= 100 && ms < 200));
});

test("the account's imagePullSecrets go to a pod that has none", async () => {
  const a = { imagePullSecrets: [{ name: 'regcred' }] };
  const p = pod();
  await admitServiceAccount(p, 'team', deps({ default: a }).d);
  assert.deepEqual(p.spec.imagePullSecrets, [{ name: 'regcred' }]);
  const q = pod({ imagePullSecrets: [{ name: 'own' }] });
  await admitServiceAccount(q, 'team', deps({ default: a }).d);
  assert.deepEqual(q.spec.imagePullSecrets, [{ name: 'own' }]);
});

test('mirror pods get nothing and may not name an account, a secret or a token projection', async () => {
  const mirror = { 'kubernetes.io/config.mirror': 'abc' };
  const { d, seen } = deps({ default: {} });
  const plain = pod({}, mirror);
  assert.equal(await admitServiceAccount(plain, 'team', d), undefined);
  assert.equal(plain.spec.serviceAccountName, undefined);
  assert.equal(plain.spec.volumes, undefined);
  assert.equal(seen.lookups, 0);
  assert.equal(
    await admitServiceAccount(pod({ serviceAccountName: 'default' }, mirror), 'team', d),
    'a mirror pod may not reference service accounts',
  );
  assert.equal(
    await admitServiceAccount(
      pod({ volumes: [{ name: 's', secret: { secretName: 'x' } }] }, mirror),
      'team',
      d,
    ),
    'a mirror pod may not reference secrets',
  );
  const envSecret = pod({}, mirror);
  envSecret.spec.containers[0].env = [{ name: 'E', valueFrom: { secretKeyRef: { name: 'x', key: 'k' } } }];
  assert.equal(await admitServiceAccount(envSecret, 'team', d), 'a mirror pod may not reference secrets');
  assert.equal(
    await admitServiceAccount(
      pod(
        { volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] },
        mirror,
      ),
      'team',
      d,
    ),
    'a mirror pod may not use ServiceAccountToken volume projections',
  );
});

test('an account that enforces mountable secrets refuses pods using secrets it does not list', async () => {
  const enforcing = {
    metadata: { name: 'default', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } },
    secrets: [{ name: 'listed' }],
    imagePullSecrets: [{ name: 'pull' }],
  };
  const d = (sa: Partial<ServiceAccount>) => deps({ default: sa }).d;
  const volume = pod({ volumes: [{ name: 'v', secret: { secretName: 'hidden' } }] });
  assert.equal(
    await admitServiceAccount(volume, 'team', d(enforcing)),
    'volume with secret.secretName="hidden" is not allowed because service account default does not reference that secret',
  );
  const env = pod({
    initContainers: [
      {
        name: 'init',
        image: 'x',
        env: [{ name: 'E', valueFrom: { secretKeyRef: { name: 'hidden', key: 'k' } } }],
      },
    ],
  });
  assert.equal(
    await admitServiceAccount(env, 'team', d(enforcing)),
    'init container init with envVar E referencing secret.secretName="hidden" is not allowed because service account default does not reference that secret',
  );
  const pull = pod({ imagePullSecrets: [{ name: 'other' }] });
  assert.equal(
    await admitServiceAccount(pull, 'team', d(enforcing)),
    'imagePullSecrets[0].name="other" is not allowed because service account default does not reference that imagePullSecret',
  );
  const fine = pod({ volumes: [{ name: 'v', secret: { secretName: 'listed' } }] });
  assert.equal(
    await admitServiceAccount(fine, 'team', d(enforcing)),
    undefined,
    'listed secrets and its pull secret',
  );
  const relaxed = pod({ volumes: [{ name: 'v', secret: { secretName: 'hidden' } }] });
  assert.equal(
    await admitServiceAccount(relaxed, 'team', d({})),
    undefined,
    'not enforced without the annotation',
  );
});

test('ephemeral containers need the pod to name an existing account', async () => {
  const lookup = async (name: string) =>
    name === 'robot' ? ({ metadata: { name } } as ServiceAccount) : undefined;
  assert.equal(
    await admitEphemeralContainers(pod({ serviceAccountName: 'robot' }), 'team', lookup),
    undefined,
  );
  assert.equal(
    await admitEphemeralContainers(pod({ serviceAccountName: 'gone' }), 'team', lookup),
    'error looking up service account team/gone: serviceaccount "gone" not found',
  );
  assert.equal(
    await admitEphemeralContainers(pod(), 'team', lookup),
    'no service account specified for pod team/p',
  );
});
