import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Pod } from '../../api/core/pods/types.js';
import { container, Harness, makePod } from '../testing/harness.js';
import { expandVars, resolveEnv, type ConfigLookup } from './env.js';

const data: Record<string, Record<string, string>> = {
  'configmap/settings': { MODE: 'fast', LEVEL: '3' },
  'secret/creds': { PASSWORD: 's3cret' },
};
const lookup: ConfigLookup = async (kind, _ns, name) => data[`${kind}/${name}`];

const input = (c: Container) => {
  const pod: Pod = {
    metadata: { name: 'p', namespace: 'team', uid: 'u1' },
    spec: { containers: [c], nodeName: 'n1' },
  };
  return { pod, container: c, attempt: 0, imageRef: 'x', podIP: '10.0.0.9', hostIP: '192.168.1.10' };
};

describe('resolveEnv', () => {
  it('envFrom first, then env in order with $(VAR) expansion, fieldRefs, ConfigMap and Secret keys', async () => {
    const env = await resolveEnv(
      input({
        name: 'app',
        envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }],
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'URL', value: 'http://$(IP):80/$(CFG_MODE)/$(NOPE)/$$x' },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASSWORD' } } },
          { name: 'CFG_LEVEL', value: 'override' },
        ],
      }),
      lookup,
    );
    assert.deepEqual(Object.fromEntries(env.map((e) => [e.key, e.value])), {
      CFG_MODE: 'fast',
      CFG_LEVEL: 'override',
      POD: 'p',
      IP: '10.0.0.9',
      URL: 'http://10.0.0.9:80/fast/$(NOPE)/$x',
      PASSWORD: 's3cret',
    });
  });

  it('an empty value with a valueFrom takes the valueFrom (validation allows both then)', async () => {
    const env = await resolveEnv(
      input({
        name: 'a',
        env: [{ name: 'POD', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      }),
      lookup,
    );
    assert.deepEqual(env, [{ key: 'POD', value: 'p' }]);
  });

  it("expands as upstream's expansion.Expand: any name up to ')', unclosed and lone '$' kept", () => {
    const vars = new Map([
      ['A:B', 'x'],
      ['', 'empty'],
      ['N', 'n'],
    ]);
    assert.equal(expandVars('$(A:B)-$()-$(N)$(N', vars), 'x-empty-n$(N');
    assert.equal(expandVars('$$(N) $a $ $(gone) $$$', vars), '$(N) $a $ $(gone) $$');
  });

  it('missing sources fail with upstream wording unless optional', async () => {
    await assert.rejects(
      resolveEnv(
        input({
          name: 'a',
          env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }],
        }),
        lookup,
      ),
      { message: 'configmap "gone" not found' },
    );
    await assert.rejects(
      resolveEnv(
        input({ name: 'a', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'k' } } }] }),
        lookup,
      ),
      { message: "couldn't find key k in Secret team/creds" },
    );
    await assert.rejects(
      resolveEnv(input({ name: 'a', envFrom: [{ secretRef: { name: 'nope' } }] }), lookup),
      {
        message: 'secret "nope" not found',
      },
    );
    const env = await resolveEnv(
      input({
        name: 'a',
        env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k', optional: true } } }],
      }),
      lookup,
    );
    assert.deepEqual(env, []);
  });

  it('resourceFieldRef: the container (default: this one) limits and requests with the divisor', async () => {
    const env = await resolveEnv(
      input({
        name: 'app',
        resources: { limits: { cpu: '1500m', memory: '256Mi' }, requests: { cpu: '250m' } },
        env: [
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
          { name: 'REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
          {
            name: 'MEM',
            valueFrom: {
              resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
            },
          },
        ],
      }),
      lookup,
    );
    assert.deepEqual(env, [
      { key: 'CPU', value: '2' },
      { key: 'REQ', value: '250' },
      { key: 'MEM', value: '256' },
    ]);
  });

  it('the engine shows CreateContainerConfigError with a Failed event', async () => {
    const h = new Harness();
    const pod = makePod({
      containers: [
        container('app', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }),
      ],
    });
    await h.sync(pod);
    const cs = h.containerStatus(pod, 'app')!;
    assert.deepEqual(cs.state?.waiting, {
      reason: 'CreateContainerConfigError',
      message: 'configmap "cfg" not found',
    });
    assert.ok(
      h.events.list.some((e) => e.reason === 'Failed' && e.message === 'Error: configmap "cfg" not found'),
    );
    assert.equal(h.statusOf(pod)?.phase, 'Pending');
  });
});
