import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../api/core/nodes/types.js';
import type { Pod } from '../../api/core/pods/types.js';
import { SchedulerCache } from '../cache.js';
import { CycleState, Code } from '../framework/interface.js';
import { podRequests } from '../framework/resources.js';
import { schedulePod, selectHost } from '../schedule-one.js';
import { balancedScore } from './balanced-allocation.js';
import { defaultNormalize } from './node-affinity.js';
import { leastAllocatedScore } from './node-resources-fit.js';
import { defaultFramework } from '../scheduler.js';
import { newInterPodAffinity, ERR_ANTI_AFFINITY, ERR_EXISTING_ANTI_AFFINITY } from './inter-pod-affinity.js';
import { fits as affinityFits } from './node-affinity.js';
import { fits as portsFit } from './node-ports.js';
import { insufficientResources } from './node-resources-fit.js';
import { fits as unschedFits } from './node-unschedulable.js';
import { newPodTopologySpread, ERR_CONSTRAINTS } from './pod-topology-spread.js';
import { intolerablePreferNoSchedule, untolerated, untoleratedReason } from './taint-toleration.js';
import { NodeInfo } from '../framework/node-info.js';
import { Nominator } from '../nominator.js';

function node(
  name: string,
  labels: Record<string, string> = {},
  spec: Node['spec'] = {},
  alloc = { cpu: '2', memory: '4Gi', pods: '110' },
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec,
    status: { allocatable: alloc },
  };
}
function pod(name: string, spec: Partial<Pod['spec']> = {}, labels: Record<string, string> = {}): Pod {
  return { metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c' }], ...spec } };
}
const req = (cpu?: string, memory?: string) => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
});

test('pod requests: max of init containers vs containers+sidecars, plus overhead', () => {
  const p = pod('p', {
    initContainers: [
      { name: 'side', restartPolicy: 'Always', ...req('200m') },
      { name: 'init', ...req('1') },
    ],
    containers: [{ name: 'a', ...req('300m', '1Gi') }],
    overhead: { cpu: '50m' },
  });
  // init: 1000 + sidecar 200 = 1200 > containers 300 + sidecar 200 = 500.
  assert.equal(podRequests(p).requests.milliCPU, 1250);
  assert.equal(podRequests(p).requests.memory, 1024 ** 3);
  assert.equal(podRequests(pod('z')).nonZero.milliCPU, 100);
});

test('NodeResourcesFit lists every insufficient resource in order', () => {
  const ni = new NodeInfo(node('n', {}, {}, { cpu: '1', memory: '1Gi', pods: '1' }));
  ni.addPod(pod('x', { nodeName: 'n', containers: [{ name: 'c', ...req('800m') }] }));
  const r = podRequests(pod('y', { containers: [{ name: 'c', ...req('500m', '2Gi') }] })).requests;
  assert.deepEqual(insufficientResources(r, ni), [
    'Too many pods',
    'Insufficient cpu',
    'Insufficient memory',
  ]);
});

test('taints, cordon, ports and node affinity filters', () => {
  const tainted = new NodeInfo(
    node(
      't',
      {},
      {
        taints: [
          { key: 'k', value: 'v', effect: 'NoSchedule' },
          { key: 'p', effect: 'PreferNoSchedule' },
        ],
      },
    ),
  );
  const taint = untolerated(pod('a'), tainted)!;
  assert.equal(untoleratedReason(taint), 'node(s) had untolerated taint {k: v}');
  assert.equal(
    untolerated(pod('a', { tolerations: [{ key: 'k', operator: 'Exists' }] }), tainted),
    undefined,
  );
  const cordoned = new NodeInfo(node('c', {}, { unschedulable: true }));
  assert.equal(unschedFits(pod('a'), cordoned), false);
  assert.equal(
    unschedFits(
      pod('a', {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      }),
      cordoned,
    ),
    true,
  );
  const ni = new NodeInfo(node('n', { disk: 'ssd', gen: '5' }));
  ni.addPod(
    pod('h', { nodeName: 'n', containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] }),
  );
  assert.equal(
    portsFit(
      pod('q', {
        containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }],
      }),
      ni,
    ),
    false,
  );
  assert.equal(
    portsFit(
      pod('q', {
        containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080, protocol: 'UDP' }] }],
      }),
      ni,
    ),
    true,
  );
  assert.equal(affinityFits(pod('s', { nodeSelector: { disk: 'ssd' } }), ni), true);
  const gt = {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['6'] }] }],
    },
  };
  assert.equal(affinityFits(pod('s', { affinity: { nodeAffinity: gt } }), ni), false);
});

