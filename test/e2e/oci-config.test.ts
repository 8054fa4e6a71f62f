/**
 * @module test/e2e/oci-config
 * What a container is given on real containers (the oci runtime), through the real kubectl: its
 * environment (value, fieldRef, resourceFieldRef, configMap and secret keys, optional missing
 * keys, envFrom, $(VAR) references, service variables), its volumes (configMap, secret, downwardAPI, projected,
 * subPath), its securityContext (user and group, read-only root, dropped capabilities, privileged
 * with the host's devices,
 * runAsNonRoot refused with upstream's message), host networking and hostPort, and myapp's
 * pages served from the pod IP. The tests of this file run concurrently to keep it short.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { hostDevices } from '../../src/runtime/oci/host-devices.js';
import { eventsOf, eventually, parseTable, type Cluster } from './harness.js';
import {
  httpGet,
  jsonpath,
  LONG,
  ociSkipReason,
  podRow,
  useOciCluster,
  waitRunning,
  applyManifest,
} from './oci-harness.js';

const exec = async (k: Cluster, pod: string, ...command: string[]) =>
  (await k.kubectl(['exec', pod, '--', ...command])).stdout;
/** Runs `script` with sh in the pod; resolves with its exit code and both outputs. */
const execSh = (k: Cluster, pod: string, script: string) =>
  k.kubectl(['exec', pod, '--', 'sh', '-c', script], { allowFail: true });

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {color: blue, GREETING: hello}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-files}
data: {app.conf: "listen=8080\\n", motd: "welcome\\n"}
---
apiVersion: v1
kind: Secret
metadata: {name: app-secret}
stringData: {password: s3cr3t, TOKEN: tok}
---
apiVersion: v1
kind: Service
metadata: {name: backend-api}
spec: {selector: {app: none}, ports: [{name: http, port: 8080, targetPort: 80}]}
---
`;

describe('container configuration on the oci runtime', { skip: ociSkipReason, concurrency: true }, () => {
  const cluster = useOciCluster(async (k) => {
    await k.kubectl(['apply', '-f', k.file('config.yaml', CONFIG)]);
  });

  test('env: value, fieldRef, resourceFieldRef, configMap and secret keys, optional missing, envFrom, $(VAR), service variables', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'env.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: env-demo}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    resources: {limits: {memory: 64Mi}}
    env:
    - {name: PLAIN, value: plain-value}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: MEM_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: app-config, key: color}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: app-secret, key: password}}}
    - {name: MISSING, valueFrom: {configMapKeyRef: {name: no-such-config, key: x, optional: true}}}
    - {name: MISSING_KEY, valueFrom: {secretKeyRef: {name: app-secret, key: nope, optional: true}}}
    - {name: COMPOSED, value: "$(POD_NAME)-$(COLOR)"}
    envFrom:
    - {prefix: CM_, configMapRef: {name: app-config}}
    - secretRef: {name: app-secret}
---
apiVersion: v1
kind: Pod
metadata: {name: env-nolinks}
spec:
  terminationGracePeriodSeconds: 1
  enableServiceLinks: false
  containers:
  - {name: app, image: busybox, command: [sh, -c, 'sleep 3600']}
`,
    );
    await waitRunning(k, 'env-demo', 'env-nolinks');
    const ip = await jsonpath(k, 'env-demo', '{.status.podIP}');
    const env = new Map(
      (await exec(k, 'env-demo', 'env'))
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    assert.deepEqual(
      Object.fromEntries(
        [
          'PLAIN', 'POD_NAME', 'POD_IP', 'MEM_LIMIT', 'MEM_LIMIT_MI', 'COLOR', 'PASSWORD', 'COMPOSED',
          'CM_color', 'CM_GREETING', 'TOKEN', 'password', 'HOSTNAME',
        ].map((n) => [n, env.get(n)]), // prettier-ignore
      ),
      {
        PLAIN: 'plain-value',
        POD_NAME: 'env-demo',
        POD_IP: ip,
        MEM_LIMIT: '67108864',
        MEM_LIMIT_MI: '64',
        COLOR: 'blue',
        PASSWORD: 's3cr3t',
        COMPOSED: 'env-demo-blue',
        CM_color: 'blue',
        CM_GREETING: 'hello',
        TOKEN: 'tok',
        password: 's3cr3t',
        HOSTNAME: 'env-demo',
      },
    );
    assert.ok(!env.has('MISSING') && !env.has('MISSING_KEY'), [...env.keys()].join(' '));
    // Service variables: the kubernetes service always, the namespace's services unless
    // enableServiceLinks is false.
    const clusterIP = async (svc: string) =>
      (await k.kubectl(['get', 'service', svc, '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    const [apiIP, backendIP] = [await clusterIP('kubernetes'), await clusterIP('backend-api')];
    assert.match(apiIP, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(env.get('KUBERNETES_SERVICE_HOST'), apiIP);
    assert.equal(env.get('KUBERNETES_SERVICE_PORT'), '443');
    assert.equal(env.get('KUBERNETES_PORT_443_TCP'), `tcp://${apiIP}:443`);
    assert.equal(env.get('BACKEND_API_SERVICE_HOST'), backendIP);
    assert.equal(env.get('BACKEND_API_SERVICE_PORT_HTTP'), '8080');
    assert.equal(env.get('BACKEND_API_PORT_8080_TCP_ADDR'), backendIP);
    const unlinked = await exec(k, 'env-nolinks', 'env');
    assert.match(unlinked, new RegExp(`^KUBERNETES_SERVICE_HOST=${apiIP.replace(/\./g, '\\.')}$`, 'm'));
    assert.doesNotMatch(unlinked, /BACKEND_API/);
  });

  test('configMap, secret, downwardAPI and projected volumes, and subPath mounts, are readable in the container', async () => {
    const k = cluster();
    await applyManifest(
      k,
      'volumes.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: vol-demo, labels: {app: voldemo, tier: web}}
spec:
  terminationGracePeriodSeconds: 1
  volumes:
  - {name: cm, configMap: {name: app-files}}
  - {name: sec, secret: {secretName: app-secret, defaultMode: 0400}}
  - name: podinfo
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: name, fieldRef: {fieldPath: metadata.name}}
      - {path: mem, resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}
  - name: all
    projected:
      sources:
      - configMap: {name: app-files, items: [{key: app.conf, path: conf/app.conf}]}
      - secret: {name: app-secret, items: [{key: password, path: secret/password}]}
      - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}
      - serviceAccountToken: {path: token, expirationSeconds: 3600}
  - {name: scratch, emptyDir: {}}
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'echo from-subpath > /data/x; sleep 3600']
    resources: {limits: {memory: 48Mi}}
    volumeMounts:
    - {name: cm, mountPath: /etc/cm}
    - {name: sec, mountPath: /etc/sec}
    - {name: podinfo, mountPath: /etc/podinfo}
    - {name: all, mountPath: /etc/all}
    - {name: cm, mountPath: /etc/app.conf, subPath: app.conf}
    - {name: scratch, mountPath: /data, subPath: nested/dir}
  - name: viewer
    image: busybox
    command: [sh, -c, 'sleep 3600']
    volumeMounts: [{name: scratch, mountPath: /scratch}]
`,
    );
    await waitRunning(k, 'vol-demo');
    const cat = (path: string, c = 'app') =>
      k.kubectl(['exec', 'vol-demo', '-c', c, '--', 'cat', path]).then((r) => r.stdout);
    assert.equal(await cat('/etc/cm/app.conf'), 'listen=8080\n');
    assert.equal(await cat('/etc/cm/motd'), 'welcome\n');
    assert.equal(await cat('/etc/sec/password'), 's3cr3t');
    assert.equal((await exec(k, 'vol-demo', 'stat', '-L', '-c', '%a', '/etc/sec/password')).trim(), '400');
    assert.equal(await cat('/etc/podinfo/labels'), 'app="voldemo"\ntier="web"');
    assert.equal(await cat('/etc/podinfo/name'), 'vol-demo');
    assert.equal(await cat('/etc/podinfo/mem'), '48');
    assert.equal(await cat('/etc/all/conf/app.conf'), 'listen=8080\n');
    assert.equal(await cat('/etc/all/secret/password'), 's3cr3t');
    assert.equal(await cat('/etc/all/ns'), 'default');
    assert.match(await cat('/etc/all/token'), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(await cat('/etc/app.conf'), 'listen=8080\n');
    await eventually(
      async () => assert.equal(await cat('/scratch/nested/dir/x', 'viewer'), 'from-subpath\n'),
      LONG,
    );
  });

  test('securityContext: runAsUser/runAsGroup, readOnlyRootFilesystem, capabilities drop ALL, privileged, runAsNonRoot refused', async () => {
    const k = cluster();
    const pod = (name: string, sc: string, podSc = '{}') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  terminationGracePeriodSeconds: 1
  securityContext: ${podSc}
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    securityContext: ${sc}
---
`;
    await k.kubectl([
      'apply',
      '-f',
      k.file(
        'security.yaml',
        pod('ids', '{runAsGroup: 3000}', '{runAsUser: 1000, supplementalGroups: [4000]}') +
          pod('readonly', '{readOnlyRootFilesystem: true}') +
          pod('nocaps', '{capabilities: {drop: [ALL]}}') +
          pod('priv', '{privileged: true}') +
          pod('nonroot', '{runAsNonRoot: true}') +
          pod('nonroot-uid0', '{runAsNonRoot: true, runAsUser: 0}'),
      ),
    ]);
    await waitRunning(k, 'ids', 'readonly', 'nocaps', 'priv');
    assert.equal((await exec(k, 'ids', 'id')).trim(), 'uid=1000 gid=3000 groups=3000,4000');

    // As containerd: a privileged container has the host's device nodes, the others only the
    // runtime's few. Any host device outside that default set tells them apart.
    const defaults = new Set(
      ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'ptmx'].map((d) => `/dev/${d}`),
    );
    const dev = (await hostDevices()).find((d) => !defaults.has(d.path));
    assert.ok(dev, 'the host has a device node besides the default ones');
    const hex = (n: number) => n.toString(16);
    assert.equal(
      (await exec(k, 'priv', 'stat', '-c', '%t:%T', dev.path)).trim(),
      `${hex(dev.major)}:${hex(dev.minor)}`,
    );
    assert.notEqual(
      (await execSh(k, 'ids', `test -e ${dev.path}`)).code,
      0,
      `${dev.path} only in the privileged one`,
    );
    const ownCaps = /CapEff:\s+(\w+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1];
    assert.match(
      await exec(k, 'priv', 'grep', 'CapEff', '/proc/self/status'),
      new RegExp(`CapEff:\\s+${ownCaps}`),
    );

    const ro = await execSh(k, 'readonly', 'touch /written');
    assert.notEqual(ro.code, 0);
    assert.match(ro.stderr, /Read-only file system/);
    assert.equal((await execSh(k, 'readonly', 'echo ok > /dev/shm/x && cat /dev/shm/x')).stdout, 'ok\n');

    const chown = await execSh(k, 'nocaps', 'touch /tmp/f && chown 65534 /tmp/f');
    assert.notEqual(chown.code, 0);
    assert.match(chown.stderr, /chown: \/tmp\/f: Operation not permitted/);
    assert.match(
      await exec(k, 'nocaps', 'grep', 'CapEff', '/proc/self/status'),
      /CapEff:\s+0000000000000000/,
    );

    await eventually(async () => {
      assert.equal((await podRow(k, 'nonroot')).STATUS, 'CreateContainerConfigError');
      assert.equal((await podRow(k, 'nonroot-uid0')).STATUS, 'CreateContainerConfigError');
    }, LONG);
    const uid = await jsonpath(k, 'nonroot', '{.metadata.uid}');
    assert.equal(
      await jsonpath(k, 'nonroot', '{.status.containerStatuses[0].state.waiting.message}'),
      `container has runAsNonRoot and image will run as root (pod: "nonroot_default(${uid})", container: app)`,
    );
    assert.match(
      await eventsOf(k, 'nonroot', 'Failed'),
      /Warning\s+Failed\s+pod\/nonroot\s+Error: container has runAsNonRoot and image will run as root/,
    );
    const uid0 = await jsonpath(k, 'nonroot-uid0', '{.metadata.uid}');
    assert.equal(
      await jsonpath(k, 'nonroot-uid0', '{.status.containerStatuses[0].state.waiting.message}'),
      `container's runAsUser breaks non-root policy (pod: "nonroot-uid0_default(${uid0})", container: app)`,
    );
  });

  test("hostNetwork: the pod IP is the node's and the host's addresses are seen; hostPort answers on the node IP", async () => {
    const k = cluster();
    const { rows } = parseTable((await k.kubectl(['get', 'node', '-o', 'wide'])).stdout);
    const nodeIP = rows[0]['INTERNAL-IP'];
    assert.match(nodeIP, /^\d+\.\d+\.\d+\.\d+$/);
    const hostPort = 20_000 + (process.pid % 10_000);
    await applyManifest(
      k,
      'net.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  terminationGracePeriodSeconds: 1
  hostNetwork: true
  containers:
  - {name: app, image: busybox, command: [sh, -c, 'sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: podnet}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - {name: app, image: busybox, command: [sh, -c, 'sleep 3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: hostport}
spec:
  containers:
  - name: web
    image: nginx
    ports: [{containerPort: 80, hostPort: ${hostPort}}]
`,
    );
    await waitRunning(k, 'hostnet', 'podnet', 'hostport');
    assert.equal(await jsonpath(k, 'hostnet', '{.status.podIP}'), nodeIP);
    assert.match(
      await exec(k, 'hostnet', 'ip', '-o', '-4', 'addr'),
      new RegExp(`inet ${nodeIP.replace(/\./g, '\\.')}/`),
    );
    const podIP = await jsonpath(k, 'podnet', '{.status.podIP}');
    assert.notEqual(podIP, nodeIP);
    const own = await exec(k, 'podnet', 'ip', '-o', '-4', 'addr');
    assert.doesNotMatch(own, new RegExp(`inet ${nodeIP.replace(/\./g, '\\.')}/`));
    assert.match(own, new RegExp(`inet ${podIP.replace(/\./g, '\\.')}/`));
    const res = await eventually(() => httpGet(`http://${nodeIP}:${hostPort}/`), LONG);
    assert.equal(res.status, 200);
    assert.match(res.body, /Welcome to nginx!/);
  });

  test('myapp:v1 serves its version and the pod name on its pod IP', async () => {
    const k = cluster();
    await k.kubectl(['run', 'myapp', '--image=myapp:v1']);
    await waitRunning(k, 'myapp');
    const ip = await jsonpath(k, 'myapp', '{.status.podIP}');
    const index = await eventually(() => httpGet(`http://${ip}/`), LONG);
    assert.equal(index.status, 200);
    assert.match(index.body, /^Hello MyApp \| Version: v1 \| <a href="hostname.html">Pod Name<\/a>$/m);
    const host = await httpGet(`http://${ip}/hostname.html`);
    assert.equal(host.status, 200);
    assert.equal(host.body, 'myapp\n');
  });
});
