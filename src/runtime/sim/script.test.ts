/** @module runtime/sim/script.test — the annotation parser of the sim runtime. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  exitForAttempt,
  parseContainerScript,
  parseDuration,
  parsePullFailList,
  probeAt,
  ScriptError,
} from './script.js';

describe('parseDuration', () => {
  it('reads Go-style durations and bare seconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('3s'), 3_000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('1.5s'), 1_500);
    assert.equal(parseDuration('4'), 4_000);
    for (const bad of ['', 'soon', '3x', '3s junk', '-1s'])
      assert.throws(() => parseDuration(bad), ScriptError, bad);
  });
});

describe('parseContainerScript', () => {
  it('defaults to running forever with exec 0 and immediate SIGTERM exit', () => {
    const s = parseContainerScript('app', { 'other.io/x': 'y', 'sim.kubeling.io/web.exit': '1@1s' });
    assert.deepEqual(s, {
      exits: [],
      probes: {},
      exec: { exitCode: 0, durationMs: 0 },
      term: { exitCode: 0, delayMs: 0 },
      logLines: [],
    });
    assert.equal(exitForAttempt(s, 0), undefined);
  });

  it('reads every key of the scheme', () => {
    const s = parseContainerScript('app', {
      'sim.kubeling.io/app.exit': '1@2s, 1@2s, 0@5s',
      'sim.kubeling.io/app.start-delay': '500ms',
      'sim.kubeling.io/app.liveness': 'success@0s,failure@30s',
      'sim.kubeling.io/app.readiness': 'success@10s',
      'sim.kubeling.io/app.startup': 'success',
      'sim.kubeling.io/app.oom': '1m',
      'sim.kubeling.io/app.exec': '1',
      'sim.kubeling.io/app.term-delay': '5s',
      'sim.kubeling.io/app.log': 'a\nb',
    });
    assert.deepEqual(s.exits, [
      { forever: false, exitCode: 1, afterMs: 2_000 },
      { forever: false, exitCode: 1, afterMs: 2_000 },
      { forever: false, exitCode: 0, afterMs: 5_000 },
    ]);
    assert.deepEqual(exitForAttempt(s, 7), { forever: false, exitCode: 0, afterMs: 5_000 });
    assert.equal(s.startDelayMs, 500);
    assert.deepEqual(s.probes.liveness, [
      { result: 'success', atMs: 0 },
      { result: 'failure', atMs: 30_000 },
    ]);
    assert.deepEqual(s.probes.startup, [{ result: 'success', atMs: 0 }]);
    assert.equal(s.oomAfterMs, 60_000);
    assert.deepEqual(s.exec, { exitCode: 1, durationMs: 0 });
    assert.deepEqual(s.term, { exitCode: 0, delayMs: 5_000 });
    assert.deepEqual(s.logLines, ['a', 'b']);
    assert.deepEqual(parseContainerScript('app', { 'sim.kubeling.io/app.term-delay': '143@2s' }).term, {
      exitCode: 143,
      delayMs: 2_000,
    });
    assert.deepEqual(parseContainerScript('app', { 'sim.kubeling.io/app.exit': '1@1s,forever' }).exits[1], {
      forever: true,
    });
  });

  it('rejects malformed values and unknown keys, naming the annotation', () => {
    const bad: Record<string, string>[] = [
      { 'sim.kubeling.io/app.exit': 'one@2s' },
      { 'sim.kubeling.io/app.exit': '1@2s@3s' },
      { 'sim.kubeling.io/app.liveness': 'ok@1s' },
      { 'sim.kubeling.io/app.readiness': 'success@10s,failure@5s' },
      { 'sim.kubeling.io/app.oom': 'later' },
      { 'sim.kubeling.io/app.colour': 'blue' },
    ];
    for (const annotations of bad) {
      const key = Object.keys(annotations)[0]!;
      assert.throws(
        () => parseContainerScript('app', annotations),
        (e: Error) => e instanceof ScriptError && e.message.includes(key),
        key,
      );
    }
  });
});

describe('probeAt', () => {
  it('answers the last step whose time has come, and the opposite of the first before it', () => {
    const steps = [
      { result: 'success' as const, atMs: 10_000 },
      { result: 'failure' as const, atMs: 30_000 },
    ];
    assert.equal(probeAt(steps, 0), 'failure');
    assert.equal(probeAt(steps, 10_000), 'success');
    assert.equal(probeAt(steps, 29_999), 'success');
    assert.equal(probeAt(steps, 30_000), 'failure');
    assert.equal(probeAt([{ result: 'failure', atMs: 30_000 }], 5_000), 'success');
  });
});

describe('parsePullFailList', () => {
  it('splits the pull-fail annotation', () => {
    assert.deepEqual(parsePullFailList({ 'sim.kubeling.io/pull-fail': ' nginx:1.27, ,redis ' }), [
      'nginx:1.27',
      'redis',
    ]);
    assert.deepEqual(parsePullFailList({}), []);
  });
});
