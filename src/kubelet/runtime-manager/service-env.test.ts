import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../api/core/pods/types.js';
import type { Service } from '../../api/core/services/types.js';
import { resolveEnv } from './env.js';
import { serviceEnvFor, serviceEnvVars, type ServiceLookup } from './service-env.js';

const svc = (
  namespace: string,
  name: string,
  clusterIP: string,
  ports: Service['spec']['ports'],
): Service => ({
  metadata: { name, namespace },
  spec: { clusterIP, ports },
});
const services: Service[] = [
  svc('default', 'kubernetes', '10.43.0.1', [
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 },
  ]),
  svc('default', 'other', '10.43.0.50', [{ port: 80 }]),
  svc('team', 'my-db', '10.43.0.7', [
    { name: 'sql', port: 5432 },
    { name: 'metrics', port: 9187, protocol: 'UDP' },
  ]),
  svc('team', 'headless', 'None', [{ port: 80 }]),
];
const lookup: ServiceLookup = async (ns) => services.filter((s) => s.metadata.namespace === ns);
const pod = (namespace: string, enableServiceLinks?: boolean): Pod => ({
  metadata: { name: 'p', namespace, uid: 'u' },
  spec: { containers: [{ name: 'app' }], enableServiceLinks },
});

describe('service environment variables', () => {
  it("are upstream's host, port, named-port and Docker link variables", () => {
    assert.deepEqual(Object.fromEntries(serviceEnvVars([services[2]])), {
      MY_DB_SERVICE_HOST: '10.43.0.7',
      MY_DB_SERVICE_PORT: '5432',
      MY_DB_SERVICE_PORT_SQL: '5432',
      MY_DB_SERVICE_PORT_METRICS: '9187',
      MY_DB_PORT: 'tcp://10.43.0.7:5432',
      MY_DB_PORT_5432_TCP: 'tcp://10.43.0.7:5432',
      MY_DB_PORT_5432_TCP_PROTO: 'tcp',
      MY_DB_PORT_5432_TCP_PORT: '5432',
      MY_DB_PORT_5432_TCP_ADDR: '10.43.0.7',
      MY_DB_PORT_9187_UDP: 'udp://10.43.0.7:9187',
      MY_DB_PORT_9187_UDP_PROTO: 'udp',
      MY_DB_PORT_9187_UDP_PORT: '9187',
      MY_DB_PORT_9187_UDP_ADDR: '10.43.0.7',
    });
  });

  it("cover the kubernetes service always and the pod's namespace unless enableServiceLinks is false; headless ones never", async () => {
    const team = await serviceEnvFor(pod('team'), lookup);
    assert.equal(team.get('KUBERNETES_SERVICE_HOST'), '10.43.0.1');
    assert.equal(team.get('KUBERNETES_SERVICE_PORT_HTTPS'), '443');
    assert.equal(team.get('MY_DB_SERVICE_HOST'), '10.43.0.7');
    assert.ok(!team.has('OTHER_SERVICE_HOST') && !team.has('HEADLESS_SERVICE_HOST'));
    const unlinked = await serviceEnvFor(pod('team', false), lookup);
    assert.deepEqual(
      [...unlinked.keys()].filter((k) => k.endsWith('_SERVICE_HOST')),
      ['KUBERNETES_SERVICE_HOST'],
    );
    const inDefault = await serviceEnvFor(pod('default'), lookup);
    assert.equal(inDefault.get('OTHER_SERVICE_HOST'), '10.43.0.50');
  });

  it('come after the declared env, never override it, and resolve $(VAR)', async () => {
    const p = pod('team');
    const c = {
      name: 'app',
      env: [
        { name: 'MY_DB_SERVICE_PORT', value: 'mine' },
        { name: 'DSN', value: 'postgres://$(MY_DB_SERVICE_HOST):$(MY_DB_SERVICE_PORT_SQL)' },
      ],
    };
    const env = await resolveEnv(
      { pod: p, container: c, attempt: 0, imageRef: 'x', podIP: '10.42.0.5', hostIP: '10.0.0.1' },
      async () => undefined,
      lookup,
    );
    assert.deepEqual(env.slice(0, 2), [
      { key: 'MY_DB_SERVICE_PORT', value: 'mine' },
      { key: 'DSN', value: 'postgres://10.43.0.7:5432' },
    ]);
    assert.equal(env.filter((e) => e.key === 'MY_DB_SERVICE_PORT').length, 1);
    assert.ok(env.some((e) => e.key === 'KUBERNETES_PORT' && e.value === 'tcp://10.43.0.1:443'));
  });
});
