import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerConfig } from '../interface.js';
import {
  ALL_CAPABILITIES,
  capabilities,
  DEFAULT_CAPABILITIES,
  effectiveCapabilities,
} from './capabilities.js';
import { buildSpec, processArgs, processEnv, processUser, SpecError, type SpecInput } from './spec.js';

const config = (over: Partial<ContainerConfig> = {}): ContainerConfig => ({
  metadata: { name: 'app', attempt: 0 },
  image: 'busybox',
  command: [],
  args: [],
  envs: [],
  mounts: [],
  labels: {},
  annotations: {},
  logPath: 'app/0.log',
  stdin: false,
  stdinOnce: false,
  tty: false,
  ...over,
});

const passwd = new Map([
  ['root', { uid: 0, gid: 0 }],
  ['nginx', { uid: 101, gid: 101 }],
  ['nobody', { uid: 65534, gid: 65534 }],
]);
const input = (c: ContainerConfig, image: SpecInput['image'] = {}): SpecInput => ({
  config: c,
  image,
  rootfs: '/r',
  namespaces: { network: '/ns/net', ipc: '/ns/ipc' },
  sandboxFiles: { hostname: '/sb/hostname', resolvConf: '/sb/resolv.conf', shm: '/sb/shm' },
  cgroupsPath: '/kubeling/podU/id',
  hostname: 'pod-a',
  utsNamespace: true,
  swapAccounting: true,
  lookupUser: (n) => passwd.get(n),
  lookupUid: (uid) => [...passwd.values()].find((u) => u.uid === uid),
  lookupGroup: (n) => (n === 'www' ? 33 : undefined),
});

test('command and args override the image entrypoint and Cmd as the kubelet documents', () => {
  const image = { Entrypoint: ['/entry'], Cmd: ['serve'] };
  assert.deepEqual(processArgs(config(), image), ['/entry', 'serve']);
  assert.deepEqual(processArgs(config({ args: ['x'] }), image), ['/entry', 'x']);
  assert.deepEqual(processArgs(config({ command: ['sh'] }), image), ['sh']);
  assert.deepEqual(processArgs(config({ command: ['sh'], args: ['-c', 'y'] }), image), ['sh', '-c', 'y']);
  assert.throws(() => processArgs(config(), {}), SpecError);
});

test('the container environment overrides the image one; HOSTNAME and PATH are set', () => {
  const env = processEnv(
    config({ envs: [{ key: 'A', value: '2' }] }),
    { Env: ['A=1', 'B=x', 'PATH=/bin'] },
    'pod-a',
  );
  assert.deepEqual(env.sort(), ['A=2', 'B=x', 'HOSTNAME=pod-a', 'PATH=/bin']);
});

test('users: image User by name, uid, uid:gid and name:group; runAsUser/runAsGroup win', () => {
  const ids = (c: ContainerConfig, image?: SpecInput['image']) => {
    const { uid, gid } = processUser(input(c, image));
    return { uid, gid };
  };
  assert.deepEqual(ids(config(), { User: 'nginx' }), { uid: 101, gid: 101 });
  assert.deepEqual(ids(config(), { User: '65534' }), { uid: 65534, gid: 65534 });
  assert.deepEqual(ids(config(), { User: '1000:7' }), { uid: 1000, gid: 7 });
  assert.deepEqual(ids(config(), { User: 'nginx:www' }), { uid: 101, gid: 33 });
  assert.throws(() => processUser(input(config(), { User: 'ghost' })), /unable to find user ghost/);
  assert.deepEqual(ids(config({ security: { runAsUser: 5, runAsGroup: 6 } })), { uid: 5, gid: 6 });
});

test('additional gids as containerd: the primary group, the image groups listing the user, then supplementalGroups', () => {
  assert.deepEqual(processUser(input(config())), { uid: 0, gid: 0, additionalGids: [0] });
  const sec = config({ security: { runAsUser: 101, supplementalGroups: [5, 101, 5] } });
  assert.deepEqual(processUser(input(sec, { User: 'nobody' })), {
    uid: 101,
    gid: 101,
    additionalGids: [101, 5],
  });
  const members = {
    ...input(config({ security: { runAsUser: 101, runAsGroup: 3000, supplementalGroups: [4000] } })),
  };
  members.lookupMemberGids = (uid) => (uid === 101 ? [33, 4000] : []);
  assert.deepEqual(processUser(members), { uid: 101, gid: 3000, additionalGids: [3000, 33, 4000] });
});

