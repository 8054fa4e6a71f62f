import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Container, Pod } from '../../api/core/pods/types.js';
import { ContainerConfigError } from '../runtime-manager/env.js';
import {
  makeContainerMounts,
  managedHostsContent,
  podHostNameAndDomain,
  type ContainerMountsInput,
} from './container-mounts.js';
import type { MountedVolume } from './volume-manager.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function setup(container: Partial<Container>, spec: Partial<Pod['spec']> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'kubeling-cm-'));
  dirs.push(root);
  const podDir = join(root, 'pods/uid-1');
  const data = join(podDir, 'volumes/kubernetes.io~empty-dir/data');
  const cfg = join(podDir, 'volumes/kubernetes.io~configmap/cfg');
  await mkdir(data, { recursive: true });
  await mkdir(cfg, { recursive: true });
  const volumes = new Map<string, MountedVolume>([
    ['data', { hostPath: data, readOnly: false }],
    ['cfg', { hostPath: cfg, readOnly: true }],
  ]);
  const c: Container = { name: 'app', image: 'nginx', ...container };
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'ns', uid: 'uid-1' },
    spec: { containers: [c], ...spec },
  };
  const input: ContainerMountsInput = {
    pod,
    container: c,
    volumes,
    podDir,
    podIPs: ['10.42.0.7'],
    clusterDomain: 'cluster.local',
    envs: [{ key: 'POD', value: 'web' }],
  };
  return { root, podDir, data, cfg, input };
}

describe('container mounts', () => {
  it('volumeMounts → host dirs (readOnly from the mount or the plugin), /etc/hosts, termination log', async () => {
    const s = await setup({
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'cfg', mountPath: '/etc/cfg' },
        { name: 'data', mountPath: '/ro', readOnly: true },
      ],
    });
    const r = await makeContainerMounts(s.input);
    assert.deepEqual(r.mounts.slice(0, 4), [
      { containerPath: '/data', hostPath: s.data, readonly: false },
      { containerPath: '/etc/cfg', hostPath: s.cfg, readonly: true },
      { containerPath: '/ro', hostPath: s.data, readonly: true },
      { containerPath: '/etc/hosts', hostPath: join(s.podDir, 'etc-hosts'), readonly: false },
    ]);
    const tm = r.mounts[4];
    assert.equal(tm.containerPath, '/dev/termination-log');
    assert.match(tm.hostPath, new RegExp(`^${s.podDir}/containers/app/[0-9a-f]{8}$`));
    assert.equal(r.terminationMessageHostPath, tm.hostPath);
    const st = await stat(tm.hostPath);
    assert.equal(st.size, 0);
    assert.equal(st.mode & 0o777, 0o666);
    assert.equal(
      await readFile(join(s.podDir, 'etc-hosts'), 'utf8'),
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
        '10.42.0.7\tweb\n',
    );
  });

  it('hostname + subdomain give the FQDN line; host aliases follow', () => {
    const pod: Pod = {
      metadata: { name: 'web-0', namespace: 'prod' },
      spec: {
        containers: [],
        hostname: 'db',
        subdomain: 'svc-h',
        hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo.local', 'bar.local'] }],
      },
    };
    const { hostname, domain } = podHostNameAndDomain(pod, 'cluster.local');
    assert.deepEqual([hostname, domain], ['db', 'svc-h.prod.svc.cluster.local']);
    const text = managedHostsContent(['10.42.0.9'], hostname, domain, pod);
    assert.ok(
      text.endsWith(
        '10.42.0.9\tdb.svc-h.prod.svc.cluster.local\tdb\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo.local\tbar.local\n',
      ),
    );
  });

  it("hostNetwork pods get the node's hosts file under the host-network header", async () => {
    const s = await setup({}, { hostNetwork: true, hostAliases: [{ ip: '5.6.7.8', hostnames: ['x'] }] });
    const nodeHosts = join(s.root, 'node-hosts');
    await writeFile(nodeHosts, '127.0.0.1 localhost\n192.168.1.10 node-1\n');
    await makeContainerMounts({ ...s.input, nodeHostsFile: nodeHosts });
    assert.equal(
      await readFile(join(s.podDir, 'etc-hosts'), 'utf8'),
      '# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.10 node-1\n' +
        '\n# Entries added by HostAliases.\n5.6.7.8\tx\n',
    );
  });

  it('a container mounting at /etc/hosts itself gets no managed hosts file', async () => {
    const s = await setup({ volumeMounts: [{ name: 'data', mountPath: '/etc/hosts', subPath: 'hosts' }] });
    const r = await makeContainerMounts(s.input);
    assert.deepEqual(
      r.mounts.filter((m) => m.containerPath === '/etc/hosts').map((m) => m.hostPath),
      [join(s.data, 'hosts')],
    );
  });

  it('subPath and subPathExpr: made as directories inside the volume', async () => {
    const s = await setup({
      volumeMounts: [
        { name: 'data', mountPath: '/a', subPath: 'x/y' },
        { name: 'data', mountPath: '/b', subPathExpr: 'logs/$(POD)' },
      ],
      terminationMessagePath: '',
    });
    const r = await makeContainerMounts(s.input);
    assert.deepEqual(
      r.mounts.map((m) => m.hostPath),
      [join(s.data, 'x/y'), join(s.data, 'logs/web'), join(s.podDir, 'etc-hosts')],
    );
    assert.ok((await stat(join(s.data, 'logs/web'))).isDirectory());
    assert.equal(r.terminationMessageHostPath, undefined);
  });

  it('refuses absolute subPaths, .., escaping symlinks and unknown volumes with upstream wording', async () => {
    const cases: [Partial<Container>, string][] = [
      [
        { volumeMounts: [{ name: 'data', mountPath: '/a', subPath: '/etc' }] },
        'error SubPath `/etc` must not be an absolute path',
      ],
      [
        { volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'a/../../b' }] },
        "unable to provision SubPath `a/../../b`: must not contain '..'",
      ],
      [
        { volumeMounts: [{ name: 'nope', mountPath: '/a' }] },
        'cannot find volume "nope" to mount into container "app"',
      ],
      [
        { volumeMounts: [{ name: 'data', mountPath: '/a', subPathExpr: '$(MISSING)/x' }] },
        'missing value for MISSING',
      ],
      [
        { volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'out' }] },
        'failed to prepare subPath for volumeMount "data" of container "app"',
      ],
      [
        { volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'out/inner' }] },
        'failed to create subPath directory for volumeMount "data" of container "app"',
      ],
    ];
    for (const [c, message] of cases) {
      const s = await setup(c);
      await symlink('/etc', join(s.data, 'out'));
      await assert.rejects(makeContainerMounts(s.input), (err: unknown) => {
        assert.ok(ContainerConfigError.is(err));
        assert.equal((err as Error).message, message);
        return true;
      });
    }
    // Nothing was made outside the volume.
    assert.ok(!(await readdir('/etc')).includes('inner'));
  });

  it('a symlink that stays inside the volume is followed', async () => {
    const s = await setup({ volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'alias' }] });
    await mkdir(join(s.data, 'real'));
    await symlink('real', join(s.data, 'alias'));
    const r = await makeContainerMounts(s.input);
    assert.equal(r.mounts[0].hostPath, join(s.data, 'real'));
  });
});
