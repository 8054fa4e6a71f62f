import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import {
  buildImage,
  makeTar,
  pushImage,
  startRegistry,
  type TestRegistry,
} from '../runtime/oci/images/testing-push.js';
import { humanSize, imageTable, runImageLs, runImagePull, runImageRm } from './image.js';

let reg: TestRegistry;
let dataDir: string;

before(async () => {
  reg = await startRegistry();
  dataDir = await mkdtemp(join(tmpdir(), 'kubeling-cli-image-'));
});
after(async () => {
  await reg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function capture(isTTY = false) {
  let text = '';
  const out = Object.assign(
    new Writable({
      write(c, _e, done) {
        text += c;
        done();
      },
    }),
    { isTTY },
  );
  return { out, text: () => text };
}

test('sizes and the ls table look like crictl', () => {
  assert.deepEqual(
    [humanSize(5), humanSize(803_000), humanSize(72_800_000), humanSize(1_234_567_890)],
    ['5B', '803kB', '72.8MB', '1.23GB'],
  );
  const id = 'sha256:' + 'ab'.repeat(32);
  assert.equal(
    imageTable([
      {
        id,
        repoTags: ['docker.io/library/nginx:latest', 'docker.io/library/nginx:1.25'],
        repoDigests: [],
        size: 72_800_000,
      },
      {
        id: 'sha256:' + 'cd'.repeat(32),
        repoTags: [],
        repoDigests: ['localhost:5000/x@sha256:' + 'ef'.repeat(32)],
        size: 1000,
      },
    ]),
    [
      'IMAGE                     TAG      IMAGE ID       SIZE',
      'docker.io/library/nginx   latest   abababababab   72.8MB',
      'docker.io/library/nginx   1.25     abababababab   72.8MB',
      'localhost:5000/x          <none>   cdcdcdcdcdcd   1kB',
      '',
    ].join('\n'),
  );
});

test('pull, ls and rm against a registry', async () => {
  const img = buildImage([makeTar([{ path: 'x', content: 'x'.repeat(2000) }])]);
  await pushImage(reg.url, 'cli/app', 'v1', img);
  const name = `${reg.host}/cli/app:v1`;
  const tty = capture(true);
  await runImagePull(`${reg.host}/cli/app:v1`, { dataDir, out: tty.out });
  assert.match(tty.text(), new RegExp(`Pulled ${name} \\(${img.configDigest}\\) \\d+ B in \\d+\\.\\ds\\n$`));
  const ls = capture();
  await runImageLs({ dataDir, out: ls.out });
  assert.match(
    ls.text(),
    new RegExp(
      `^IMAGE +TAG +IMAGE ID +SIZE\\n${reg.host}/cli/app +v1 +${img.configDigest.slice(7, 19)} +\\d+B\\n$`,
    ),
  );
  const rmOut = capture();
  await assert.rejects(runImageRm([name, 'nope:1'], { dataDir, out: rmOut.out }), /no such image: nope:1/);
  assert.equal(rmOut.text(), `Deleted: ${name}\n`);
  const ls2 = capture();
  await runImageLs({ dataDir, out: ls2.out });
  assert.equal(ls2.text(), 'IMAGE   TAG   IMAGE ID   SIZE\n');
});

test(
  "rm keeps an image whose rootfs a container's overlay is mounted on, and removes it after",
  {
    skip: process.getuid?.() === 0 ? false : 'mounting an overlay needs root (the oci runtime runs as root)',
  },
  async (t) => {
    const img = buildImage([makeTar([{ path: 'in-use', content: 'y' }])]);
    await pushImage(reg.url, 'cli/busy', 'v1', img);
    const name = `${reg.host}/cli/busy:v1`;
    await runImagePull(name, { dataDir, out: capture().out });
    const chain = (await readdir(join(dataDir, 'oci', 'images', 'rootfs'))).find((n) =>
      /^[a-f0-9]{64}$/.test(n),
    );
    assert.ok(chain, 'the image has a rootfs');
    const rootfs = join(dataDir, 'oci', 'images', 'rootfs', chain);
    const c = await mkdtemp(join(tmpdir(), 'kubeling-cli-overlay-'));
    for (const d of ['upper', 'work', 'merged']) await mkdir(join(c, d));
    const data = `lowerdir=${rootfs},upperdir=${join(c, 'upper')},workdir=${join(c, 'work')}`;
    await promisify(execFile)('mount', ['-t', 'overlay', 'overlay', '-o', data, join(c, 'merged')]);
    let mounted = true;
    t.after(async () => {
      if (mounted) await promisify(execFile)('umount', [join(c, 'merged')]);
      await rm(c, { recursive: true, force: true });
    });
    const out = capture();
    await assert.rejects(
      runImageRm([name], { dataDir, out: out.out }),
      new RegExp(`^Error: unable to remove image ${name.replace(/[.]/g, '\\.')}: a container is using it`),
    );
    assert.equal(out.text(), '');
    assert.equal(
      await readFile(join(c, 'merged', 'in-use'), 'utf8'),
      'y',
      'the container still sees its files',
    );
    await promisify(execFile)('umount', [join(c, 'merged')]);
    mounted = false;
    await runImageRm([name], { dataDir, out: out.out });
    assert.equal(out.text(), `Deleted: ${name}\n`);
    assert.deepEqual(await readdir(join(dataDir, 'oci', 'images', 'rootfs')), []);
  },
);

test("rm keeps an image a container's bundle runs on (runc mounts its overlay), and removes it after", async () => {
  const img = buildImage([makeTar([{ path: 'bundled', content: 'z' }])]);
  await pushImage(reg.url, 'cli/bundled', 'v1', img);
  const name = `${reg.host}/cli/bundled:v1`;
  await runImagePull(name, { dataDir, out: capture().out });
  const chain = (await readdir(join(dataDir, 'oci', 'images', 'rootfs'))).find((n) => /^[a-f0-9]{64}$/.test(n));
  assert.ok(chain, 'the image has a rootfs');
  const bundle = join(dataDir, 'oci', 'run', 'containers', 'c1');
  await mkdir(bundle, { recursive: true });
  const lower = join(dataDir, 'oci', 'images', 'rootfs', chain);
  const options = [`lowerdir=${lower}.init/x:${lower}`, 'upperdir=/l/upper', 'workdir=/l/work'];
  await writeFile(join(bundle, 'config.json'), JSON.stringify({ mounts: [{ destination: '/', type: 'overlay', source: 'overlay', options }] }));
  const out = capture();
  await assert.rejects(runImageRm([name], { dataDir, out: out.out }), /a container is using it/);
  assert.equal(out.text(), '');
  await rm(bundle, { recursive: true });
  await runImageRm([name], { dataDir, out: out.out });
  assert.equal(out.text(), `Deleted: ${name}\n`);
  assert.deepEqual(await readdir(join(dataDir, 'oci', 'images', 'rootfs')), []);
}); // prettier-ignore

test('the kubeling command: bad input is a clear message and exit code 1', async () => {
  const main = join(import.meta.dirname, '..', 'main.js');
  const run = promisify(execFile);
  await assert.rejects(
    run(process.execPath, [main, 'image', 'pull', 'Bad:Name:', '--data-dir', dataDir]),
    (e: any) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /kubeling: couldn't parse image name "Bad:Name:": invalid reference format/);
      return true;
    },
  );
  await assert.rejects(
    run(process.execPath, [main, 'image', 'load', join(dataDir, 'none.tar'), '--data-dir', dataDir]),
    (e: any) => {
      assert.equal(e.code, 1);
      assert.match(e.stderr, /none.tar: no such file/);
      return true;
    },
  );
  const { stdout } = await run(process.execPath, [main, 'image', 'ls', '--data-dir', dataDir]);
  assert.equal(stdout, 'IMAGE   TAG   IMAGE ID   SIZE\n');
});