test("capabilities: Docker's default set, add, drop, drop ALL and privileged", () => {
  assert.deepEqual(capabilities(config()), DEFAULT_CAPABILITIES);
  const added = capabilities(
    config({ security: { capabilities: { add: ['NET_ADMIN'], drop: ['CAP_KILL'] } } }),
  );
  assert.ok(added.includes('NET_ADMIN') && !added.includes('KILL'));
  assert.deepEqual(
    capabilities(config({ security: { capabilities: { add: ['NET_RAW'], drop: ['ALL'] } } })),
    ['NET_RAW'],
  );
  assert.ok(capabilities(config({ security: { privileged: true } })).includes('SYS_ADMIN'));
  // containerd's order: the individual drops come last, so they win over adds.
  const caps = (add: string[], drop: string[]) =>
    capabilities(config({ security: { capabilities: { add, drop } } }));
  assert.ok(!caps(['NET_ADMIN'], ['NET_ADMIN']).includes('NET_ADMIN'));
  assert.deepEqual(caps(['ALL'], ['ALL']), []);
  const allButChown = caps(['ALL'], ['CHOWN']);
  assert.ok(allButChown.includes('SYS_ADMIN') && !allButChown.includes('CHOWN'));
});

test("privileged and add ALL mean the runtime's own capabilities (containerd's cap.Current)", () => {
  // A bounding set without SYS_RESOURCE (bit 24), as on a machine that dropped it.
  const own = effectiveCapabilities('Name:\tnode\nCapEff:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\n');
  assert.equal(own.length, ALL_CAPABILITIES.length - 1);
  assert.ok(!own.includes('SYS_RESOURCE') && own.includes('CHECKPOINT_RESTORE') && own[0] === 'CHOWN');
  assert.deepEqual(effectiveCapabilities('CapEff:\t0000000000000003\n'), ['CHOWN', 'DAC_OVERRIDE']);
  assert.deepEqual(capabilities(config({ security: { privileged: true } }), own), own);
  const all = capabilities(config({ security: { capabilities: { add: ['ALL'], drop: ['NET_RAW'] } } }), own);
  assert.ok(!all.includes('SYS_RESOURCE') && !all.includes('NET_RAW') && all.includes('SYS_ADMIN'));
});

test('the spec joins the sandbox namespaces, mounts its files and sets cgroup limits', () => {
  const c = config({
    command: ['sleep', '1'],
    cpuLimitMillis: 500,
    cpuRequestMillis: 250,
    memoryLimitBytes: 64 << 20,
    mounts: [
      { containerPath: '/data/sub', hostPath: '/v/sub', readonly: true },
      { containerPath: '/data', hostPath: '/v', readonly: false },
      { containerPath: '/etc/hosts', hostPath: '/p/etc-hosts', readonly: false },
    ],
  });
  const spec = buildSpec(input(c)) as any;
  assert.deepEqual(
    spec.process.capabilities.bounding,
    DEFAULT_CAPABILITIES.map((x) => `CAP_${x}`),
  );
  assert.deepEqual(
    spec.linux.namespaces.map((n: any) => [n.type, n.path]),
    [
      ['pid', undefined],
      ['mount', undefined],
      ['network', '/ns/net'],
      ['ipc', '/ns/ipc'],
      ['uts', undefined],
    ],
  );
  const dests = spec.mounts.map((m: any) => m.destination);
  assert.ok(dests.indexOf('/data') < dests.indexOf('/data/sub'), 'a parent is mounted before its child');
  assert.equal(dests.filter((d: string) => d === '/etc/hosts').length, 1);
  assert.ok(dests.includes('/etc/resolv.conf') && dests.includes('/etc/hostname'));
  assert.deepEqual(spec.mounts.find((m: any) => m.destination === '/data/sub').options, [
    'rbind',
    'rprivate',
    'ro',
  ]);
  assert.deepEqual(spec.linux.resources.memory, { limit: 64 << 20, swap: 64 << 20 });
  assert.deepEqual(spec.linux.resources.cpu, { period: 100_000, quota: 50_000, shares: 256 });
  assert.equal(spec.linux.cgroupsPath, '/kubeling/podU/id');
  assert.ok(spec.linux.maskedPaths.includes('/proc/kcore'));
});

