import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobStore, writeAtomic } from './blobs.js';
import { digestOf } from './testing-push.js';

test('put, read, has, list, remove; concurrent ingests of one digest share one write', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kubeling-blobs-'));
  try {
    const blobs = new BlobStore(root);
    await blobs.init();
    const d = await blobs.put(Buffer.from('hello'));
    assert.equal(d, digestOf('hello'));
    assert.equal((await blobs.read(d)).toString(), 'hello');
    let opened = 0;
    const open = async () => {
      opened++;
      return Readable.from([Buffer.from('wor'), Buffer.from('ld')]);
    };
    await Promise.all([blobs.ingest(digestOf('world'), open), blobs.ingest(digestOf('world'), open)]);
    assert.equal(opened, 1);
    await blobs.ingest(digestOf('world'), open); // present: not fetched again
    assert.equal(opened, 1);
    assert.deepEqual((await blobs.list()).sort(), [digestOf('hello'), digestOf('world')].sort());
    await blobs.remove(d);
    assert.equal(await blobs.has(d), false);
    // A failing source leaves nothing behind.
    const failing = async () =>
      new Readable({
        read() {
          this.destroy(new Error('connection reset'));
        },
      });
    await assert.rejects(blobs.ingest(digestOf('x'), failing), /connection reset/);
    assert.equal(await blobs.has(digestOf('x')), false);
    assert.deepEqual(await readdir(join(root, 'ingest')), []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('kill -9 during a write leaves no blob under its final name; reopening clears the partial', async () => {
  const root = await mkdtemp(join(tmpdir(), 'kubeling-blobs-'));
  const digest = 'sha256:' + 'a'.repeat(64);
  const script = `
    const { BlobStore } = await import(${JSON.stringify(new URL('./blobs.js', import.meta.url).href)});
    const { Readable } = await import('node:stream');
    const b = new BlobStore(${JSON.stringify(root)});
    await b.init();
    let n = 0;
    const src = new Readable({ read() { if (n++ === 3) process.stdout.write('writing\\n'); setTimeout(() => this.push(Buffer.alloc(4096, 1)), 5); } });
    await b.ingest(${JSON.stringify(digest)}, async () => src);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('writing') && resolve());
      child.on('exit', () => reject(new Error('child exited early')));
    });
    const partial = await readdir(join(root, 'ingest'));
    assert.equal(partial.length, 1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.deepEqual(await readdir(join(root, 'blobs/sha256')), []);
    const blobs = new BlobStore(root);
    await blobs.init();
    assert.deepEqual(await readdir(join(root, 'ingest')), []);
    assert.equal(await blobs.has(digest), false);
    await assert.rejects(readFile(join(root, 'blobs/sha256', 'a'.repeat(64))), /ENOENT/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  }
});

test('writeAtomic: the file appears complete under its name; a failed fill leaves nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeling-atomic-'));
  try {
    await writeAtomic(join(dir, '.tmp-a'), join(dir, 'a'), async (fh) => void (await fh.writeFile('one')));
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'one');
    await assert.rejects(
      writeAtomic(join(dir, '.tmp-b'), join(dir, 'a'), async (fh) => {
        await fh.writeFile('partial');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.deepEqual(await readdir(dir), ['a']);
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'one');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
