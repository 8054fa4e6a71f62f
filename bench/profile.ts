/**
 * @module bench/profile
 * Summarises a V8 `.cpuprofile` (written by `node --cpu-prof`) into the hottest functions by
 * self time and by inclusive time, and the share per source file or package, so the create path
 * can be optimised where it matters. Idle time is left out of every share.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hot {
  what: string;
  ms: number;
  /** Share of busy (non-idle) time, 0..100. */
  pct: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  selfTop: Hot[];
  inclusiveTop: Hot[];
  byFile: Hot[];
}

/** Where a frame comes from: a project file relative to `root`, a package name, or node's internals. */
function place(url: string, root: string): string {
  if (!url) return '(native/V8)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return `pkg:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return path;
  return path.startsWith(root) ? path.slice(root.length + 1) : path;
}

function frameKey(f: CallFrame, root: string): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  return `${name}  ${place(f.url, root)}:${f.lineNumber + 1}`;
}

/**
 * Maps frames of a bundled file (dist/kubeling.mjs) back to the TypeScript source through the
 * bundle's `.map`, so hot spots name src/... files. Frames without a map are returned unchanged.
 * `mapFiles` names a copy of the map per bundle path, taken when the profiled process started: a
 * rebuild in between would otherwise map every frame to the wrong place.
 */
function sourceMapper(mapFiles: ReadonlyMap<string, string>): (f: CallFrame) => CallFrame {
  const maps = new Map<string, SourceMap | null>();
  const load = (path: string): SourceMap | null => {
    if (!maps.has(path)) {
      let sm: SourceMap | null = null;
      const file = mapFiles.get(path) ?? `${path}.map`;
      try {
        if (existsSync(file)) sm = new SourceMap(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        sm = null;
      }
      maps.set(path, sm);
    }
    return maps.get(path)!;
  };
  return (f) => {
    if (!f.url.startsWith('file://')) return f;
    const path = f.url.slice('file://'.length);
    const sm = load(path);
    if (!sm) return f;
    const e = sm.findEntry(f.lineNumber, f.columnNumber ?? 0) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!e.originalSource || e.originalLine === undefined) return f;
    const src = e.originalSource.startsWith('file://')
      ? e.originalSource.slice('file://'.length)
      : resolve(dirname(path), e.originalSource);
    return { ...f, url: `file://${src}`, lineNumber: e.originalLine };
  };
}

const IDLE = new Set(['(idle)']);
/** Frames left out of the inclusive ranking: the event loop's plumbing is on every stack. */
const INTERNAL = /^(node:|\(native)/;

/**
 * Reads and summarises the profile at `path`; `root` shortens project paths; `mapFiles` (bundle
 * path → source map copy) pins the source maps to the profiled build.
 */
export function summariseProfile(
  path: string,
  root: string,
  top = 25,
  mapFiles: ReadonlyMap<string, string> = new Map(),
): ProfileSummary {
  const prof = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const toSource = sourceMapper(mapFiles);
  for (const n of prof.nodes) n.callFrame = toSource(n.callFrame);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfById = new Map<number, number>();
  prof.samples.forEach((id, i) =>
    selfById.set(id, (selfById.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000),
  );

  let idleMs = 0;
  let busyMs = 0;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const file = new Map<string, number>();
  for (const [id, ms] of selfById) {
    const node = byId.get(id)!;
    if (IDLE.has(node.callFrame.functionName)) {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const key = frameKey(node.callFrame, root);
    self.set(key, (self.get(key) ?? 0) + ms);
    const where = node.callFrame.url
      ? place(node.callFrame.url, root)
      : node.callFrame.functionName || '(native/V8)';
    file.set(where, (file.get(where) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets this sample once (recursion-safe).
    const onStack = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (f.functionName === '(root)') continue;
      onStack.add(frameKey(f, root));
    }
    for (const k of onStack) incl.set(k, (incl.get(k) ?? 0) + ms);
  }
  const rank = (m: Map<string, number>): Hot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, ms]) => ({ what, ms, pct: busyMs > 0 ? (ms / busyMs) * 100 : 0 }));
  for (const k of incl.keys()) {
    const at = k.lastIndexOf('  ');
    if (at < 0 || INTERNAL.test(k.slice(at + 2))) incl.delete(k);
  }
  return { busyMs, idleMs, selfTop: rank(self), inclusiveTop: rank(incl), byFile: rank(file) };
}

/** Renders a summary as text. */
export function formatProfile(s: ProfileSummary, what = 'the create benchmark'): string {
  const list = (title: string, hs: Hot[]) => [
    `\n${title}`,
    ...hs.map((h) => `  ${h.pct.toFixed(1).padStart(5)}%  ${h.ms.toFixed(0).padStart(7)} ms  ${h.what}`),
  ];
  return [
    `\nCPU profile of kubeling during ${what}: busy ${(s.busyMs / 1000).toFixed(1)} s, idle ${(s.idleMs / 1000).toFixed(1)} s (shares are of busy time)`,
    ...list('Top functions by self time:', s.selfTop),
    ...list('Top project and package functions by inclusive time (callees included):', s.inclusiveTop),
    ...list('Self time by file / package:', s.byFile),
  ].join('\n');
}
