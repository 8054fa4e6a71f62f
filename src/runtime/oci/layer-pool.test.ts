import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../util/logger.js';
import { isSpareLayer, LayerPool } from './layer-pool.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function layersDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kubeling-layers-'));
  dirs.push(d);
  return join(d, 'layers');
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'condition not reached');
}

const spares = (dir: string) => readdirSync(dir).filter(isSpareLayer);
const isLayer = (dir: string) =>
  readdirSync(dir).sort().join() === 'upper,work' && readdirSync(join(dir, 'upper')).length === 0;

/** A pool of `size` over `dir`, filled. */
async function filledPool(dir: string, size: number): Promise<LayerPool> {
  const pool = new LayerPool({ dir, size, log: silentLogger });
  pool.refill();
  await until(() => pool.readyCount === size);
  return pool;
}

describe('layer pool', () => {
  it('without spares makes the layer on the spot', async () => {
    const dir = layersDir();
    const pool = new LayerPool({ dir, size: 0, log: silentLogger });
    await pool.make(join(dir, 'c1'));
    assert.ok(isLayer(join(dir, 'c1')));
    assert.deepEqual(spares(dir), []);
    await pool.drain();
  });

  it('keeps `size` spares ready, hands one out by renaming it, and makes another', async () => {
    const dir = layersDir();
    const pool = await filledPool(dir, 2);
    const before = spares(dir);
    assert.equal(before.length, 2);
    await pool.make(join(dir, 'c1'));
    assert.ok(isLayer(join(dir, 'c1')));
    // One of the two spares became the layer.
    assert.equal(spares(dir).filter((s) => before.includes(s)).length, 1);
    await until(() => pool.readyCount === 2);
    assert.equal(spares(dir).length, 2);
    await pool.drain();
    assert.deepEqual(spares(dir), []);
    assert.ok(isLayer(join(dir, 'c1')), 'a container layer is not a spare: drain leaves it');
  });

  it('waits for quiet before making spares', async () => {
    const dir = layersDir();
    let release!: () => void;
    const quiet = new Promise<void>((r) => (release = r));
    const pool = new LayerPool({ dir, size: 1, log: silentLogger, whenQuiet: () => quiet });
    pool.refill();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(existsSync(dir) ? spares(dir).length : 0, 0);
    release();
    await until(() => pool.readyCount === 1);
    await pool.drain();
  });

  it("uses an earlier run's whole spares again and removes half-made ones", async () => {
    const dir = layersDir();
    const first = await filledPool(dir, 1);
    await first.stop();
    const [kept] = spares(dir);
    mkdirSync(join(dir, '.spare-halfmade', 'upper'), { recursive: true });
    const second = new LayerPool({ dir, size: 1, log: silentLogger });
    assert.equal(second.readyCount, 1);
    await until(() => !existsSync(join(dir, '.spare-halfmade')));
    await second.make(join(dir, 'c1'));
    assert.equal(existsSync(join(dir, kept)), false, 'the kept spare became the layer');
    assert.ok(isLayer(join(dir, 'c1')));
    await second.drain();
  });

  it('removes the layers no container has, keeping the spares and those in use', async () => {
    const dir = layersDir();
    const pool = await filledPool(dir, 1);
    await pool.make(join(dir, 'used'));
    await pool.make(join(dir, 'orphan'));
    await until(() => pool.readyCount === 1);
    mkdirSync(join(dir, '.overlay-probe-abc'));
    await pool.removeOrphans((id) => id === 'used');
    assert.deepEqual(
      readdirSync(dir)
        .filter((n) => !isSpareLayer(n))
        .sort(),
      ['.overlay-probe-abc', 'used'],
      'a probe of overlay at work is left alone',
    );
    assert.equal(spares(dir).length, 1);
    await pool.drain();
  });
});
