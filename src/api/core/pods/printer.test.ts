import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printer, summarizePod, type PodView } from './printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

type Status = NonNullable<PodView['status']>;
type Spec = NonNullable<PodView['spec']>;

function pod(status: Status, spec: Partial<Spec> = {}, meta: Partial<PodView['metadata']> = {}): PodView {
  return {
    metadata: { name: 'p', creationTimestamp: ago(300_000), ...meta },
    spec: { containers: [{ name: 'app' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: ago(60_000) } };
const waiting = (reason?: string) => ({ waiting: reason === undefined ? {} : { reason } });
const terminated = (exitCode: number, reason?: string, signal?: number) => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) },
});
const cs = (name: string, state: object, extra: object = {}) => ({ name, state, restartCount: 0, ...extra });

const twoInits: Partial<Spec> = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
const sidecarSpec: Partial<Spec> = { initContainers: [{ name: 'side', restartPolicy: 'Always' }] };

// [description, pod, READY, STATUS, RESTARTS]
const cases: [string, PodView, string, string, string][] = [
  ['pending with no statuses', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
  [
    'container creating',
    pod({ phase: 'Pending', containerStatuses: [cs('app', waiting('ContainerCreating'))] }),
    '0/1',
    'ContainerCreating',
    '0',
  ],
  [
    'running and ready',
    pod({ phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] }),
    '1/1',
    'Running',
    '0',
  ],
  [
    'running, not ready',
    pod({ phase: 'Running', containerStatuses: [cs('app', running)] }),
    '0/1',
    'Running',
    '0',
  ],
  [
    'crash loop with last restart time',
    pod({
      phase: 'Running',
      containerStatuses: [
        cs('app', waiting('CrashLoopBackOff'), {
          restartCount: 3,
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(20_000) } },
        }),
      ],
    }),
    '0/1',
    'CrashLoopBackOff',
    '3 (20s ago)',
  ],
  [
    'restarts without a finish time print the bare count',
    pod({ phase: 'Running', containerStatuses: [cs('app', running, { ready: true, restartCount: 2 })] }),
    '1/1',
    'Running',
    '2',
  ],
  [
    'succeeded pod',
    pod({ phase: 'Succeeded', containerStatuses: [cs('app', terminated(0, 'Completed'))] }),
    '0/1',
    'Completed',
    '0',
  ],
  [
    'failed with Error',
    pod({ phase: 'Failed', containerStatuses: [cs('app', terminated(1, 'Error'))] }),
    '0/1',
    'Error',
    '0',
  ],
  [
    'OOMKilled',
    pod({ phase: 'Failed', containerStatuses: [cs('app', terminated(137, 'OOMKilled'))] }),
    '0/1',
    'OOMKilled',
    '0',
  ],
  [
    'terminated by signal',
    pod({ phase: 'Failed', containerStatuses: [cs('app', terminated(0, '', 9))] }),
    '0/1',
    'Signal:9',
    '0',
  ],
  [
    'terminated, exit code only',
    pod({ phase: 'Failed', containerStatuses: [cs('app', terminated(2))] }),
    '0/1',
    'ExitCode:2',
    '0',
  ],
  [
    'first container in spec order with a reason wins',
    pod(
      {
        phase: 'Pending',
        containerStatuses: [cs('a', waiting('ImagePullBackOff')), cs('b', waiting('ErrImagePull'))],
      },
      { containers: [{ name: 'a' }, { name: 'b' }] },
    ),
    '0/2',
    'ImagePullBackOff',
    '0',
  ],
  [
    'Completed with another container running and pod Ready → Running',
    pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })],
      },
      { containers: [{ name: 'a' }, { name: 'b' }] },
    ),
    '1/2',
    'Running',
    '0',
  ],
  [
    'Completed with another container running, pod not Ready → NotReady',
    pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })],
      },
      { containers: [{ name: 'a' }, { name: 'b' }] },
    ),
    '1/2',
    'NotReady',
    '0',
  ],
  [
    'init container running → Init:0/2',
    pod({ phase: 'Pending', initContainerStatuses: [cs('i1', running), cs('i2', waiting())] }, twoInits),
    '0/1',
    'Init:0/2',
    '0',
  ],
  [
    'init waiting PodInitializing counts as progress',
    pod(
      {
        phase: 'Pending',
        initContainerStatuses: [cs('i1', terminated(0, 'Completed')), cs('i2', waiting('PodInitializing'))],
      },
      twoInits,
    ),
    '0/1',
    'Init:1/2',
    '0',
  ],
  [
    'init crash loop',
    pod(
      {
        phase: 'Pending',
        initContainerStatuses: [cs('i1', waiting('CrashLoopBackOff'), { restartCount: 4 })],
      },
      twoInits,
    ),
    '0/1',
    'Init:CrashLoopBackOff',
    '4',
  ],
  [
    'init failed with reason',
    pod({ phase: 'Pending', initContainerStatuses: [cs('i1', terminated(1, 'Error'))] }, twoInits),
    '0/1',
    'Init:Error',
    '0',
  ],
  [
    'init failed by signal',
    pod({ phase: 'Pending', initContainerStatuses: [cs('i1', terminated(137, '', 9))] }, twoInits),
    '0/1',
    'Init:Signal:9',
    '0',
  ],
  [
    'init failed, exit code only',
    pod({ phase: 'Pending', initContainerStatuses: [cs('i1', terminated(3))] }, twoInits),
    '0/1',
    'Init:ExitCode:3',
    '0',
  ],
  [
    'inits done, main container PodInitializing',
    pod(
      {
        phase: 'Pending',
        initContainerStatuses: [cs('i1', terminated(0, 'Completed')), cs('i2', terminated(0, 'Completed'))],
        containerStatuses: [cs('app', waiting('PodInitializing'))],
      },
      twoInits,
    ),
    '0/1',
    'PodInitializing',
    '0',
  ],
  [
    'init restarts are dropped once initialization is over',
    pod(
      {
        phase: 'Running',
        initContainerStatuses: [cs('i1', terminated(0, 'Completed'), { restartCount: 2 })],
        containerStatuses: [cs('app', running, { ready: true, restartCount: 1 })],
      },
      { initContainers: [{ name: 'i1' }] },
    ),
    '1/1',
    'Running',
    '1',
  ],
  [
    'started sidecar counts toward READY and its restarts stay',
    pod(
      {
        phase: 'Running',
        initContainerStatuses: [
          cs('side', running, {
            started: true,
            ready: true,
            restartCount: 1,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(180_000) } },
          }),
        ],
        containerStatuses: [cs('app', running, { ready: true, restartCount: 1 })],
      },
      sidecarSpec,
    ),
    '2/2',
    'Running',
    '2 (3m ago)',
  ],
  [
    'sidecar not yet started blocks initialization',
    pod({ phase: 'Pending', initContainerStatuses: [cs('side', running, { started: false })] }, sidecarSpec),
    '0/2',
    'Init:0/1',
    '0',
  ],
  [
    'Initialized=True: main containers are counted, but a running one does not clear the init reason',
    pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [cs('i1', terminated(1, 'Error'), { restartCount: 5 })],
        containerStatuses: [cs('app', running, { ready: true })],
      },
      { initContainers: [{ name: 'i1' }] },
    ),
    '1/1',
    'Init:Error',
    '0',
  ],
  ['status.reason overrides the phase', pod({ phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
  [
    'scheduling gated',
    pod({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    }),
    '0/1',
    'SchedulingGated',
    '0',
  ],
  [
    'deleting a running pod → Terminating',
    pod(
      { phase: 'Running', containerStatuses: [cs('app', running, { ready: true })] },
      {},
      { deletionTimestamp: ago(1000) },
    ),
    '1/1',
    'Terminating',
    '0',
  ],
  [
    'deleting a pod on a lost node → Unknown',
    pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(1000) }),
    '0/1',
    'Unknown',
    '0',
  ],
  [
    'deleting a succeeded pod keeps Completed',
    pod(
      { phase: 'Succeeded', containerStatuses: [cs('app', terminated(0, 'Completed'))] },
      {},
      { deletionTimestamp: ago(1000) },
    ),
    '0/1',
    'Completed',
    '0',
  ],
];

