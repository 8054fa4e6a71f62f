/**
 * Streaming exec and attach of the oci runtime against real busybox containers (runc under conmon,
 * images from the loopback test registry): stdin in, stdout and stderr apart and as they come, exit
 * codes, a terminal with its size, and attach to a container's own stdin and output. Needs root and
 * the host tools; skipped, with the reason, where they are missing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { claimClusterCidr } from '../../../test/images/pod-range.js';
import { startTestRegistry, type TestRegistry } from '../../../test/images/registry.js';
import { CONFORMANCE_LOGS, containerConfig, runForever, sandboxConfig } from '../conformance-fixtures.js';
import type { ContainerConfig, ExecProcess } from '../interface.js';
import { createOciRuntime, type OciContainerRuntime } from './index.js';
import { NO_SIZE_START_MS } from './exec-stream.js';
import { checkOciHost } from './preflight.js';

const host = checkOciHost();
const skip = host.ok ? undefined : host.problems.join('; ');

/** Everything a stream says until it ends. */
function collect(s: NodeJS.ReadableStream | undefined): { text: () => string; ended: Promise<void> } {
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve) => {
    if (!s) return resolve();
    s.on('data', (b: Buffer) => chunks.push(b));
    s.on('end', () => resolve());
    s.on('close', () => resolve());
  });
  return { text: () => Buffer.concat(chunks).toString(), ended };
}