test('the rootfs overlay is the first mount, at /, for runc to mount in the container; a copy needs none', () => {
  const overlay = ['lowerdir=/img/init:/img/root', 'upperdir=/l/upper', 'workdir=/l/work'];
  const spec = buildSpec({ ...input(config({ command: ['true'] })), rootOverlay: overlay }) as any;
  assert.equal(spec.root.path, '/r');
  assert.deepEqual(spec.mounts[0], {
    destination: '/',
    type: 'overlay',
    source: 'overlay',
    options: overlay,
  });
  assert.equal(spec.mounts[1].destination, '/proc');
  const copy = buildSpec(input(config({ command: ['true'] }))) as any;
  assert.equal(
    copy.mounts.some((m: any) => m.destination === '/'),
    false,
  );
});

test('hostNetwork containers get no network or UTS namespace entry', () => {
  const i = input(config({ command: ['true'] }));
  i.namespaces = { ipc: '/ns/ipc' };
  i.hostname = 'node-1';
  i.utsNamespace = false;
  const spec = buildSpec(i) as any;
  assert.deepEqual(
    spec.linux.namespaces.map((n: any) => n.type),
    ['pid', 'mount', 'ipc'],
  );
  assert.equal(spec.hostname, undefined, 'the host UTS namespace keeps its own name');
  // As containerd: HOSTNAME is the host's name, never empty.
  assert.ok(spec.process.env.includes('HOSTNAME=node-1'));
});

test("hostPID and hostIPC keep the host's namespaces; a target's PID namespace is joined by path", () => {
  const ns = (namespaces: SpecInput['namespaces'], shm = '/sb/shm') => {
    const i = input(config({ command: ['true'] }));
    i.namespaces = namespaces;
    i.sandboxFiles = { ...i.sandboxFiles, shm };
    const spec = buildSpec(i) as any;
    return {
      ns: spec.linux.namespaces.map((n: any) => (n.path ? `${n.type}=${n.path}` : n.type)),
      shm: spec.mounts.find((m: any) => m.destination === '/dev/shm')?.source,
    };
  };
  assert.deepEqual(ns({ network: '/ns/net', ipc: '/ns/ipc', hostPID: true }).ns, [
    'mount',
    'network=/ns/net',
    'ipc=/ns/ipc',
    'uts',
  ]);
  assert.deepEqual(ns({ network: '/ns/net', ipc: '/ns/ipc', hostIPC: true }, '/dev/shm'), {
    ns: ['pid', 'mount', 'network=/ns/net', 'uts'],
    shm: '/dev/shm',
  });
  assert.deepEqual(ns({ network: '/ns/net', ipc: '/ns/ipc', pid: '/proc/42/ns/pid' }).ns, [
    'pid=/proc/42/ns/pid',
    'mount',
    'network=/ns/net',
    'ipc=/ns/ipc',
    'uts',
  ]);
});

test("a privileged container gets the host's devices, all device access and no masked paths", () => {
  const vda = { path: '/dev/vda', type: 'b' as const, major: 254, minor: 0, fileMode: 0o600, uid: 0, gid: 0 };
  const priv = input(config({ command: ['sh'], security: { privileged: true } }));
  priv.hostDevices = [vda];
  const spec = buildSpec(priv) as any;
  assert.deepEqual(spec.linux.devices, [vda]);
  assert.deepEqual(spec.linux.resources.devices, [{ allow: true, access: 'rwm' }]);
  assert.equal(spec.linux.maskedPaths, undefined);
  assert.ok(spec.mounts.find((m: any) => m.destination === '/sys').options.includes('rw'));
  const plain = input(config({ command: ['sh'] }));
  plain.hostDevices = [vda];
  const unprivileged = buildSpec(plain) as any;
  assert.equal(unprivileged.linux.devices, undefined, 'only a privileged container sees them');
  assert.deepEqual(unprivileged.linux.resources.devices, [{ allow: false, access: 'rwm' }]);
});
