/**
 * @module runtime/runtime.conformance
 * The one test suite every ContainerRuntime (sim, oci, process) must pass: each RuntimeService and
 * ImageService method of ./interface.ts, its states, timestamps, filters and RuntimeError codes.
 *
 * Usage, from a runtime's test file:
 *
 *   runRuntimeConformance('sim', async () => { const clock = new FakeClock(); … return { runtime, clock, cleanup } });
 *
 * Each test gets a fresh runtime from the factory. With a FakeClock the suite moves the clock itself
 * while it waits; without one it waits in real time. Workloads carry both a shell command (busybox
 * `sh`) and the equivalent sim annotation. A runtime may skip tests by name, with a written reason.
 */
import { normalizeReference } from '../util/image-reference.js';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, type TestContext } from 'node:test';
import type { FakeClock } from '../util/clock.js';
import { rmSync } from 'node:fs';
import {
  CONFORMANCE_LOGS,
  containerConfig,
  Driver,
  execAnswers,
  exitAfter,
  rejectsWith,
  runForever,
  sandboxConfig,
  slowTerm,
  type Workload,
} from './conformance-fixtures.js';
import type { ContainerRuntime, PodSandboxConfig, RuntimeEvent } from './interface.js';

export interface ConformanceHarness {
  runtime: ContainerRuntime;
  /** When given, the suite advances it instead of waiting in real time. */
  clock?: FakeClock;
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** Test name → why this runtime skips it. */
  skip?: Record<string, string>;
  /** Image the containers run; it needs `sh` and `sleep`. Default `docker.io/library/busybox:1.36`. */
  image?: string | (() => string);
  /** An image whose pull must fail. Default `docker.io/kubeling/does-not-exist:missing`. */
  missingImage?: string | (() => string);
}