/** Resolves once `s` has said something matching `re`. */
function waitFor(s: NodeJS.ReadableStream, re: RegExp, ms = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${re}; got ${JSON.stringify(text)}`)),
      ms,
    );
    s.on('data', (b: Buffer) => {
      text += b.toString();
      if (re.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

describe('oci streaming exec and attach', { skip }, () => {
  let registry: TestRegistry;
  let rt: OciContainerRuntime;
  let dir: string;
  let image: string;
  const cgroupPrefix = `kubeling-test-exec-${process.pid}`;
  const range = claimClusterCidr();

  before(async () => {
    registry = await startTestRegistry({ images: ['busybox:1.36'] });
    image = `${registry.host}/library/busybox:1.36`;
    dir = mkdtempSync(join(tmpdir(), 'kubeling-test-oci-exec-'));
    rt = await createOciRuntime({
      root: join(dir, 'oci'),
      podCidr: range.cidr.replace('.0.0/16', '.0.0/24'),
      cgroupPrefix,
    });
    await rt.images.pullImage(image);
  });
  after(async () => {
    await rt?.destroy();
    rmSync(CONFORMANCE_LOGS, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
    await registry?.stop();
    range.release();
  });

  /** A running container of `command` (default: runs forever), with `extra` config. */
  async function running(name: string, extra: Partial<ContainerConfig> = {}): Promise<string> {
    const sb = sandboxConfig({ name });
    sb.logDirectory = join(dir, 'pods', name);
    const sandboxId = await rt.runtime.runPodSandbox(sb);
    const config = { ...containerConfig(name, image, runForever()), ...extra };
    const id = await rt.runtime.createContainer(sandboxId, config, sb);
    await rt.runtime.startContainer(id);
    return id;
  }

  const exec = (id: string, cmd: string[], opts = { stdin: false, tty: false }): Promise<ExecProcess> =>
    rt.runtime.exec!(id, cmd, opts);

  let shared: string;
  before(async () => {
    shared = await running('shared');
  });

  it('passes stdin in and keeps stdout and stderr apart, with the exit code', async () => {
    const p = await exec(shared, ['sh', '-c', 'read x; echo got $x; echo err >&2; exit 3'], {
      stdin: true,
      tty: false,
    });
    const out = collect(p.stdout);
    const err = collect(p.stderr);
    p.stdin!.end('hello\n');
    assert.equal(await p.exit, 3);
    await Promise.all([out.ended, err.ended]);
    assert.equal(out.text(), 'got hello\n');
    assert.equal(err.text(), 'err\n');
  });

  it('without stdin the command reads an empty input', async () => {
    const p = await exec(shared, ['sh', '-c', 'cat; echo done']);
    assert.equal(p.stdin, undefined);
    const out = collect(p.stdout);
    assert.equal(await p.exit, 0);
    await out.ended;
    assert.equal(out.text(), 'done\n');
  });

  it('output comes as it is written, before the command ends', async () => {
    const p = await exec(shared, ['sh', '-c', 'echo first; sleep 2; echo second']);
    const started = Date.now();
    let ended = 0;
    void p.exit.then(() => (ended = Date.now()));
    await waitFor(p.stdout, /first/);
    const firstAt = Date.now();
    assert.equal(ended, 0, 'the first line came only after the command ended');
    assert.ok(firstAt - started < 1500, `first line after ${firstAt - started} ms`);
    assert.equal(await p.exit, 0);
  });

  it('a terminal: tty answers /dev/pts/N, it has the first size from the start and later sizes as they come', async () => {
    const p = await exec(shared, ['sh', '-c', 'tty; stty size; read x; stty size; echo "got $x"; exit 4'], {
      stdin: true,
      tty: true,
    });
    assert.equal(p.stderr, undefined);
    let text = '';
    p.stdout.on('data', (b: Buffer) => (text += b.toString()));
    p.resize(123, 45);
    await waitFor(p.stdout, /45 123\r\n/);
    p.resize(130, 50);
    // Let the resize land before the shell asks for the size again.
    await new Promise((r) => setTimeout(r, 300));
    p.stdin!.write('hi\r');
    assert.equal(await p.exit, 4);
    assert.match(text, /^\/dev\/pts\/\d+\r\n45 123\r\n/);
    assert.match(text, /50 130\r\ngot hi\r\n/);
  });

  it('a terminal that gets no size still starts', async () => {
    const p = await exec(shared, ['sh', '-c', 'echo started'], { stdin: false, tty: true });
    const out = collect(p.stdout);
    assert.equal(await p.exit, 0);
    await out.ended;
    assert.equal(out.text(), 'started\r\n');
  });

  it('a terminal of no size (0x0, as kubectl reports one) starts at once, without waiting for one', async () => {
    const p = await exec(shared, ['sh', '-c', 'echo started'], { stdin: false, tty: true });
    const out = collect(p.stdout);
    const t = Date.now();
    p.resize(0, 0);
    assert.equal(await p.exit, 0);
    await out.ended;
    assert.equal(out.text(), 'started\r\n');
    // Started by the wait running out, it could not have ended this soon.
    assert.ok(Date.now() - t < NO_SIZE_START_MS, `ended ${Date.now() - t} ms after the 0x0 size`);
  });

  it('kill ends a command that would run on, inside the container too', async () => {
    const sleepers = async () => {
      const ps = await exec(shared, ['sh', '-c', 'ps -o args | grep -c "^sleep 100[0]" || true']);
      const out = collect(ps.stdout);
      await ps.exit;
      await out.ended;
      return out.text().trim();
    };
    const p = await exec(shared, ['sh', '-c', 'echo ready; exec sleep 1000']);
    await waitFor(p.stdout, /ready/);
    assert.equal(await sleepers(), '1');
    p.kill();
    assert.notEqual(await p.exit, 0);
    assert.equal(await sleepers(), '0');
  });

  it('exec in a container that is not running is refused', async () => {
    await assert.rejects(exec('no-such-container', ['true']), /not found/);
  });

  it('attach: the container reads what the client sends and its output comes back', async () => {
    const id = await running('attach-pipe', {
      command: ['sh', '-c', 'while read line; do echo "echo $line"; echo "err $line" >&2; done; echo bye'],
      stdin: true,
      stdinOnce: true,
    });
    const a = await rt.runtime.attach!(id, { stdin: true, tty: false });
    const out = collect(a.stdout);
    const err = collect(a.stderr);
    a.stdin!.write('one\n');
    await waitFor(a.stdout, /echo one\n/);
    // stdinOnce: the end of the client's input is the end of the container's.
    a.stdin!.end('two\n');
    assert.equal(await a.exit, 0);
    await Promise.all([out.ended, err.ended]);
    assert.equal(out.text(), 'echo one\necho two\nbye\n');
    assert.equal(err.text(), 'err one\nerr two\n');
    await waitForExit(id);
  });

  it('attach with a tty: the terminal echoes, resizes reach it, and detaching leaves it running', async () => {
    const id = await running('attach-tty', {
      command: ['sh', '-c', 'while read line; do stty size; echo "said $line"; done'],
      stdin: true,
      tty: true,
    });
    const a = await rt.runtime.attach!(id, { stdin: true, tty: true });
    assert.equal(a.stderr, undefined);
    a.resize(77, 22);
    await new Promise((r) => setTimeout(r, 300));
    a.stdin!.write('x\r');
    const text = await waitFor(a.stdout, /said x/);
    assert.match(text, /22 77\r\n/);
    a.kill();
    assert.equal(await a.exit, 0);
    assert.equal((await rt.runtime.containerStatus(id)).state, 'CONTAINER_RUNNING');
  });

  async function waitForExit(id: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await rt.runtime.containerStatus(id)).state === 'CONTAINER_EXITED') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`container ${id} did not exit`);
  }
});
