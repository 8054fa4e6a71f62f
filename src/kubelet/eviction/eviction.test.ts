import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../util/clock.js';
import { nodeConditions } from '../node/node-status.js';
import { PRESSURE_TRANSITION_PERIOD_MS, startPressureMonitor } from './monitor.js';
import { parseLoadavgTasks, parseMeminfo, pressureOf, readSignals, type Observations } from './signals.js';
import { DEFAULT_EVICTION_HARD, parseThresholds } from './thresholds.js';

const GI = 1024 ** 3;
const MI = 1024 ** 2;

test('the default thresholds are upstream Linux defaults; quantities and percentages parse', () => {
  assert.deepEqual(parseThresholds(DEFAULT_EVICTION_HARD), [
    { signal: 'memory.available', quantity: 100 * MI },
    { signal: 'nodefs.available', percentage: 0.1 },
    { signal: 'nodefs.inodesFree', percentage: 0.05 },
    { signal: 'imagefs.available', percentage: 0.15 },
    { signal: 'imagefs.inodesFree', percentage: 0.05 },
  ]);
  assert.deepEqual(parseThresholds(' pid.available<1k , memory.available<1Gi'), [
    { signal: 'pid.available', quantity: 1000 },
    { signal: 'memory.available', quantity: GI },
  ]);
  assert.deepEqual(parseThresholds(''), []);
});

test('bad thresholds are refused with what is wrong', () => {
  assert.throws(
    () => parseThresholds('memory.available>1Gi'),
    /invalid eviction threshold syntax "memory.available>1Gi"/,
  );
  assert.throws(() => parseThresholds('cpu.available<1'), /unsupported eviction signal cpu.available/);
  assert.throws(() => parseThresholds('nodefs.available<120%'), /must be >= 0% and <= 100%/);
  assert.throws(() => parseThresholds('memory.available<lots'), /invalid eviction threshold quantity "lots"/);
  assert.throws(
    () => parseThresholds('memory.available<1Gi,memory.available<2Gi'),
    /duplicate eviction threshold for signal memory.available/,
  );
  assert.throws(
    () => parseThresholds('memory.available<0'),
    /eviction threshold memory.available must be positive/,
  );
});

test('0% and 100% set no threshold, as upstream ignores them', () => {
  assert.deepEqual(parseThresholds('nodefs.available<100%,imagefs.available<0%,memory.available<1Gi'), [
    { signal: 'memory.available', quantity: 1024 ** 3 },
  ]);
});

test('/proc/meminfo gives total and available memory in bytes', () => {
  const text = 'MemTotal:       24683788 kB\nMemFree:        20000000 kB\nMemAvailable:   23000000 kB\n';
  assert.deepEqual(parseMeminfo(text), { total: 24683788 * 1024, available: 23000000 * 1024 });
  assert.equal(parseMeminfo('MemTotal: 1 kB\n'), undefined);
});

test('a threshold met puts its condition under pressure; an unobserved signal never does', () => {
  const t = parseThresholds(DEFAULT_EVICTION_HARD);
  const healthy: Observations = {
    'memory.available': { available: 8 * GI, capacity: 16 * GI },
    'nodefs.available': { available: 50 * GI, capacity: 100 * GI },
    'imagefs.available': { available: 50 * GI, capacity: 100 * GI },
  };
  assert.deepEqual(pressureOf(t, healthy), { memory: false, disk: false, pid: false });
  const lowMem = { ...healthy, 'memory.available': { available: 99 * MI, capacity: 16 * GI } };
  assert.deepEqual(pressureOf(t, lowMem), { memory: true, disk: false, pid: false });
  // 12% free: above nodefs' 10% but below imagefs' 15% on the same filesystem.
  const disk = { available: 12 * GI, capacity: 100 * GI };
  assert.deepEqual(pressureOf(t, { ...healthy, 'nodefs.available': disk, 'imagefs.available': disk }), {
    memory: false,
    disk: true,
    pid: false,
  });
  assert.deepEqual(pressureOf(t, {}), { memory: false, disk: false, pid: false });
});

test('a pressure condition stays True for the transition period after the threshold was last met', () => {
  const clock = new FakeClock();
  let available = 50 * MI;
  const stop = new AbortController();
  const m = startPressureMonitor(
    {
      thresholds: parseThresholds('memory.available<100Mi'),
      observe: () => ({ 'memory.available': { available, capacity: GI } }),
      clock,
    },
    stop.signal,
  );
  assert.equal(m.current().memory, true, 'observed at start');
  available = 500 * MI;
  clock.advance(10_000);
  assert.equal(m.current().memory, true, 'still within the transition period');
  clock.advance(PRESSURE_TRANSITION_PERIOD_MS - 10_000 - 1);
  assert.equal(m.current().memory, true);
  clock.advance(1);
  assert.equal(m.current().memory, false, 'five minutes after it was last met');
  available = 10 * MI;
  clock.advance(10_000);
  assert.equal(m.current().memory, true, 'met again at the next observation');
  stop.abort();
});

test('a wall clock stepped forward does not end the transition period early', () => {
  const clock = new FakeClock();
  const stop = new AbortController();
  const m = startPressureMonitor(
    {
      thresholds: parseThresholds('memory.available<1Ei'),
      observe: () => ({ 'memory.available': { available: 50 * MI, capacity: GI } }),
      clock,
    },
    stop.signal,
  );
  clock.stepWall(PRESSURE_TRANSITION_PERIOD_MS + 60_000);
  assert.equal(m.current().memory, true, 'the next observation is 10 s away, and the period holds');
  clock.stepWall(-2 * PRESSURE_TRANSITION_PERIOD_MS);
  assert.equal(m.current().memory, true, 'nor does a step backwards change it');
  stop.abort();
});

test('the node conditions carry upstream reasons and messages for pressure', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const conds = nodeConditions(
    undefined,
    { ready: true, pressure: { memory: true, disk: true, pid: true } },
    now,
  );
  assert.deepEqual(
    conds.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['MemoryPressure', 'True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
      ['DiskPressure', 'True', 'KubeletHasDiskPressure', 'kubelet has disk pressure'],
      ['PIDPressure', 'True', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ],
  );
  const calm = nodeConditions(conds, { ready: true }, new Date('2026-01-01T00:01:00Z'));
  assert.equal(calm[0].status, 'False');
  assert.equal(calm[0].reason, 'KubeletHasSufficientMemory');
  assert.equal(calm[0].lastTransitionTime, '2026-01-01T00:01:00Z', 'the flip moves the transition time');
  assert.equal(calm[3].lastTransitionTime, '2026-01-01T00:00:00Z', 'Ready did not flip');
});

test('PIDs are observed as upstream counts them, so a pid.available threshold can be met', () => {
  assert.equal(parseLoadavgTasks('0.69 1.35 1.43 2/79 25737\n'), 79);
  assert.equal(parseLoadavgTasks('garbage'), undefined);
  const obs = readSignals('/');
  const pid = obs['pid.available'];
  assert.ok(
    pid && pid.capacity > 0 && pid.available > 0 && pid.available < pid.capacity,
    JSON.stringify(pid),
  );
  assert.deepEqual(pressureOf(parseThresholds(`pid.available<${pid.capacity}`), obs), {
    memory: false,
    disk: false,
    pid: true,
  });
  assert.equal(pressureOf(parseThresholds('pid.available<1'), obs).pid, false);
});