export function runRuntimeConformance(
  name: string,
  factory: () => Promise<ConformanceHarness>,
  opts: ConformanceOptions = {},
): void {
  // Functions are read when the tests run (a registry started in `before` knows its port by then).
  const value = (v: string | (() => string) | undefined, dflt: string) =>
    typeof v === 'function' ? v() : (v ?? dflt);
  let image = '';
  let missingImage = '';
  beforeEach(() => {
    image = value(opts.image, 'docker.io/library/busybox:1.36');
    missingImage = value(opts.missingImage, 'docker.io/kubeling/does-not-exist:missing');
  });
  let h: ConformanceHarness;
  let d: Driver;
  const rt = () => h.runtime.runtime;

  const test = (title: string, fn: (t: TestContext) => Promise<void>) => {
    const reason = opts.skip?.[title];
    if (reason) it(title, { skip: reason }, () => {});
    else it(title, fn);
  };

  /** A ready sandbox with one created (not started) container of `work`. */
  async function created(cname: string, work: Workload, extra: Parameters<typeof containerConfig>[3] = {}) {
    await d.settle(h.runtime.images.pullImage(image));
    const sbConfig = sandboxConfig({ annotations: work.annotations });
    const sandboxId = await d.settle(rt().runPodSandbox(sbConfig));
    const config = containerConfig(cname, image, work, extra);
    const id = await d.settle(rt().createContainer(sandboxId, config, sbConfig));
    return { sandboxId, sbConfig, config, id };
  }

  /**
   * A real container's shell needs a moment after start to install its TERM trap: a SIGTERM before
   * that reaches a PID 1 with no handler, which ignores it (then only SIGKILL ends it, with 137).
   */
  const TRAP_READY_MS = 300;

  async function running(cname: string, work: Workload) {
    const c = await created(cname, work);
    await d.settle(rt().startContainer(c.id));
    await d.sleep(TRAP_READY_MS);
    return c;
  }

  const exited = (id: string) =>
    d.until(
      `container ${id} to exit`,
      async () => (await rt().containerStatus(id)).state === 'CONTAINER_EXITED',
    );

  describe(`runtime conformance: ${name}`, () => {
    beforeEach(async () => {
      h = await factory();
      d = new Driver(h.clock);
    });
    afterEach(async () => {
      await h.cleanup();
      rmSync(CONFORMANCE_LOGS, { recursive: true, force: true });
    });

    test('reports a name and a version', async () => {
      assert.match(rt().name, /^[a-z]+$/);
      assert.ok(rt().version.length > 0);
    });

    test('runs a sandbox and reports its status', async () => {
      const config = sandboxConfig({ labels: { app: 'web' }, annotations: { note: 'hello' } });
      const before = d.now();
      const id = await d.settle(rt().runPodSandbox(config));
      const s = await rt().podSandboxStatus(id);
      assert.equal(s.id, id);
      assert.equal(s.state, 'SANDBOX_READY');
      assert.deepEqual(s.metadata, config.metadata);
      assert.ok(s.createdAt >= before && s.createdAt <= d.now(), 'createdAt is the creation time');
      assert.match(s.ip, /^\d+\.\d+\.\d+\.\d+$|:/);
      assert.equal(s.labels.app, 'web');
      assert.equal(s.annotations.note, 'hello');
      assert.deepEqual(
        (await rt().listPodSandbox()).map((x) => x.id),
        [id],
      );
    });

    test('gives sandboxes distinct IPs and none to hostNetwork sandboxes', async () => {
      const a = await rt().podSandboxStatus(await d.settle(rt().runPodSandbox(sandboxConfig())));
      const b = await rt().podSandboxStatus(await d.settle(rt().runPodSandbox(sandboxConfig())));
      assert.notEqual(a.ip, b.ip);
      const host = await d.settle(rt().runPodSandbox(sandboxConfig({ hostNetwork: true })));
      assert.equal((await rt().podSandboxStatus(host)).ip, '');
    });

    test('stops and removes sandboxes idempotently', async () => {
      const id = await d.settle(rt().runPodSandbox(sandboxConfig()));
      await d.settle(rt().stopPodSandbox(id));
      assert.equal((await rt().podSandboxStatus(id)).state, 'SANDBOX_NOTREADY');
      await d.settle(rt().stopPodSandbox(id));
      await d.settle(rt().removePodSandbox(id));
      await rejectsWith(rt().podSandboxStatus(id), 'NotFound');
      await d.settle(rt().removePodSandbox(id));
      await d.settle(rt().stopPodSandbox('unknown-sandbox-id'));
      assert.deepEqual(await rt().listPodSandbox(), []);
    });

    test('throws NotFound for the status of an unknown sandbox', async () => {
      await rejectsWith(rt().podSandboxStatus('unknown-sandbox-id'), 'NotFound');
    });

    test('filters sandboxes by state and labels', async () => {
      const a = await d.settle(rt().runPodSandbox(sandboxConfig({ labels: { tier: 'a' } })));
      const b = await d.settle(rt().runPodSandbox(sandboxConfig({ labels: { tier: 'b' } })));
      await d.settle(rt().stopPodSandbox(b));
      const ids = async (f: Parameters<ReturnType<typeof rt>['listPodSandbox']>[0]) =>
        (await rt().listPodSandbox(f)).map((s) => s.id).sort();
      assert.deepEqual(await ids({ state: 'SANDBOX_READY' }), [a]);
      assert.deepEqual(await ids({ state: 'SANDBOX_NOTREADY' }), [b]);
      assert.deepEqual(await ids({ labelSelector: { tier: 'b' } }), [b]);
      assert.deepEqual(await ids({ labelSelector: { tier: 'c' } }), []);
      assert.deepEqual(await ids({}), [a, b].sort());
    });

    test('creates, starts, stops and removes a container with states and timestamps', async () => {
      const before = d.now();
      const c = await created('app', runForever(), { labels: { role: 'x' }, annotations: { 'a.io/b': 'c' } });
      let s = await rt().containerStatus(c.id);
      assert.equal(s.id, c.id);
      assert.equal(s.podSandboxId, c.sandboxId);
      assert.equal(s.state, 'CONTAINER_CREATED');
      assert.deepEqual(s.metadata, { name: 'app', attempt: 0 });
      assert.ok(s.createdAt >= before && s.createdAt <= d.now());
      assert.equal(s.startedAt, 0);
      assert.equal(s.finishedAt, 0);
      // As containerd's CRI: the image's repo tag (the name pulled, normalized), not the ref given.
      assert.equal(s.image, normalizeReference(image));
      assert.ok(s.imageRef.length > 0, 'imageRef is set');
      assert.equal(s.labels.role, 'x');
      assert.equal(s.annotations['a.io/b'], 'c');

      await d.settle(rt().startContainer(c.id));
      s = await rt().containerStatus(c.id);
      assert.equal(s.state, 'CONTAINER_RUNNING');
      await d.sleep(TRAP_READY_MS);
      assert.ok(s.startedAt >= s.createdAt && s.startedAt <= d.now());
      assert.equal(s.finishedAt, 0);

      await d.settle(rt().stopContainer(c.id, 10));
      s = await rt().containerStatus(c.id);
      assert.equal(s.state, 'CONTAINER_EXITED');
      assert.ok(s.finishedAt >= s.startedAt && s.finishedAt <= d.now());
      assert.equal(s.exitCode, 0);
      await d.settle(rt().stopContainer(c.id, 10));

      await d.settle(rt().removeContainer(c.id));
      await rejectsWith(rt().containerStatus(c.id), 'NotFound');
      await d.settle(rt().removeContainer(c.id));
    });

    test('throws NotFound for the status of an unknown container', async () => {
      await rejectsWith(rt().containerStatus('unknown-container-id'), 'NotFound');
    });

    test('refuses to create a container in an unknown sandbox', async () => {
      await d.settle(h.runtime.images.pullImage(image));
      const config = containerConfig('app', image, runForever());
      await rejectsWith(
        rt().createContainer('unknown-sandbox-id', config, sandboxConfig()),
        'NotFound',
        'CreateContainerFailed',
      );
    });

    test('refuses to start a container twice', async () => {
      const c = await running('app', runForever());
      await rejectsWith(d.settle(rt().startContainer(c.id)), 'StartContainerFailed');
    });

    test('reports the exit code and reason of a failing container', async () => {
      const c = await running('app', exitAfter('app', 3, 1));
      await exited(c.id);
      const s = await rt().containerStatus(c.id);
      assert.equal(s.exitCode, 3);
      assert.equal(s.reason, 'Error');
      const ran = s.finishedAt - s.startedAt;
      assert.ok(ran >= 900 && ran < 10_000, `ran ${ran} ms, want about 1 s`);
    });

    test('reports a successful exit as Completed', async () => {
      const c = await running('app', exitAfter('app', 0, 0));
      await exited(c.id);
      const s = await rt().containerStatus(c.id);
      assert.equal(s.exitCode, 0);
      assert.equal(s.reason, 'Completed');
    });

    test('stopContainer waits for a graceful exit within the timeout', async () => {
      const c = await running('app', slowTerm('app', 1));
      const t0 = d.now();
      await d.settle(rt().stopContainer(c.id, 10));
      const s = await rt().containerStatus(c.id);
      assert.equal(s.state, 'CONTAINER_EXITED');
      assert.equal(s.exitCode, 0);
      assert.ok(
        s.finishedAt - t0 >= 900 && s.finishedAt - t0 < 9_000,
        `exited after ${s.finishedAt - t0} ms`,
      );
    });

    test('stopContainer kills with SIGKILL (137) when the timeout runs out', async () => {
      const c = await running('app', slowTerm('app', 30));
      const t0 = d.now();
      await d.settle(rt().stopContainer(c.id, 1));
      const s = await rt().containerStatus(c.id);
      assert.equal(s.exitCode, 137);
      assert.ok(
        s.finishedAt - t0 >= 900 && s.finishedAt - t0 < 10_000,
        `killed after ${s.finishedAt - t0} ms`,
      );
    });

    test('stopContainer with timeout 0 kills at once', async () => {
      const c = await running('app', slowTerm('app', 30));
      const t0 = d.now();
      await d.settle(rt().stopContainer(c.id, 0));
      const s = await rt().containerStatus(c.id);
      assert.equal(s.exitCode, 137);
      assert.ok(s.finishedAt - t0 < 2_000);
    });

    test('filters containers by sandbox, state and labels', async () => {
      await d.settle(h.runtime.images.pullImage(image));
      const sb1 = sandboxConfig();
      const sb2 = sandboxConfig();
      const s1 = await d.settle(rt().runPodSandbox(sb1));
      const s2 = await d.settle(rt().runPodSandbox(sb2));
      const mk = (sb: string, sbc: PodSandboxConfig, cname: string, tier: string) =>
        d.settle(
          rt().createContainer(sb, containerConfig(cname, image, runForever(), { labels: { tier } }), sbc),
        );
      const a = await mk(s1, sb1, 'a', 'front');
      const b = await mk(s1, sb1, 'b', 'back');
      const c = await mk(s2, sb2, 'c', 'front');
      await d.settle(rt().startContainer(a));
      await d.settle(rt().startContainer(c));
      await d.settle(rt().stopContainer(c, 0));
      const ids = async (f?: Parameters<ReturnType<typeof rt>['listContainers']>[0]) =>
        (await rt().listContainers(f)).map((s) => s.id).sort();
      assert.deepEqual(await ids(), [a, b, c].sort());
      assert.deepEqual(await ids({ podSandboxId: s1 }), [a, b].sort());
      assert.deepEqual(await ids({ state: 'CONTAINER_RUNNING' }), [a]);
      assert.deepEqual(await ids({ state: 'CONTAINER_CREATED' }), [b]);
      assert.deepEqual(await ids({ state: 'CONTAINER_EXITED' }), [c]);
      assert.deepEqual(await ids({ labelSelector: { tier: 'front' } }), [a, c].sort());
      assert.deepEqual(await ids({ podSandboxId: s2, labelSelector: { tier: 'front' } }), [c]);
      assert.deepEqual(await ids({ podSandboxId: s2, state: 'CONTAINER_RUNNING' }), []);
    });

    test('execSync returns the exit code and output buffers', async () => {
      const c = await running('app', execAnswers('app', 3));
      const r = await d.settle(rt().execSync(c.id, ['sh', '-c', 'exit 3'], 10));
      assert.equal(r.exitCode, 3);
      assert.ok(Buffer.isBuffer(r.stdout) && Buffer.isBuffer(r.stderr));
      const ok = await running('ok', runForever());
      assert.equal((await d.settle(rt().execSync(ok.id, ['true'], 10))).exitCode, 0);
    });

    test('execSync refuses a container that is not running', async () => {
      const c = await running('app', runForever());
      await d.settle(rt().stopContainer(c.id, 0));
      await assert.rejects(d.settle(rt().execSync(c.id, ['true'], 5)));
      await rejectsWith(d.settle(rt().execSync('unknown-container-id', ['true'], 5)), 'NotFound');
    });

    test('stopPodSandbox stops its containers; removePodSandbox removes them', async () => {
      const c = await running('app', runForever());
      await d.settle(rt().stopPodSandbox(c.sandboxId));
      assert.equal((await rt().containerStatus(c.id)).state, 'CONTAINER_EXITED');
      await rejectsWith(d.settle(rt().startContainer(c.id)), 'StartContainerFailed');
      await d.settle(rt().removePodSandbox(c.sandboxId));
      await rejectsWith(rt().containerStatus(c.id), 'NotFound');
      assert.deepEqual(await rt().listContainers(), []);
    });

    test('subscribe reports starts, scripted exits and sandbox stops', async (t) => {
      const subscribe = rt().subscribe?.bind(rt());
      if (!subscribe) {
        t.skip('runtime has no subscribe');
        return;
      }
      const events: RuntimeEvent[] = [];
      const unsubscribe = subscribe((e) => events.push(e));
      const c = await running('app', exitAfter('app', 1, 1));
      await exited(c.id);
      await d.settle(rt().stopPodSandbox(c.sandboxId));
      await d.sleep(100);
      const of = (type: RuntimeEvent['type']) => events.filter((e) => e.type === type);
      const uid = c.sbConfig.metadata.uid;
      assert.deepEqual(
        of('ContainerStarted').map((e) => [e.containerId, e.podSandboxId, e.podUid]),
        [[c.id, c.sandboxId, uid]],
      );
      assert.deepEqual(
        of('ContainerStopped').map((e) => [e.containerId, e.podSandboxId, e.podUid]),
        [[c.id, c.sandboxId, uid]],
      );
      assert.deepEqual(
        of('SandboxStopped').map((e) => [e.podSandboxId, e.podUid]),
        [[c.sandboxId, uid]],
      );
      unsubscribe();
      const before = events.length;
      await running('later', runForever());
      await d.sleep(100);
      assert.equal(events.length, before, 'no events after unsubscribe');
    });

    test('reports a failed pull as ImagePullFailed', async () => {
      const e = await rejectsWith(d.settle(h.runtime.images.pullImage(missingImage)), 'ImagePullFailed');
      assert.ok(e.message.length > 0);
      assert.equal(await h.runtime.images.imageStatus(missingImage), undefined);
    });

    test('pulls, finds, lists and removes images', async () => {
      assert.equal(await h.runtime.images.imageStatus(missingImage), undefined);
      const pulled = await d.settle(h.runtime.images.pullImage(image));
      assert.ok(pulled.ref.length > 0);
      assert.ok(pulled.durationMs >= 0 && pulled.size >= 0);
      const s = await h.runtime.images.imageStatus(image);
      assert.ok(s, 'the pulled image is present');
      assert.match(s.id, /^sha256:[0-9a-f]{64}$/);
      assert.ok(s.repoTags.length + s.repoDigests.length > 0);
      assert.ok(s.size > 0);
      assert.ok((await h.runtime.images.listImages()).some((i) => i.id === s.id));
      await h.runtime.images.removeImage(image);
      assert.equal(await h.runtime.images.imageStatus(image), undefined);
      await h.runtime.images.removeImage(image);
    });
  });
}