test('pod READY / STATUS / RESTARTS follow upstream printPod', () => {
  assert.ok(cases.length >= 20);
  for (const [name, p, ready, status, restarts] of cases) {
    assert.deepEqual(summarizePod(p, now), { ready, status, restarts }, name);
  }
});

test('pod columns: names, types and priorities', () => {
  assert.deepEqual(
    printer.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ],
  );
  assert.equal(printer.columns[0].format, 'name');
});

test('pod row: wide cells and defaults', () => {
  const p = pod(
    {
      phase: 'Running',
      podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }],
      nominatedNodeName: 'n2',
      conditions: [
        { type: 'gate/a', status: 'True' },
        { type: 'gate/b', status: 'False' },
      ],
      containerStatuses: [cs('app', running, { ready: true })],
    },
    { nodeName: 'n1', readinessGates: [{ conditionType: 'gate/a' }, { conditionType: 'gate/b' }] },
  );
  assert.deepEqual(printer.row(p, now), {
    cells: ['p', '1/1', 'Running', '0', '5m', '10.42.0.5', 'n1', 'n2', '1/2'],
  });
  const bare = printer.row(pod({ phase: 'Pending' }), now);
  assert.deepEqual(bare.cells.slice(5), ['<none>', '<none>', '<none>', '<none>']);
  assert.equal(printer.row(pod({ phase: 'Pending', podIP: '10.0.0.1' }), now).cells[5], '10.0.0.1');
});

test('pod row conditions mark finished pods Completed', () => {
  assert.deepEqual(printer.row(pod({ phase: 'Succeeded' }), now).conditions, [
    {
      type: 'Completed',
      status: 'True',
      reason: 'Succeeded',
      message: 'The pod has completed successfully.',
    },
  ]);
  assert.deepEqual(printer.row(pod({ phase: 'Failed' }), now).conditions, [
    { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
  ]);
  assert.equal(printer.row(pod({ phase: 'Running' }), now).conditions, undefined);
});
