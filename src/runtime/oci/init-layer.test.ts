import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { INIT_LAYER_DIRS, INIT_LAYER_FILES, initLayerFor, resolveInImage } from './init-layer.js';

describe('init layer', () => {
  let dir: string;
  let image: string;
  let layers: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeling-init-layer-'));
    image = join(dir, 'image');
    layers = join(dir, 'init');
    mkdirSync(join(image, 'etc'), { recursive: true });
    chmodSync(join(image, 'etc'), 0o751);
    mkdirSync(join(image, 'run'), { recursive: true });
    chmodSync(join(image, 'run'), 0o1777);
    mkdirSync(join(image, 'var'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('follows a parent that is a symlink in the image (absolute or relative), never shadowing it', () => {
    symlinkSync('/run', join(image, 'var', 'run'));
    const abs = resolveInImage(image, '/var/run/secrets/kubernetes.io/serviceaccount')!;
    assert.deepEqual(abs.missing, [
      '/run/secrets',
      '/run/secrets/kubernetes.io',
      '/run/secrets/kubernetes.io/serviceaccount',
    ]);
    assert.deepEqual(
      abs.existing.map((e) => e.path),
      ['/run'],
    );
    rmSync(join(image, 'var', 'run'));
    symlinkSync('../run', join(image, 'var', 'run'));
    assert.deepEqual(resolveInImage(image, '/var/run/secrets')!.missing, ['/run/secrets']);
  });

  test('holds only what the image lacks, with the image directories modes; nothing when it lacks nothing', () => {
    symlinkSync('/run', join(image, 'var', 'run'));
    writeFileSync(join(image, 'etc', 'hosts'), '127.0.0.1 localhost\n');
    const layer = initLayerFor(image, layers, INIT_LAYER_FILES, INIT_LAYER_DIRS)!;
    assert.ok(layer);
    assert.equal(existsSync(join(layer, 'etc', 'hosts')), false, 'the image has it');
    assert.ok(lstatSync(join(layer, 'etc', 'hostname')).isFile());
    assert.ok(lstatSync(join(layer, 'etc', 'resolv.conf')).isFile());
    assert.equal(lstatSync(join(layer, 'etc')).mode & 0o7777, 0o751);
    assert.equal(lstatSync(join(layer, 'run')).mode & 0o7777, 0o1777);
    assert.ok(lstatSync(join(layer, 'run', 'secrets', 'kubernetes.io', 'serviceaccount')).isDirectory());
    assert.equal(existsSync(join(layer, 'var')), false, '/var/run stays the image symlink');
    // Made once: the same image and mount points get the same layer.
    assert.equal(initLayerFor(image, layers, INIT_LAYER_FILES, INIT_LAYER_DIRS), layer);
    // An image that has them all needs none.
    for (const f of ['hostname', 'resolv.conf']) writeFileSync(join(image, 'etc', f), '');
    mkdirSync(join(image, 'run', 'secrets', 'kubernetes.io', 'serviceaccount'), { recursive: true });
    assert.equal(initLayerFor(image, layers, INIT_LAYER_FILES, INIT_LAYER_DIRS), undefined);
  });

  test('leaves a path alone whose parent is a file in the image (runc reports it)', () => {
    writeFileSync(join(image, 'var', 'run'), '');
    assert.equal(resolveInImage(image, '/var/run/secrets'), undefined);
  });
});
