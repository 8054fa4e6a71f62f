import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ContainerStatus, RuntimeService } from '../../runtime/interface.js';
import {
  TERMINATION_MESSAGE_HOST_PATH_ANNOTATION,
  terminationMessage,
  withTerminationMessage,
} from './termination-message.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeling-tm-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function exited(file: string, extra: Partial<ContainerStatus> = {}, policy = 'File'): ContainerStatus {
  return {
    id: 'c1',
    podSandboxId: 's1',
    metadata: { name: 'app', attempt: 0 },
    state: 'CONTAINER_EXITED',
    createdAt: 1,
    startedAt: 2,
    finishedAt: 3,
    exitCode: 1,
    reason: 'Error',
    message: '',
    image: 'busybox',
    imageRef: 'busybox@sha256:x',
    labels: {},
    annotations: {
      [TERMINATION_MESSAGE_HOST_PATH_ANNOTATION]: file,
      'io.kubernetes.container.terminationMessagePolicy': policy,
    },
    logPath: join(dir, 'app.log'),
    ...extra,
  };
}

const logLines = Array.from({ length: 100 }, (_, i) => `2024-01-01T00:00:00.000000000Z stdout F line ${i}`);
const runtimeWithLogs = { readLog: () => logLines } as unknown as RuntimeService;
const runtimeWithoutReadLog = {} as RuntimeService;

describe('termination messages', () => {
  it('reads the file (its last 4096 bytes)', async () => {
    const f = join(dir, 'msg');
    await writeFile(f, 'x'.repeat(5000) + 'END');
    const m = await terminationMessage(exited(f), runtimeWithLogs);
    assert.equal(m?.length, 4096);
    assert.ok(m?.endsWith('END'));
  });

  it('FallbackToLogsOnError: an empty file and a non-zero exit give the last 80 log lines, at most 2048 bytes', async () => {
    const f = join(dir, 'empty');
    await writeFile(f, '');
    const m = (await terminationMessage(exited(f, {}, 'FallbackToLogsOnError'), runtimeWithLogs))!;
    assert.ok(m.endsWith('line 99\n'));
    assert.ok(Buffer.byteLength(m) <= 2048);
    assert.ok(!m.includes('line 19\n'), 'only the last 80 lines');
    // Exit 0: no fallback.
    assert.equal(
      await terminationMessage(exited(f, { exitCode: 0 }, 'FallbackToLogsOnError'), runtimeWithLogs),
      '',
    );
    // Policy File: no fallback.
    assert.equal(await terminationMessage(exited(f), runtimeWithLogs), '');
  });

  it('falls back to the CRI log file when the runtime keeps no logs in memory', async () => {
    const f = join(dir, 'empty2');
    await writeFile(f, '');
    await writeFile(
      join(dir, 'app.log'),
      '2024-01-01T00:00:00Z stderr P par\n2024-01-01T00:00:00Z stderr F tial\n',
    );
    assert.equal(
      await terminationMessage(exited(f, {}, 'FallbackToLogsOnError'), runtimeWithoutReadLog),
      'partial\n',
    );
  });

  it('running containers and containers without the file annotation have none; messages append', async () => {
    assert.equal(
      await terminationMessage(exited('x', { state: 'CONTAINER_RUNNING' }), runtimeWithLogs),
      undefined,
    );
    assert.equal(await terminationMessage(exited('x', { annotations: {} }), runtimeWithLogs), undefined);
    const c = exited('x', { message: 'OOM' });
    assert.equal(withTerminationMessage(c, 'bye').message, 'OOM: bye');
    assert.equal(withTerminationMessage(exited('x'), 'bye').message, 'bye');
    assert.equal(withTerminationMessage(c, ''), c);
  });
});
