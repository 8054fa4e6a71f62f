import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../util/logger.js';
import { Spares } from './spares.js';

/** A pool of numbers made and discarded by the given functions; `take` exposes the protected one. */
class Numbers extends Spares<number> {
  constructor(
    o: { size: number; make: () => Promise<number>; discard: (n: number) => Promise<void> },
    kept: number[] = [],
  ) {
    super({ size: o.size, log: silentLogger, what: 'a number' }, kept);
    this.makeSpare = o.make;
    this.discardSpare = o.discard;
  }
  protected makeSpare: () => Promise<number>;
  protected discardSpare: (n: number) => Promise<void>;
  take(): number | undefined {
    return this.takeSpare();
  }
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(cond(), 'condition not reached');
}

function counter(size: number, kept: number[] = []) {
  let next = 100;
  const made: number[] = [];
  const discarded: number[] = [];
  const spares = new Numbers(
    {
      size,
      make: async () => {
        made.push(next);
        return next++;
      },
      discard: async (n) => void discarded.push(n),
    },
    kept,
  );
  return { spares, made, discarded };
}

describe('spares', () => {
  it('fills up to the size and makes one again for each taken, oldest handed out first', async () => {
    const { spares, made } = counter(2);
    spares.refill();
    await until(() => spares.readyCount === 2);
    assert.deepEqual(made, [100, 101]);
    assert.equal(spares.take(), 100);
    await until(() => spares.readyCount === 2);
    assert.deepEqual(made, [100, 101, 102]);
    await spares.drain();
  });

  it('hands out the ones an earlier run kept before any it makes', async () => {
    const { spares, made } = counter(1, [7, 8]);
    assert.equal(spares.readyCount, 2);
    assert.equal(spares.take(), 7);
    assert.equal(spares.take(), 8);
    await until(() => spares.readyCount === 1);
    assert.deepEqual(made, [100]);
    await spares.drain();
  });

  it('with size 0 keeps none', async () => {
    const { spares, made } = counter(0);
    spares.refill();
    assert.equal(spares.take(), undefined);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(made, []);
  });

  it('a stop keeps the ready ones and makes no more; a drain discards them', async () => {
    const { spares, made, discarded } = counter(2);
    spares.refill();
    await until(() => spares.readyCount === 2);
    await spares.stop();
    spares.take();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(made, [100, 101]);
    assert.equal(spares.readyCount, 1);
    await spares.drain();
    assert.deepEqual(discarded, [101]);
    assert.equal(spares.readyCount, 0);
  });

  it('a failed make ends this fill; the next refill tries again', async () => {
    let fail = true;
    const spares = new Numbers({
      size: 1,
      make: async () => {
        if (fail) throw new Error('no');
        return 1;
      },
      discard: async () => {},
    });
    spares.refill();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(spares.readyCount, 0);
    fail = false;
    spares.refill();
    await until(() => spares.readyCount === 1);
    await spares.drain();
  });
});
