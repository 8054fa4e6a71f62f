import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container, Probe } from '../../api/core/pods/types.js';
import { FakeClock } from '../../util/clock.js';
import { extractPort, runProbe, type ProbeTarget } from './prober.js';
import { makePod, recordingSink, running, statusOf, stubRuntime, type ExecAnswer } from './test-fixtures.js';

function setup(answers: Record<string, ExecAnswer>, scripted?: Parameters<typeof stubRuntime>[2]) {
  const clock = new FakeClock();
  const { runtime, calls } = stubRuntime(() => clock.nowMs(), answers, scripted);
  const events = recordingSink();
  const target = (probe: Probe, kind: ProbeTarget['kind'] = 'liveness', isInit = false): ProbeTarget => {
    const container: Container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }] };
    return {
      kind,
      probe,
      pod: makePod([container]),
      status: statusOf([running('app', 'sim://c1', clock.now())]),
      container,
      isInit,
      containerId: 'c1',
    };
  };
  return { clock, runtime, calls, events, target, deps: { runtime, events, clock } };
}

describe('runProbe', () => {
  test('success records no event', async () => {
    const s = setup({ ok: 0 });
    assert.equal(await runProbe(s.deps, s.target({ exec: { command: ['ok'] } })), 'success');
    assert.deepEqual(s.events.events, []);
    assert.deepEqual(s.calls[0]!.command, ['ok']);
    assert.equal(s.calls[0]!.timeoutSeconds, 1, 'timeoutSeconds defaults to 1');
  });

  test('failure emits Unhealthy with the output, per kind', async () => {
    const s = setup({ bad: 1 });
    for (const kind of ['liveness', 'readiness', 'startup'] as const) {
      assert.equal(await runProbe(s.deps, s.target({ exec: { command: ['bad'] } }, kind)), 'failure');
    }
    assert.deepEqual(s.events.events, [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Liveness probe failed: bad said 1',
        fieldPath: 'spec.containers{app}',
      },
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: bad said 1',
        fieldPath: 'spec.containers{app}',
      },
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Startup probe failed: bad said 1',
        fieldPath: 'spec.containers{app}',
      },
    ]);
  });

  test('a handler error is retried three times, then reported as errored', async () => {
    const s = setup({ boom: 'throw' });
    assert.equal(
      await runProbe(s.deps, s.target({ exec: { command: ['boom'] } }, 'liveness', true)),
      'error',
    );
    assert.equal(s.calls.length, 3);
    assert.deepEqual(s.events.events, [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Liveness probe errored and resulted in unknown state: container is stopping',
        fieldPath: 'spec.initContainers{app}',
      },
    ]);
  });

  test('an unknown named port errors like upstream', async () => {
    const s = setup({});
    assert.equal(await runProbe(s.deps, s.target({ tcpSocket: { port: 'metrics' } }, 'readiness')), 'error');
    assert.equal(
      s.events.events[0]!.message,
      'Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing "metrics": invalid syntax',
    );
  });

  test('a scripted answer wins over the handler; undefined falls through', async () => {
    const asked: string[] = [];
    const s = setup({ ok: 0 }, async (id, kind) => {
      asked.push(`${id}/${kind}`);
      return kind === 'liveness' ? 'failure' : undefined;
    });
    assert.equal(await runProbe(s.deps, s.target({ exec: { command: ['ok'] } }, 'liveness')), 'failure');
    assert.equal(s.calls.length, 0);
    assert.equal(s.events.events[0]!.message, 'Liveness probe failed: ');
    assert.equal(await runProbe(s.deps, s.target({ exec: { command: ['ok'] } }, 'readiness')), 'success');
    assert.equal(s.calls.length, 1);
    assert.deepEqual(asked, ['c1/liveness', 'c1/readiness']);
  });
});

test('extractPort resolves numbers, names and numeric strings', () => {
  const c: Container = { name: 'app', ports: [{ name: 'http', containerPort: 8080 }] };
  assert.equal(extractPort(80, c), 80);
  assert.equal(extractPort('http', c), 8080);
  assert.equal(extractPort('9090', c), 9090);
  assert.throws(() => extractPort(0, c), /invalid port number: 0/);
  assert.throws(() => extractPort('nope', c), /strconv.Atoi: parsing "nope": invalid syntax/);
});