test('inter-pod anti-affinity both ways', () => {
  const cache = new SchedulerCache();
  cache.upsertNode(node('a'));
  cache.upsertNode(node('b'));
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  cache.addOrUpdatePod(pod('db1', { nodeName: 'a' }, { app: 'db' }));
  const pl = newInterPodAffinity();
  const incoming = pod(
    'db2',
    { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
    { app: 'db' },
  );
  const st = new CycleState();
  assert.equal(pl.preFilter(st, incoming, cache).code, Code.Success);
  assert.deepEqual(pl.filter(st, incoming, cache.get('a')!).reasons, [ERR_ANTI_AFFINITY]);
  assert.equal(pl.filter(st, incoming, cache.get('b')!).isSuccess, true);
  cache.addOrUpdatePod({ ...incoming, spec: { ...incoming.spec, nodeName: 'b' } });
  const st2 = new CycleState();
  const plain = pod('db3', {}, { app: 'db' });
  pl.preFilter(st2, plain, cache);
  assert.deepEqual(pl.filter(st2, plain, cache.get('b')!).reasons, [ERR_EXISTING_ANTI_AFFINITY]);
});

test('topology spread DoNotSchedule enforces maxSkew', () => {
  const cache = new SchedulerCache();
  cache.upsertNode(node('a', { zone: 'z1' }));
  cache.upsertNode(node('b', { zone: 'z2' }));
  cache.addOrUpdatePod(pod('w1', { nodeName: 'a' }, { app: 'w' }));
  const p = pod(
    'w2',
    {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'w' } },
        },
      ],
    },
    { app: 'w' },
  );
  const pl = newPodTopologySpread();
  const st = new CycleState();
  pl.preFilter(st, p, cache);
  assert.deepEqual(pl.filter(st, p, cache.get('a')!).reasons, [ERR_CONSTRAINTS]);
  assert.equal(pl.filter(st, p, cache.get('b')!).isSuccess, true);
});

