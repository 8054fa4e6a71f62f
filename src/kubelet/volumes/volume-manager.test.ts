import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { admitServiceAccount } from '../../api/core/pods/service-account-admission.js';
import type { Pod, Volume } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import type { Mounter } from './mounter.js';
import type { VolumeData } from './payload.js';
import { VolumeManager, type VolumeDataLookup } from './volume-manager.js';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Records tmpfs mounts instead of making them; `mountsUnder` reports them. */
class FakeMounter implements Mounter {
  readonly mounted = new Map<string, number | undefined>();
  /** How often the mount table was read. */
  tableReads = 0;
  async mountTmpfs(dir: string, size?: number) {
    if (this.mounted.has(dir)) throw new Error(`${dir} is mounted twice`);
    this.mounted.set(dir, size);
  }
  async unmount(dir: string) {
    this.mounted.delete(dir);
  }
  async mountsUnder(dir: string) {
    this.tableReads++;
    return [...this.mounted.keys()].filter((p) => p === dir || p.startsWith(`${dir}/`));
  }
}

interface Setup {
  root: string;
  vm: VolumeManager;
  mounter: FakeMounter;
  objects: Map<string, VolumeData>;
  tokenCalls: unknown[];
}

async function setup(memoryBackedSecrets = false, earlier?: Setup): Promise<Setup> {
  const root = earlier?.root ?? (await mkdtemp(join(tmpdir(), 'kubeling-vm-')));
  dirs.push(root);
  const objects = earlier?.objects ?? new Map<string, VolumeData>();
  const lookup: VolumeDataLookup = async (kind, ns, name) => objects.get(`${kind}/${ns}/${name}`);
  const mounter = earlier?.mounter ?? new FakeMounter();
  const tokenCalls: unknown[] = [];
  const vm = new VolumeManager({
    rootDir: root,
    lookup,
    requestToken: async (ns, sa, spec) => {
      tokenCalls.push({ ns, sa, spec });
      return { token: 'jwt', expirationTimestamp: '2099-01-01T00:00:00Z' };
    },
    clock: new FakeClock(),
    log: silentLogger,
    mounter,
    nodeAllocatable: { cpuMillis: 2000, memoryBytes: 1 << 30, ephemeralStorageBytes: 0 },
    memoryBackedSecrets,
  });
  return { root, vm, mounter, objects, tokenCalls };
}

function pod(volumes: Volume[], extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'uid-1', labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }], volumes, serviceAccountName: 'default', ...extra },
  };
}

