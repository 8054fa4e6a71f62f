import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, formatTime, parseDuration, parseTime } from './protobuf-leaves.js';

describe('formatTime / parseTime', () => {
  it('writes whole-second UTC text for Time and six fraction digits for MicroTime', () => {
    const t = { seconds: Date.UTC(2024, 0, 2, 3, 4, 5) / 1000, nanos: 123456789 };
    assert.equal(formatTime(t, false), '2024-01-02T03:04:05Z');
    assert.equal(formatTime(t, true), '2024-01-02T03:04:05.123456Z');
    assert.equal(formatTime({ seconds: t.seconds, nanos: 0 }, true), '2024-01-02T03:04:05.000000Z');
  });

  it('handles times before the epoch', () => {
    assert.equal(formatTime({ seconds: -1, nanos: 0 }, false), '1969-12-31T23:59:59Z');
  });

  it('parses offsets and fractions', () => {
    assert.deepEqual(parseTime('2024-01-02T03:04:05Z'), { seconds: 1704164645, nanos: 0 });
    assert.deepEqual(parseTime('2024-01-02T05:04:05.5+02:00'), { seconds: 1704164645, nanos: 500000000 });
    assert.deepEqual(parseTime('2024-01-02T03:04:05.000001Z'), { seconds: 1704164645, nanos: 1000 });
  });

  it('rejects text that is not RFC 3339', () => {
    assert.throws(() => parseTime('yesterday'), /invalid RFC 3339 time "yesterday"/);
    assert.throws(() => parseTime('2024-01-02 03:04:05'), /invalid RFC 3339/);
  });
});

describe('formatDuration / parseDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [1, '1ns'],
    [1500, '1.5µs'],
    [250e6, '250ms'],
    [1e9, '1s'],
    [1.5e9, '1.5s'],
    [60e9, '1m0s'],
    [90.5e9, '1m30.5s'],
    [3600e9, '1h0m0s'],
    [3723e9, '1h2m3s'],
    [-3e9, '-3s'],
  ];
  for (const [ns, text] of cases) {
    it(`${ns}ns <-> ${text}`, () => {
      assert.equal(formatDuration(ns), text);
      assert.equal(parseDuration(text), ns);
    });
  }

  it('accepts the other spellings Go accepts', () => {
    assert.equal(parseDuration('1h30m'), 5400e9);
    assert.equal(parseDuration('2us'), 2000);
    assert.equal(parseDuration('.5s'), 0.5e9);
    assert.equal(parseDuration('0'), 0);
  });

  it('rejects bad text', () => {
    assert.throws(() => parseDuration('5'), /invalid duration "5"/);
    assert.throws(() => parseDuration('3 days'), /invalid duration/);
    assert.throws(() => parseDuration('3d'), /unknown unit d/);
  });
});
