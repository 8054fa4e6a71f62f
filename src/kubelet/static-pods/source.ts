/**
 * @module kubelet/static-pods/source
 * Watches manifest directories (`DATA_DIR/manifests`, `--pod-manifest-path`) and keeps the set
 * of static pods they define. Changes are noticed through fs.watch (debounced) and a periodic
 * rescan (20 s, upstream's file check frequency) for filesystems where watching is unreliable.
 *
 * A file's pod keeps its identity (and first-seen time) while the file's content is unchanged;
 * an edit replaces it (delete of the old UID, add of the new one); removing the file deletes it.
 * Hidden files (`.name`) are ignored, as upstream does.
 */
import { watch, readdirSync, readFileSync, statSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '../../api/core/pods/types.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { parseStaticPod } from './manifest.js';

export const RESCAN_INTERVAL_MS = 20_000;

export interface StaticPodSet {
  /** The current static pods (one per valid manifest file). */
  pods(): Pod[];
  /** Fires after each change; returns an unsubscribe. */
  onChange(listener: (pod: Pod, type: 'add' | 'update' | 'delete') => void): () => void;
  /** Rescans now (also called by the watcher and the timer). */
  rescan(): void;
  stop(): void;
}

export interface StaticPodSourceOptions {
  /** Directories to read; missing ones count as empty (and are rescanned). */
  dirs: string[];
  nodeName: string;
  clock: Clock;
  log: Logger;
  /** Default 20 s. */
  rescanMs?: number;
  /** Default true: also react to fs.watch notifications. */
  watch?: boolean;
}

interface Entry {
  text: string;
  pod: Pod;
}

/** Reads the directories once at creation (so `pods()` is complete at once), then keeps watching. */
export function createStaticPodSource(o: StaticPodSourceOptions): StaticPodSet {
  const byFile = new Map<string, Entry>();
  const listeners = new Set<(pod: Pod, type: 'add' | 'update' | 'delete') => void>();
  const badFiles = new Map<string, string>();
  let stopped = false;

  const emit = (pod: Pod, type: 'add' | 'update' | 'delete') => {
    for (const l of listeners) {
      try {
        l(pod, type);
      } catch (err) {
        o.log.warn({ error: String(err) }, 'static pod listener failed');
      }
    }
  };

  const listFiles = (): Map<string, string> => {
    const files = new Map<string, string>();
    for (const dir of o.dirs) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const n of names.sort()) {
        if (n.startsWith('.')) continue;
        const path = join(dir, n);
        try {
          if (!statSync(path).isFile()) continue;
          files.set(path, readFileSync(path, 'utf8'));
        } catch {
          // Vanished between readdir and read: treated as removed.
        }
      }
    }
    return files;
  };

  const rescan = () => {
    if (stopped) return;
    const files = listFiles();
    for (const [path, entry] of byFile) {
      if (files.get(path) === entry.text) continue;
      byFile.delete(path);
      emit(entry.pod, 'delete');
    }
    for (const [path, text] of files) {
      if (byFile.has(path)) continue;
      const r = parseStaticPod(text, path, o.nodeName, o.clock.now());
      if ('error' in r) {
        if (badFiles.get(path) !== text)
          o.log.warn({ file: path, error: r.error }, 'ignoring static pod manifest');
        badFiles.set(path, text);
        continue;
      }
      badFiles.delete(path);
      const clash = [...byFile.values()].find((e) => e.pod.metadata.uid === r.pod.metadata.uid);
      if (clash) continue;
      byFile.set(path, { text, pod: r.pod });
      emit(r.pod, 'add');
    }
  };

  rescan();

  let timer = o.clock.setTimeout(function tick() {
    rescan();
    if (!stopped) timer = o.clock.setTimeout(tick, o.rescanMs ?? RESCAN_INTERVAL_MS);
  }, o.rescanMs ?? RESCAN_INTERVAL_MS);

  const watchers: FSWatcher[] = [];
  let pending: { cancel(): void } | undefined;
  if (o.watch !== false) {
    for (const dir of o.dirs) {
      try {
        const w = watch(dir, { persistent: false }, () => {
          // Editors write in several steps; wait for them to settle.
          pending?.cancel();
          pending = o.clock.setTimeout(rescan, 100);
        });
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // Directory missing: the periodic rescan picks it up once it exists.
      }
    }
  }

  return {
    pods: () => [...byFile.values()].map((e) => e.pod),
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    rescan,
    stop() {
      stopped = true;
      timer.cancel();
      pending?.cancel();
      for (const w of watchers) w.close();
    },
  };
}
