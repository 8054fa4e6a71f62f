/**
 * @module scheduler/framework/runner
 * Runs the configured plugins at each extension point, in order: PreFilter (all; the first
 * rejection ends the cycle), Filter (per node; the first failing plugin decides), PostFilter (until
 * one succeeds), Score (each plugin scores every feasible node, normalizes, then is weighted).
 */
import type { Pod } from '../../api/core/pods/types.js';
import {
  Code,
  CycleState,
  MAX_NODE_SCORE,
  Status,
  isFilter,
  isPostFilter,
  isPreFilter,
  isScore,
  type AnyPlugin,
  type FilterPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterPlugin,
  type ScorePlugin,
  type SnapshotLister,
} from './interface.js';
import type { NodeInfo } from './node-info.js';

export interface FrameworkOptions {
  plugins: readonly AnyPlugin[];
  /** Score weight by plugin name; default 1. */
  weights?: Readonly<Record<string, number>>;
}

export class Framework {
  readonly preFilters: (AnyPlugin & PreFilterPlugin)[];
  readonly filters: (AnyPlugin & FilterPlugin)[];
  readonly postFilters: (AnyPlugin & PostFilterPlugin)[];
  readonly scorers: { plugin: AnyPlugin & ScorePlugin; weight: number }[];
  readonly plugins: readonly AnyPlugin[];

  constructor(opts: FrameworkOptions) {
    this.plugins = opts.plugins;
    this.preFilters = opts.plugins.filter(isPreFilter);
    this.filters = opts.plugins.filter(isFilter);
    this.postFilters = opts.plugins.filter(isPostFilter);
    this.scorers = opts.plugins
      .filter(isScore)
      .map((plugin) => ({ plugin, weight: opts.weights?.[plugin.name] ?? 1 }));
  }

  /** Success, or the first rejection / error (with `plugin` set). Skips are remembered in `state`. */
  runPreFilter(state: CycleState, pod: Pod, snapshot: SnapshotLister): Status {
    for (const p of this.preFilters) {
      let s: Status;
      try {
        s = p.preFilter(state, pod, snapshot);
      } catch (err) {
        return Status.error(err).withPlugin(p.name);
      }
      if (s.code === Code.Skip) state.skipFilter.add(p.name);
      else if (!s.isSuccess) return s.withPlugin(p.name);
    }
    return Status.success();
  }

  /** Success, or the status of the first plugin that rejects `node`. */
  runFilter(state: CycleState, pod: Pod, node: NodeInfo): Status {
    for (const p of this.filters) {
      if (state.skipFilter.has(p.name)) continue;
      let s: Status;
      try {
        s = p.filter(state, pod, node);
      } catch (err) {
        return Status.error(err).withPlugin(p.name);
      }
      if (!s.isSuccess) return s.withPlugin(p.name);
    }
    return Status.success();
  }

  /** Runs PostFilter plugins until one succeeds; otherwise returns the last rejection. */
  runPostFilter(
    state: CycleState,
    pod: Pod,
    statuses: ReadonlyMap<string, Status>,
    snapshot: SnapshotLister,
  ): { result?: PostFilterResult; status: Status } {
    let last: { result?: PostFilterResult; status: Status } = { status: Status.unschedulable() };
    for (const p of this.postFilters) {
      const out = p.postFilter(state, pod, statuses, snapshot);
      if (out.status.isSuccess || out.status.code === Code.Error) return out;
      last = out;
    }
    return last;
  }

  /** Weighted total score of each node in `nodes` (same order). */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], snapshot: SnapshotLister): number[] {
    const totals = new Array<number>(nodes.length).fill(0);
    for (const { plugin, weight } of this.scorers) {
      if (plugin.preScore) {
        const s = plugin.preScore(state, pod, nodes, snapshot);
        if (s.code === Code.Skip) continue;
        if (!s.isSuccess) throw new Error(`${plugin.name} PreScore: ${s.message}`);
      }
      const scores = nodes.map((n) => plugin.score(state, pod, n));
      plugin.normalize?.(state, pod, scores);
      for (let i = 0; i < scores.length; i++) {
        const v = Math.max(0, Math.min(MAX_NODE_SCORE, scores[i]));
        totals[i] += v * weight;
      }
    }
    return totals;
  }
}

export { CycleState };
