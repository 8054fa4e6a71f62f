import { createSimRuntime } from '../../runtime/sim/index.js';
import { realClock } from '../../util/clock.js';
import { silentLogger } from '../../util/logger.js';
import { PodWorkers } from '../pod-workers.js';
import { createProbeManager } from '../prober/index.js';
import { KubeletPodSyncer } from '../runtime-manager/pod-syncer.js';
import { makePod, MemoryStatusWriter, RecordingEvents } from './harness.js';

const N = Number(process.argv[2] ?? 1000);
const clock = realClock;
const rt = createSimRuntime({ clock, preloadedImages: ['nginx:1.27'] });
const events = new RecordingEvents();
const status = new MemoryStatusWriter();
const probes = createProbeManager({ runtime: rt.runtime, events, clock });
const syncer = new KubeletPodSyncer({
  runtime: rt,
  probes,
  status,
  events,
  clock,
  log: silentLogger,
  rootDir: '/tmp/klbench',
  nodeIP: '1.2.3.4',
  logDirs: { mkdirp: async () => {}, remove: async () => {} },
});
const workers = new PodWorkers({ syncer, clock, log: silentLogger });
rt.runtime.subscribe?.((e) => workers.resync(e.podUid));
const pods = Array.from({ length: N }, (_, i) => makePod({}, `p${i}`));
const t0 = Date.now();
for (const p of pods) workers.update(p);
for (;;) {
  await new Promise((r) => setTimeout(r, 50));
  const running = pods.filter((p) => status.getPodStatus(p.metadata.uid!)?.phase === 'Running').length;
  if (running === N) break;
}
console.log(
  `${N} pods Running in ${Date.now() - t0} ms; status writes ${status.writes}; mem ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
);
probes.stop();
await rt.close();
process.exit(0);