test('schedulePod: FitError message with preemption diagnosis, and the no-nodes message', () => {
  const fwk = defaultFramework();
  const cache = new SchedulerCache();
  assert.deepEqual(schedulePod(fwk, cache, pod('x')), {
    kind: 'unschedulable',
    message: 'no nodes available to schedule pods',
    plugins: new Set(),
  });
  cache.upsertNode(
    node('cp', {}, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  );
  cache.upsertNode(node('w1', {}, {}, { cpu: '1', memory: '1Gi', pods: '10' }));
  cache.upsertNode(node('w2', {}, {}, { cpu: '1', memory: '1Gi', pods: '10' }));
  const r = schedulePod(fwk, cache, pod('big', { containers: [{ name: 'c', ...req('2') }] }));
  assert.equal(r.kind, 'unschedulable');
  assert.equal(
    (r as { message: string }).message,
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
  );
  const ok = schedulePod(fwk, cache, pod('small', { containers: [{ name: 'c', ...req('100m') }] }));
  assert.ok(ok.kind === 'scheduled' && ok.node.startsWith('w'));
});

test('scores: LeastAllocated, BalancedAllocation, PreferNoSchedule taints, tie-break', () => {
  const ni = new NodeInfo(node('n', {}, {}, { cpu: '4', memory: '8Gi', pods: '110' }));
  ni.addPod(pod('x', { nodeName: 'n', containers: [{ name: 'c', ...req('1', '2Gi') }] }));
  const p = pod('y', { containers: [{ name: 'c', ...req('1', '4Gi') }] });
  // cpu: (4000-2000)/4000 = 50; memory: (8-6)/8 = 25 → 37.
  assert.equal(leastAllocatedScore(p, ni), 37);
  // fractions 0.5 and 0.75 → 100 · (1 − 0.125) = 87.
  assert.equal(balancedScore(p, ni), 87);
  const soft = new NodeInfo(
    node(
      's',
      {},
      {
        taints: [
          { key: 'a', effect: 'PreferNoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
        ],
      },
    ),
  );
  assert.equal(intolerablePreferNoSchedule([{ key: 'a', operator: 'Exists' }], soft), 1);
  const scores = [2, 0, 1];
  defaultNormalize(scores, true);
  assert.deepEqual(scores, [0, 100, 50]);
  const nodes = [ni, soft, new NodeInfo(node('t'))];
  assert.equal(
    selectHost(nodes, [5, 9, 9], () => 0.9),
    's',
  );
  assert.equal(
    selectHost(nodes, [5, 9, 9], () => 0.1),
    't',
  );
});

test('preemption nominates the node where evicting the fewest, least important lower-priority pods lets the pod fit', () => {
  const fwk = defaultFramework();
  const cache = new SchedulerCache();
  cache.upsertNode(node('a', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  cache.upsertNode(node('b', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  const running = (name: string, on: string, cpu: string, priority: number, start: string) => ({
    ...pod(name, { nodeName: on, priority, containers: [{ name: 'c', ...req(cpu) }] }),
    status: { startTime: start },
  });
  // a: two pods of priority 10; b: one pod of priority 5 and one of priority 100.
  cache.addOrUpdatePod(running('a1', 'a', '1', 10, '2026-01-01T00:00:00Z'));
  cache.addOrUpdatePod(running('a2', 'a', '1', 10, '2026-01-01T00:01:00Z'));
  cache.addOrUpdatePod(running('b1', 'b', '1', 5, '2026-01-01T00:00:00Z'));
  cache.addOrUpdatePod(running('b2', 'b', '1', 100, '2026-01-01T00:00:00Z'));
  const high = pod('high', { priority: 50, containers: [{ name: 'c', ...req('1') }] });
  const r = schedulePod(fwk, cache, high);
  assert.equal(r.kind, 'unschedulable');
  const nominated = (r as { nominated?: { node: string; victims: Pod[] } }).nominated;
  // On a one victim of priority 10 is enough, on b one of priority 5: b's highest victim is lower.
  assert.equal(nominated?.node, 'b');
  assert.deepEqual(
    nominated?.victims.map((v) => v.metadata.name),
    ['b1'],
  );
  assert.equal((r as { message: string }).message, '0/2 nodes are available: 2 Insufficient cpu.');

  // Without b, a's less important victim is the one that started later.
  cache.removeNode('b');
  const onA = schedulePod(fwk, cache, high) as { nominated?: { node: string; victims: Pod[] } };
  assert.equal(onA.nominated?.node, 'a');
  assert.deepEqual(
    onA.nominated?.victims.map((v) => v.metadata.name),
    ['a2'],
  );
  // A pod that may not preempt, or one whose victims are still terminating, evicts nothing.
  const never = schedulePod(fwk, cache, { ...high, spec: { ...high.spec, preemptionPolicy: 'Never' } });
  assert.equal((never as { nominated?: unknown }).nominated, undefined);
  assert.match(
    (never as { message: string }).message,
    /preemption: not eligible due to preemptionPolicy=Never\./,
  );
  const victim = cache.get('a')!.pods.get('default/a2')!;
  // Terminating because this scheduler preempted it (upstream's podTerminatingByPreemption).
  cache.addOrUpdatePod({
    ...victim,
    metadata: { ...victim.metadata, deletionTimestamp: '2026-01-01T00:05:00Z' },
    status: {
      ...victim.status,
      conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }],
    },
  } as Pod);
  // Preemption that finds nothing clears an earlier nomination (an empty nominated node).
  const hopeless = pod('hopeless', { priority: 1, containers: [{ name: 'c', ...req('1') }] });
  assert.deepEqual((schedulePod(fwk, cache, hopeless) as { nominated?: unknown }).nominated, {
    node: '',
    victims: [],
  });
  const waiting = schedulePod(fwk, cache, { ...high, status: { nominatedNodeName: 'a' } });
  assert.equal(
    (waiting as { nominated?: unknown }).nominated,
    undefined,
    'it waits for the terminating victim',
  );
  assert.match(
    (waiting as { message: string }).message,
    /preemption: not eligible due to a terminating pod on the nominated node\./,
  );
});

test('pods nominated to a node keep their room from pods of lower or equal priority', () => {
  const fwk = defaultFramework();
  const cache = new SchedulerCache();
  cache.upsertNode(node('a', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  const nominator = new Nominator();
  const waiting = {
    ...pod('waiting', { priority: 100, containers: [{ name: 'c', ...req('1500m') }] }),
    status: { nominatedNodeName: 'a' },
  };
  nominator.upsert(waiting);
  const reserved = (p: Pod, n: string) => nominator.reservedFor(p, n);
  const low = pod('low', { priority: 0, containers: [{ name: 'c', ...req('1') }] });
  const r = schedulePod(fwk, cache, low, Math.random, reserved);
  assert.equal(r.kind, 'unschedulable');
  assert.match((r as { message: string }).message, /^0\/1 nodes are available: 1 Insufficient cpu\./);
  const urgent = pod('urgent', { priority: 200, containers: [{ name: 'c', ...req('1') }] });
  assert.equal(schedulePod(fwk, cache, urgent, Math.random, reserved).kind, 'scheduled');
  assert.equal(
    schedulePod(fwk, cache, waiting, Math.random, reserved).kind,
    'scheduled',
    'not its own rival',
  );
  nominator.remove(waiting);
  assert.equal(
    schedulePod(fwk, cache, low, Math.random, reserved).kind,
    'scheduled',
    'bound or gone: room freed',
  );
});

test('preemption prefers victims no PodDisruptionBudget protects, and nodes with fewer violations', () => {
  const budget = (allowed: number, disrupted: Record<string, string> = {}) => [
    {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } } },
      status: { disruptionsAllowed: allowed, disruptedPods: disrupted },
    },
  ];
  let pdbs: ReturnType<typeof budget> = budget(0);
  const fwk = defaultFramework(() => pdbs);
  const cache = new SchedulerCache();
  cache.upsertNode(node('a', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  cache.upsertNode(node('b', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  const running = (name: string, on: string, priority: number, labels: Record<string, string> = {}) => ({
    ...pod(name, { nodeName: on, priority, containers: [{ name: 'c', ...req('1') }] }, labels),
    status: { startTime: '2026-01-01T00:00:00Z' },
  });
  // a's pods are cheaper to evict by priority, but the budget protects them (none allowed).
  cache.addOrUpdatePod(running('a1', 'a', 1, { app: 'web' }));
  cache.addOrUpdatePod(running('a2', 'a', 1, { app: 'web' }));
  cache.addOrUpdatePod(running('b1', 'b', 5));
  cache.addOrUpdatePod(running('b2', 'b', 5));
  const high = pod('high', { priority: 50, containers: [{ name: 'c', ...req('1') }] });
  const nominated = (r: unknown) => (r as { nominated?: { node: string; victims: Pod[] } }).nominated;
  assert.equal(nominated(schedulePod(fwk, cache, high))?.node, 'b', 'no violation beats lower priority');

  // With one disruption allowed a's victim violates nothing: its lower priority wins again.
  pdbs = budget(1);
  assert.equal(nominated(schedulePod(fwk, cache, high))?.node, 'a');
  // A pod the budget already counts as disrupted takes nothing from it.
  pdbs = budget(0, { a2: '2026-01-01T00:00:00Z' });
  assert.equal(nominated(schedulePod(fwk, cache, high))?.node, 'a');

  // On one node, the unprotected pod is the victim even though the protected one matters less.
  cache.removeNode('b');
  pdbs = budget(0);
  cache.removePod(running('a2', 'a', 1, { app: 'web' }));
  cache.addOrUpdatePod(running('a3', 'a', 2));
  const onA = nominated(schedulePod(fwk, cache, high));
  assert.deepEqual(
    onA?.victims.map((v) => v.metadata.name),
    ['a3'],
  );
  // When only protected pods can make room, they are evicted anyway (budgets are a preference).
  cache.removePod(running('a3', 'a', 2));
  cache.addOrUpdatePod(running('a4', 'a', 1, { app: 'web' }));
  assert.equal(nominated(schedulePod(fwk, cache, high))?.victims.length, 1);
});

test('preemption sees victims gone in what PreFilter counted: a pod kept off by anti-affinity preempts', () => {
  const fwk = defaultFramework();
  const cache = new SchedulerCache();
  cache.upsertNode(node('a'));
  // A low-priority pod labelled app=db; the new pod refuses to share a host with app=db.
  cache.addOrUpdatePod({
    ...pod('db', { nodeName: 'a', priority: 1 }, { app: 'db' }),
    status: { startTime: '2026-01-01T00:00:00Z' },
  });
  const picky = pod('picky', {
    priority: 100,
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    },
  });
  const r = schedulePod(fwk, cache, picky) as { kind: string; nominated?: { node: string; victims: Pod[] } };
  assert.equal(r.kind, 'unschedulable');
  assert.equal(r.nominated?.node, 'a');
  assert.deepEqual(
    r.nominated?.victims.map((v) => v.metadata.name),
    ['db'],
  );
});

test('preemption leaves room for pods nominated to the node with at least its priority', () => {
  const cache = new SchedulerCache();
  cache.upsertNode(node('a', {}, {}, { cpu: '2', memory: '4Gi', pods: '10' }));
  cache.addOrUpdatePod({
    ...pod('victim', { nodeName: 'a', priority: 1, containers: [{ name: 'c', ...req('1500m') }] }),
    status: { startTime: '2026-01-01T00:00:00Z' },
  });
  const preemptor = pod('mid', { priority: 50, containers: [{ name: 'c', ...req('1') }] });
  const free = schedulePod(defaultFramework(), cache, preemptor) as { nominated?: { node: string } };
  assert.equal(free.nominated?.node, 'a', 'without a nomination the victim makes room');
  // A pod of priority 100 waits for 1.5 CPU on a: even without the victim, 1 CPU is not left.
  const waiting = pod('first', { priority: 100, containers: [{ name: 'c', ...req('1500m') }] });
  const fwk = defaultFramework(
    () => [],
    (p, n) => (n === 'a' && (p.spec.priority ?? 0) <= 100 ? [waiting] : []),
  );
  const r = schedulePod(fwk, cache, preemptor) as { kind: string; nominated?: { node: string } };
  assert.equal(r.kind, 'unschedulable');
  assert.equal(r.nominated?.node, '', 'nowhere to preempt');
});