describe('volume manager', () => {
  it('emptyDir: a 0777 directory under kubernetes.io~empty-dir', async () => {
    const s = await setup();
    const r = await s.vm.setUpPod(pod([{ name: 'scratch', emptyDir: {} }]));
    assert.deepEqual(r.errors, []);
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~empty-dir/scratch');
    assert.deepEqual(r.volumes.get('scratch'), { hostPath: dir, readOnly: false });
    assert.equal((await stat(dir)).mode & 0o777, 0o777);
  });

  it('emptyDir medium Memory: a tmpfs sized by sizeLimit, mounted once, unmounted on teardown', async () => {
    const s = await setup();
    const p = pod([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
    await s.vm.setUpPod(p);
    await s.vm.setUpPod(p);
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~empty-dir/mem');
    assert.deepEqual([...s.mounter.mounted], [[dir, 64 * 1024 * 1024]]);
    await s.vm.removePod('uid-1');
    assert.equal(s.mounter.mounted.size, 0);
    await assert.rejects(lstat(join(s.root, 'pods/uid-1')), /ENOENT/);
  });

  it('reads the mount table only for a directory an earlier run left, never on a resync', async () => {
    const s = await setup(true);
    const p = pod([
      { name: 'mem', emptyDir: { medium: 'Memory' } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    ]);
    for (let i = 0; i < 3; i++) assert.deepEqual((await s.vm.setUpPod(p)).errors, []);
    assert.equal(s.mounter.mounted.size, 2);
    assert.equal(s.mounter.tableReads, 0);
    // A restarted agent finds the directories and their tmpfs: it reads the table once each.
    const again = await setup(true, s);
    for (let i = 0; i < 3; i++) assert.deepEqual((await again.vm.setUpPod(p)).errors, []);
    assert.equal(again.mounter.mounted.size, 2);
    assert.equal(again.mounter.tableReads, 2);
    // Torn down and set up again: mounted anew (FakeMounter refuses a second mount on one dir).
    await again.vm.removePod('uid-1');
    assert.equal(again.mounter.mounted.size, 0);
    assert.deepEqual((await again.vm.setUpPod(p)).errors, []);
    assert.equal(again.mounter.mounted.size, 2);
  });

  it('a projected volume whose data cannot be fetched reports that, and its tmpfs goes with the pod', async () => {
    const s = await setup(true);
    const p = pod([{ name: 'p', projected: { sources: [{ configMap: { name: 'absent' } }] } }]);
    const r = await s.vm.setUpPod(p);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['MountVolume.SetUp failed for volume "p" : configmap "absent" not found'],
    );
    await s.vm.removePod('uid-1');
    assert.equal(s.mounter.mounted.size, 0);
    await assert.rejects(lstat(join(s.root, 'pods/uid-1')), /ENOENT/);
  });

  it("a memory-backed emptyDir's tmpfs is the smallest of node allocatable, pod limit and sizeLimit", async () => {
    const sizes = async (volume: Volume, extra: Partial<Pod['spec']> = {}) => {
      const s = await setup();
      await s.vm.setUpPod(pod([volume], extra));
      return [...s.mounter.mounted.values()];
    };
    const limited = {
      containers: [{ name: 'app', image: 'nginx', resources: { limits: { memory: '128Mi' } } }],
    };
    assert.deepEqual(await sizes({ name: 'm', emptyDir: { medium: 'Memory' } }), [1 << 30]);
    assert.deepEqual(await sizes({ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }), [1 << 30]);
    assert.deepEqual(await sizes({ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }, limited), [
      128 * 1024 * 1024,
    ]);
    assert.deepEqual(await sizes({ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }, limited), [
      1024 * 1024,
    ]);
  });

  it('configMap: files and symlinks from data; a change reaches the volume on the next set-up', async () => {
    const s = await setup();
    s.objects.set('configmap/ns/cfg', { 'app.conf': Buffer.from('v1'), other: Buffer.from('o') });
    const p = pod([
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'conf/app.conf' }] } },
    ]);
    const r = await s.vm.setUpPod(p);
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~configmap/cfg');
    assert.deepEqual(r.volumes.get('cfg'), { hostPath: dir, readOnly: true });
    assert.equal(await readFile(join(dir, 'conf/app.conf'), 'utf8'), 'v1');
    assert.equal(await readlink(join(dir, 'conf')), '..data/conf');
    assert.equal((await stat(join(dir, 'conf/app.conf'))).mode & 0o777, 0o644);
    s.objects.set('configmap/ns/cfg', { 'app.conf': Buffer.from('v2') });
    await s.vm.setUpPod(p);
    assert.equal(await readFile(join(dir, 'conf/app.conf'), 'utf8'), 'v2');
    // Deleted later: the refresh fails, the volume keeps its last content and stays mountable.
    s.objects.delete('configmap/ns/cfg');
    const again = await s.vm.setUpPod(p);
    assert.equal(
      again.errors[0]?.message,
      'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found',
    );
    assert.deepEqual(again.volumes.get('cfg'), { hostPath: dir, readOnly: true });
    assert.equal(await readFile(join(dir, 'conf/app.conf'), 'utf8'), 'v2');
  });

  it('missing configMap/secret: upstream FailedMount text; optional ones give an empty volume', async () => {
    const s = await setup();
    const r = await s.vm.setUpPod(
      pod([
        { name: 'a', configMap: { name: 'nope' } },
        { name: 'b', secret: { secretName: 'gone' } },
        { name: 'c', secret: { secretName: 'gone', optional: true } },
      ]),
    );
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [
        'MountVolume.SetUp failed for volume "a" : configmap "nope" not found',
        'MountVolume.SetUp failed for volume "b" : secret "gone" not found',
      ],
    );
    assert.deepEqual([...r.volumes.keys()], ['c']);
  });

  it('memoryBackedSecrets: secret and projected volumes on their own tmpfs, configMaps on disk', async () => {
    const s = await setup(true);
    s.objects.set('secret/ns/creds', { k: Buffer.from('v') });
    s.objects.set('configmap/ns/cfg', { k: Buffer.from('v') });
    await s.vm.setUpPod(
      pod([
        { name: 's', secret: { secretName: 'creds' } },
        { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
        { name: 'c', configMap: { name: 'cfg' } },
      ]),
    );
    const base = join(s.root, 'pods/uid-1/volumes');
    assert.deepEqual([...s.mounter.mounted.keys()].sort(), [
      join(base, 'kubernetes.io~projected/p'),
      join(base, 'kubernetes.io~secret/s'),
    ]);
    await s.vm.removePod('uid-1');
    assert.equal(s.mounter.mounted.size, 0);
  });

  it('secret: defaultMode and item modes', async () => {
    const s = await setup();
    s.objects.set('secret/ns/creds', { user: Buffer.from('admin'), pass: Buffer.from('pw') });
    await s.vm.setUpPod(
      pod([
        {
          name: 's',
          secret: {
            secretName: 'creds',
            defaultMode: 0o400,
            items: [
              { key: 'user', path: 'u' },
              { key: 'pass', path: 'p', mode: 0o600 },
            ],
          },
        },
      ]),
    );
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~secret/s');
    assert.equal(await readFile(join(dir, 'u'), 'utf8'), 'admin');
    assert.equal((await stat(join(dir, 'u'))).mode & 0o777, 0o400);
    assert.equal((await stat(join(dir, 'p'))).mode & 0o777, 0o600);
  });

  it('hostPath: the path itself, type-checked; a failed check is a FailedMount', async () => {
    const s = await setup();
    const host = join(s.root, 'host-data');
    const r = await s.vm.setUpPod(
      pod([
        { name: 'h', hostPath: { path: host, type: 'DirectoryOrCreate' } },
        { name: 'f', hostPath: { path: host, type: 'File' } },
      ]),
    );
    assert.deepEqual(r.volumes.get('h'), { hostPath: host, readOnly: false });
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [`MountVolume.SetUp failed for volume "f" : hostPath type check failed: ${host} is not a file`],
    );
  });

  it('projected kube-api-access as the ServiceAccount admission injects it: token bound to the pod, ca.crt, namespace', async () => {
    const s = await setup();
    s.objects.set('configmap/ns/kube-root-ca.crt', { 'ca.crt': Buffer.from('PEM') });
    const admitted = pod([]);
    const refusal = await admitServiceAccount(admitted, 'ns', {
      serviceAccount: async (name) => ({ metadata: { name, namespace: 'ns' } }),
      sleep: async () => {},
      generateName: (prefix) => `${prefix}abcde`,
    });
    assert.equal(refusal, undefined);
    const r = await s.vm.setUpPod(admitted);
    assert.deepEqual(r.errors, []);
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~projected/kube-api-access-abcde');
    assert.equal(await readFile(join(dir, 'token'), 'utf8'), 'jwt');
    assert.equal(await readFile(join(dir, 'ca.crt'), 'utf8'), 'PEM');
    assert.equal(await readFile(join(dir, 'namespace'), 'utf8'), 'ns');
    assert.deepEqual(s.tokenCalls, [
      {
        ns: 'ns',
        sa: 'default',
        spec: {
          audiences: [],
          expirationSeconds: 3607,
          boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'uid-1' },
        },
      },
    ]);
  });

  it('downwardAPI volume with labels and resource limits', async () => {
    const s = await setup();
    await s.vm.setUpPod(
      pod([
        {
          name: 'info',
          downwardAPI: {
            items: [
              { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              {
                path: 'cpu',
                resourceFieldRef: { containerName: 'app', resource: 'limits.cpu', divisor: '1m' },
              },
            ],
          },
        },
      ]),
    );
    const dir = join(s.root, 'pods/uid-1/volumes/kubernetes.io~downward-api/info');
    assert.equal(await readFile(join(dir, 'labels'), 'utf8'), 'app="web"');
    assert.equal(await readFile(join(dir, 'cpu'), 'utf8'), '2000');
  });

  it(
    'fsGroup: volume files belong to the group (g+r on atomic volumes, setgid dirs); the token is 0640',
    { skip: process.getuid?.() === 0 ? false : 'chown to another group needs root' },
    async () => {
      const s = await setup();
      s.objects.set('configmap/ns/cfg', { k: Buffer.from('v') });
      await s.vm.setUpPod(
        pod(
          [
            { name: 'cfg', configMap: { name: 'cfg', defaultMode: 0o400 } },
            { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
            { name: 'e', emptyDir: {} },
          ],
          { securityContext: { fsGroup: 4242 } },
        ),
      );
      const base = join(s.root, 'pods/uid-1/volumes');
      const f = await stat(join(base, 'kubernetes.io~configmap/cfg/k'));
      assert.equal(f.gid, 4242);
      assert.equal(f.mode & 0o7777, 0o440);
      const tok = await stat(join(base, 'kubernetes.io~projected/tok/token'));
      assert.equal(tok.mode & 0o7777, 0o640);
      const e = await stat(join(base, 'kubernetes.io~empty-dir/e'));
      assert.equal(e.gid, 4242);
      assert.equal(e.mode & 0o7777, 0o2777);
    },
  );

  it(
    'emptyDir medium Memory on a real tmpfs is unmounted before the pod directory goes',
    {
      skip: process.getuid?.() === 0 ? false : 'mount(8) needs root',
    },
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'kubeling-vm-real-'));
      dirs.push(root);
      const { linuxMounter } = await import('./mounter.js');
      const vm = new VolumeManager({
        rootDir: root,
        lookup: async () => undefined,
        requestToken: async () => ({ token: '', expirationTimestamp: '' }),
        clock: new FakeClock(),
        log: silentLogger,
      });
      const dir = join(root, 'pods/uid-1/volumes/kubernetes.io~empty-dir/mem');
      try {
        const r = await vm.setUpPod(pod([{ name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }]));
        assert.deepEqual(r.errors, []);
        assert.deepEqual(await linuxMounter.mountsUnder(dir), [dir]);
        await writeFile(join(dir, 'x'), 'in memory');
        await vm.removePod('uid-1');
        assert.deepEqual(await linuxMounter.mountsUnder(root), []);
        await assert.rejects(lstat(join(root, 'pods/uid-1')), /ENOENT/);
      } finally {
        await linuxMounter.unmount(dir).catch(() => {});
      }
    },
  );

  it('unsupported volume types fail the mount', async () => {
    const s = await setup();
    const r = await s.vm.setUpPod(pod([{ name: 'n', nfs: { server: 'x', path: '/' } }]));
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['MountVolume.SetUp failed for volume "n" : volume type nfs is not supported by this node'],
    );
  });

  it('teardown never follows or deletes inside a hostPath, and refuses while a foreign mount remains', async () => {
    const s = await setup();
    const host = join(s.root, 'precious');
    await mkdir(host);
    await writeFile(join(host, 'keep'), 'x');
    const p = pod([
      { name: 'h', hostPath: { path: host } },
      { name: 'e', emptyDir: {} },
    ]);
    await s.vm.setUpPod(p);
    // A symlink into the hostPath inside the pod's directory is removed, not followed.
    const { symlink } = await import('node:fs/promises');
    await symlink(host, join(s.root, 'pods/uid-1/volumes/kubernetes.io~empty-dir/e/link'));
    s.mounter.mounted.set(join(s.root, 'pods/uid-1/volumes/other'), undefined);
    await assert.rejects(s.vm.removePod('uid-1'), /still mounted/);
    s.mounter.mounted.clear();
    await s.vm.removePod('uid-1');
    await assert.rejects(lstat(join(s.root, 'pods/uid-1')), /ENOENT/);
    assert.equal(await readFile(join(host, 'keep'), 'utf8'), 'x');
  });

  it('cleanupOrphans removes pod directories nobody keeps, never log directories', async () => {
    const s = await setup();
    await mkdir(join(s.root, 'pods/old-uid/volumes'), { recursive: true });
    await mkdir(join(s.root, 'pods/keep-uid'), { recursive: true });
    await mkdir(join(s.root, 'pods/ns_web_old-uid'), { recursive: true });
    await s.vm.cleanupOrphans((uid) => uid === 'keep-uid');
    await assert.rejects(lstat(join(s.root, 'pods/old-uid')), /ENOENT/);
    await lstat(join(s.root, 'pods/keep-uid'));
    await lstat(join(s.root, 'pods/ns_web_old-uid'));
  });
});
